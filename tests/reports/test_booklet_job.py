"""The booklet is made off the request path: the page answers at once,
shows progress, and offers the PDF when the worker has made it; a job whose
worker was lost fails past its time limit and is ordered again in one
click (a real worker killed: test_worker_crash.py)."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reports import services
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


# A job whose worker was lost ------------------------------------------------


def _stand_still(job: BookletJob, minutes: int) -> None:
    """The job last moved on that many minutes ago."""
    before = timezone.now() - datetime.timedelta(minutes=minutes)
    BookletJob.objects.filter(pk=job.pk).update(created=before, progressed=before)


def test_a_queued_booklet_no_worker_takes_fails_and_its_task_is_not_run_later(
    admin_client, queued_tasks, django_capture_on_commit_callbacks, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    _request_booklet(admin_client, django_capture_on_commit_callbacks)
    job = BookletJob.objects.get()
    _stand_still(job, 11)

    state = admin_client.get(reverse("reports:booklet_status", args=[job.pk])).json()
    assert state["status_display"] == "Ошибка"
    assert state["error"].startswith(
        "Буклет так и не начали готовить: за 10 минут обработчик фоновых задач "
        "не взял заказ из очереди."
    )
    assert DBTaskResult.objects.get().status == "FAILED"

    call_command("db_worker", "--batch", verbosity=0)  # a worker comes back
    job.refresh_from_db()
    assert job.status == BookletJob.Status.FAILED and not job.file


def test_a_job_moving_on_within_the_limit_is_still_waited_for(
    admin_client, queued_tasks, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    _request_booklet(admin_client, django_capture_on_commit_callbacks)
    job = BookletJob.objects.get()
    BookletJob.objects.filter(pk=job.pk).update(status=BookletJob.Status.RUNNING, progress=40)
    _stand_still(job, 9)

    # session, user, the job, and the session's idle clock saved (savepoint,
    # update, release): reading a job that moves on writes nothing to it
    with django_assert_max_num_queries(6):
        state = admin_client.get(reverse("reports:booklet_status", args=[job.pk])).json()
    assert (state["status_display"], state["progress"]) == ("Готовится", 40)
    page = admin_client.get(reverse("reports:booklet_job", args=[job.pk])).content.decode()
    assert 'data-field="retry" hidden>Заказать буклет еще раз' in page


def test_the_pdf_url_orders_a_new_booklet_instead_of_a_lost_one(
    admin_client, queued_tasks, django_capture_on_commit_callbacks
):
    _request_booklet(admin_client, django_capture_on_commit_callbacks)
    lost = BookletJob.objects.get()
    BookletJob.objects.filter(pk=lost.pk).update(status=BookletJob.Status.RUNNING, progress=10)
    _stand_still(lost, 11)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.get(reverse("reports:pdf", args=[2022]))

    fresh = BookletJob.objects.latest("pk")
    assert fresh.pk != lost.pk and fresh.status == BookletJob.Status.QUEUED
    assert response["Location"] == reverse("reports:booklet_job", args=[fresh.pk])
    lost.refresh_from_db()
    assert lost.status == BookletJob.Status.FAILED
    assert lost.error.startswith("Подготовка буклета прервалась")


def test_a_failed_booklet_is_ordered_again_with_one_click(
    admin_client, monkeypatch, django_capture_on_commit_callbacks, queued_tasks
):
    _request_booklet(admin_client, django_capture_on_commit_callbacks)
    job = BookletJob.objects.get()
    _stand_still(job, 11)

    page = admin_client.get(reverse("reports:booklet_job", args=[job.pk])).content.decode()
    retry = reverse("reports:booklet_request", args=[2022])
    assert f'<form id="booklet-retry" method="post" action="{retry}" hidden>' in page
    assert ('<button type="submit" form="booklet-retry" class="button primary" '
            'data-field="retry">Заказать буклет еще раз</button>') in page
    assert 'aria-valuenow="0" hidden' in page  # no bar that would never fill

    again = _request_booklet(admin_client, django_capture_on_commit_callbacks)
    fresh = BookletJob.objects.latest("pk")
    assert fresh.pk != job.pk
    assert again["Location"] == reverse("reports:booklet_job", args=[fresh.pk])


def test_a_worker_that_was_only_slow_does_not_bring_a_given_up_job_back(monkeypatch):
    job = services.request_booklet(user=None, year=2022)

    def slow_build(year, territory):
        _stand_still(job, 11)
        assert services.give_up_stalled() == 1  # a page read meanwhile
        return object()

    monkeypatch.setattr("reports.services.build", slow_build)
    monkeypatch.setattr("reports.booklet.render_html", lambda document: "<html></html>")
    monkeypatch.setattr("reports.booklet.write_pdf", lambda html, fetcher=None: b"%PDF")
    services.run_booklet_job(job.pk)

    job.refresh_from_db()
    assert job.status == BookletJob.Status.FAILED and job.progress == 10 and not job.file


def test_a_worker_stopped_inside_the_booklet_says_so_at_once(monkeypatch):
    """db_worker told twice to stop exits inside the task (SystemExit)."""
    job = services.request_booklet(user=None, year=2022)

    def stopped(year, territory):
        raise SystemExit(1)

    monkeypatch.setattr("reports.services.build", stopped)
    with pytest.raises(SystemExit):
        services.run_booklet_job(job.pk)

    job.refresh_from_db()
    assert job.status == BookletJob.Status.FAILED
    assert job.error.startswith(
        "Подготовку буклета прервали: обработчик фоновых задач остановили."
    )
