"""`manage.py create_user_for`: a user with a role, ready to log in."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("create_user_for", *args, stdout=out)
    return out.getvalue()


def test_creates_a_chair_who_can_log_in(client):
    committee = f.CommitteeFactory()
    out = run("--role", "chair", "--committee", str(committee.pk), "--username", "ivanova")
    password = out.split("Пароль: ")[1].split()[0]
    profile = Profile.objects.get(user__username="ivanova")
    assert (profile.role, profile.committee) == ("chair", committee)
    assert list(profile.user.groups.values_list("name", flat=True)) == [
        "Председатели окружных комитетов"
    ]
    response = client.post("/admin/login/", {"username": "ivanova", "password": password,
                                              "next": "/admin/"})
    assert response.status_code == 302


def test_updates_an_existing_user_to_another_role():
    center = f.CenterFactory()
    run("--role", "staff", "--username", "petrov")
    out = run("--role", "center", "--center", str(center.pk), "--username", "petrov")
    assert "Пароль:" not in out  # the password stays
    profile = Profile.objects.get(user__username="petrov")
    assert (profile.role, profile.center) == ("center", center)
    assert profile.user.groups.get().name == "Специалисты ЦРН"


def test_viewer_needs_a_territory():
    with pytest.raises(CommandError, match="--territory"):
        run("--role", "viewer", "--username", "nablyudatel")
