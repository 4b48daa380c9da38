"""When `manage.py load_demo` loads, refuses, or only renews passwords."""

import io
import random
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from PIL import Image

from accounts.models import Profile
from accounts.services import create_user_for
from centers.models import Center
from committees.models import Activist, DistrictCommittee, Territory, TosBody
from demo.loader import REGISTRY_MODELS
from demo.registry import split_total
from events.models import Event, EventPhoto
from tests.factories import (
    ActivistFactory,
    CenterEventFactory,
    CommitteeFactory,
    TerritoryFactory,
)

pytestmark = pytest.mark.django_db


def registry_counts():
    return {model.__name__: model.objects.count() for model in REGISTRY_MODELS}


def printed_password(output: str, username: str) -> str:
    return re.search(rf"логин: {username}\s+пароль: (\S+)", output).group(1)


def password_works(username: str, password: str) -> bool:
    return User.objects.get(username=username).check_password(password)


def test_refuses_a_database_with_registry_data_without_reset():
    TerritoryFactory(name="Район с данными")
    before = registry_counts()
    with pytest.raises(CommandError, match="--reset") as refused:
        call_command("load_demo", "--force", stdout=io.StringIO())
    assert refused.value.returncode != 0
    assert registry_counts() == before


def test_refuses_when_debug_is_off_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Territory.objects.exists()


def test_if_empty_on_a_loaded_database_adds_nothing_and_renews_passwords():
    committee = CommitteeFactory(number=1)
    CenterEventFactory(center__name="Импульс")
    ActivistFactory(tos_body__committee=committee)
    create_user_for(username="chair", role=Profile.Role.CHAIR, committee=committee,
                    password="old-password-2022")
    before = registry_counts()
    out = io.StringIO()

    call_command("load_demo", "--if-empty", "--force", stdout=out)

    assert registry_counts() == before
    output = out.getvalue()
    assert "Вход для всех ролей: http://127.0.0.1:8000/\n" in output
    assert not password_works("chair", "old-password-2022")
    assert password_works("chair", printed_password(output, "chair"))


def test_reset_replaces_the_registry_with_the_demo(settings):
    old = CommitteeFactory(name="Старый комитет", number=99)
    CenterEventFactory()
    create_user_for(username="someone", role=Profile.Role.CHAIR, committee=old)
    out = io.StringIO()

    call_command("load_demo", "--reset", "--force", stdout=out)

    assert not DistrictCommittee.objects.filter(name="Старый комитет").exists()
    assert not Profile.objects.filter(user__username="someone").exists()
    assert DistrictCommittee.objects.active_in(2022).count() == 54
    assert Center.objects.filter(name="Шалготарьян").exists()
    assert TosBody.objects.filter(name="Рудник").exists()
    assert Activist.objects.active_in(2022).count() > 24000
    assert Event.objects.highlights().exists()
    photo = EventPhoto.objects.first()
    with Image.open(settings.MEDIA_ROOT / photo.image.name) as image:
        assert image.format == "JPEG"
        assert image.size == (1200, 800)
    output = out.getvalue()
    for username in ("staff", "chair", "center", "viewer"):
        assert password_works(username, printed_password(output, username))


def test_split_total_keeps_the_total_and_the_floor():
    rng = random.Random(1)
    parts = split_total(rng, 1662, [rng.uniform(0.3, 1.7) for _ in range(411)], low=1)
    assert sum(parts) == 1662
    assert min(parts) >= 1
    assert len(parts) == 411
