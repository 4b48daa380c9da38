"""The booklet is made off the request path: the page answers at once,
shows progress, and offers the PDF when the worker has made it."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports.models import BookletJob
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _request_booklet(client, django_capture_on_commit_callbacks, year=2022):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("reports:booklet_request", args=[year]))


def test_requesting_a_booklet_answers_at_once_with_a_queued_job(
    admin_client, queued_tasks, django_capture_on_commit_callbacks
):
    EventFactory(date=datetime.date(2022, 5, 1))
    response = _request_booklet(admin_client, django_capture_on_commit_callbacks)

    job = BookletJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:booklet_job", args=[job.pk])
    assert job.status == BookletJob.Status.QUEUED and not job.file
    page = admin_client.get(response.url).content.decode()
    assert "В очереди" in page
    assert "Скачать буклет PDF" in page  # the link is there, hidden until ready
    assert admin_client.get(reverse("reports:booklet_file", args=[job.pk])).status_code == 404


def test_the_worker_makes_the_pdf_and_the_page_offers_it(
    admin_client, queued_tasks, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker closes "old" connections between tasks; inside the test's
    # transaction that would close the test's own connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    EventFactory(date=datetime.date(2022, 5, 1))
    _request_booklet(admin_client, django_capture_on_commit_callbacks)

    call_command("db_worker", "--batch", verbosity=0)

    job = BookletJob.objects.get()
    assert job.status == BookletJob.Status.DONE and job.progress == 100
    state = admin_client.get(reverse("reports:booklet_status", args=[job.pk])).json()
    assert state["status_display"] == "Готов"
    assert state["file_url"] == reverse("reports:booklet_file", args=[job.pk])
    pdf = admin_client.get(state["file_url"])
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_failed_booklet_says_so_in_russian(
    admin_client, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("pango crashed")

    monkeypatch.setattr("reports.booklet.write_pdf", broken)
    _request_booklet(admin_client, django_capture_on_commit_callbacks)

    job = BookletJob.objects.get()
    assert job.status == BookletJob.Status.FAILED
    state = admin_client.get(reverse("reports:booklet_status", args=[job.pk])).json()
    assert state["status_display"] == "Ошибка"
    assert state["error"].startswith("Не удалось подготовить буклет")
    assert state["file_url"] == ""


def test_another_users_booklet_is_not_found(
    admin_client, client, django_capture_on_commit_callbacks
):
    from tests.factories import ProfileFactory, TerritoryFactory, UserFactory

    _request_booklet(admin_client, django_capture_on_commit_callbacks)
    job = BookletJob.objects.get()
    viewer = UserFactory(username="viewer1")
    ProfileFactory(user=viewer, role="viewer", territory=TerritoryFactory())
    client.force_login(viewer)
    assert client.get(reverse("reports:booklet_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:booklet_file", args=[job.pk])).status_code == 404


def test_photos_in_object_storage_are_embedded_not_fetched():
    import io

    from reports.booklet import photo_uri

    class RemoteFile:
        """A photo in S3: S3Storage has no local path, only open()."""

        name = "events/2022/05/photo.jpg"

        @property
        def path(self):
            raise NotImplementedError("This backend doesn't support absolute paths.")

        def open(self, mode="rb"):
            return io.BytesIO(b"\xff\xd8\xff\xe0jpeg")

    uri = photo_uri(RemoteFile())

    assert uri == "data:image/jpeg;base64,/9j/4GpwZWc="
