"""An upload waits for its confirmation under a random id bound to the
session (core.imports.upload_store): a name posted by the client
never becomes a path, and nobody confirms another session's upload."""

import os
import re
import tempfile
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from committees.models import Activist
from tests.factories import PASSWORD, CommitteeFactory, TosBodyFactory

from .books import xlsx

pytestmark = pytest.mark.django_db

XLSX = 0
HEADERS = ["Окружной комитет", "Орган ТОС", "ФИО", "Роль", "Дата создания"]
IMPORT = "admin:committees_activist_import"
PROCESS = "admin:committees_activist_process_import"
HIDDEN_NAME = re.compile(r'name="import_file_name" value="([^"]*)"')


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def committee():
    committee = CommitteeFactory(number=7)
    TosBodyFactory(committee=committee, address="ул. Весенняя, 12")
    return committee


def chair(committee, username="chair"):
    user, _ = create_user_for(username=username, role=Profile.Role.CHAIR,
                              committee=committee, password=PASSWORD)
    client = Client()
    client.force_login(user)
    return client


def activists_file(*names):
    return xlsx(HEADERS, [[7, "ул. Весенняя, 12", name, "Член комитета", "01.09.2020"]
                          for name in names])


def upload(client, data, url=IMPORT):
    return client.post(reverse(url), {"import_file": SimpleUploadedFile("a.xlsx", data),
                                      "format": XLSX})


def confirm(client, name, url=PROCESS):
    return client.post(reverse(url), {"import_file_name": name,
                                      "original_file_name": "a.xlsx", "format": XLSX})


def pending_id(response) -> str:
    assert response.status_code == 200
    assert "confirm_form" in response.context, response.content.decode()[:2000]
    (name,) = HIDDEN_NAME.findall(response.content.decode())
    return name


def stored(settings, name):
    return settings.MEDIA_ROOT / "private" / "imports" / name


@pytest.fixture
def canary():
    """A file of the system's temp folder that an import must never touch."""
    path = os.path.join(tempfile.gettempdir(), f"canary-{uuid.uuid4().hex}.txt")
    with open(path, "w") as file:
        file.write("не трогать")
    yield path
    if os.path.exists(path):
        os.remove(path)


@pytest.mark.parametrize("form", ["../../{dir}/{base}", "{base}", "{path}", "../{base}"])
def test_a_path_posted_to_confirm_is_refused_and_the_file_is_untouched(committee, canary,
                                                                        form):
    client = chair(committee)
    name = form.format(dir=os.path.basename(tempfile.gettempdir()),
                       base=os.path.basename(canary), path=canary)

    response = confirm(client, name)

    assert response.status_code == 400
    assert "Загрузка не найдена" in response.content.decode()
    with open(canary) as file:
        assert file.read() == "не трогать"
    assert not Activist.objects.exists()


def test_the_confirm_page_holds_only_a_random_id(committee, settings):
    response = upload(chair(committee), activists_file("Иванова Мария Петровна"))

    name = pending_id(response)
    assert re.fullmatch(r"[0-9a-f]{32}", name)
    assert tempfile.gettempdir() not in response.content.decode()
    assert stored(settings, name).is_file()


def test_upload_then_confirm_imports_and_the_id_is_spent(committee, settings):
    client = chair(committee)
    name = pending_id(upload(client, activists_file("Иванова Мария Петровна",
                                                    "Петров Иван Ильич")))

    response = confirm(client, name)

    assert response.status_code == 302
    assert Activist.objects.count() == 2
    assert not stored(settings, name).exists()
    again = confirm(client, name)
    assert again.status_code == 400
    assert Activist.objects.count() == 2


def test_another_users_upload_id_is_refused(committee, settings):
    owner = chair(committee, "owner")
    name = pending_id(upload(owner, activists_file("Иванова Мария Петровна")))
    other = chair(CommitteeFactory(number=8), "other")

    response = confirm(other, name)

    assert response.status_code == 400
    assert stored(settings, name).is_file()  # the owner's upload is untouched
    assert not Activist.objects.exists()
    assert confirm(owner, name).status_code == 302
    assert Activist.objects.count() == 1


def test_the_same_users_other_session_is_refused(committee, settings):
    first = chair(committee)
    name = pending_id(upload(first, activists_file("Иванова Мария Петровна")))
    second = chair(committee)  # the same user logged in again elsewhere

    assert confirm(second, name).status_code == 400
    assert stored(settings, name).is_file()
    assert not Activist.objects.exists()


def test_an_upload_confirms_only_on_the_model_it_was_made_for(committee, settings):
    client = chair(committee)
    name = pending_id(upload(client, activists_file("Иванова Мария Петровна")))

    response = confirm(client, name, url="admin:committees_tosbody_process_import")

    assert response.status_code == 400
    assert stored(settings, name).is_file()
    assert confirm(client, name).status_code == 302


def test_a_file_with_errors_is_not_kept(committee, settings):
    client = chair(committee)
    response = upload(client, xlsx(HEADERS, [[7, "ул. Нет такой, 1", "Иванова", "Член комитета",
                                              "01.09.2020"]]))

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    folder = settings.MEDIA_ROOT / "private" / "imports"
    assert not folder.exists() or not any(folder.iterdir())


def test_the_storage_refuses_a_name_that_is_not_an_id():
    from django.core.exceptions import SuspiciousFileOperation

    from core.imports.upload_store import PrivateUploadStorage

    for name in ("../../etc/passwd", "/tmp/x", "ABCDEF" * 6, "0" * 31, "0" * 32 + "/"):
        with pytest.raises(SuspiciousFileOperation):
            PrivateUploadStorage(name=name)


def test_a_preview_never_confirmed_is_removed_a_day_later(committee, settings):
    client = chair(committee)
    name = pending_id(upload(client, activists_file("Иванова Мария Петровна")))
    path = stored(settings, name)
    two_days_ago = path.stat().st_mtime - 2 * 24 * 3600
    os.utime(path, (two_days_ago, two_days_ago))

    pending_id(upload(client, activists_file("Петров Иван Ильич")))

    assert not path.exists()


def test_a_session_keeps_only_its_last_few_uploads(committee, settings):
    from core.imports.upload_store import MAX_PENDING

    client = chair(committee)
    names = [pending_id(upload(client, activists_file(f"Активист {i}")))
             for i in range(MAX_PENDING + 1)]

    assert not stored(settings, names[0]).exists()
    assert confirm(client, names[0]).status_code == 400
    assert all(stored(settings, name).is_file() for name in names[1:])
    assert confirm(client, names[-1]).status_code == 302
