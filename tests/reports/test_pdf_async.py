"""The PDF URL never makes the booklet in the request: it hands the work to
the background task, reuses a booklet already made of the same data, and
refuses, in Russian, a user who orders too many."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Profile
from reports import services
from reports.models import BookletJob
from tests.factories import EventFactory, ProfileFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

YEAR = 2022
FAKE_PDF = b"%PDF-1.4 made by the worker"


@pytest.fixture
def queued_tasks(settings):
    """Tasks go to the database queue, as in production: nothing runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def no_render_in_request(monkeypatch):
    """Making the booklet in the request fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the booklet was rendered in the request")

    for name in ("booklet_pdf", "render_html", "write_pdf"):
        monkeypatch.setattr(f"reports.booklet.{name}", refuse)
    monkeypatch.setattr("reports.services.build", refuse, raising=False)
    monkeypatch.setattr("reports.views.build", refuse)
    return refuse


def _work(monkeypatch, job: BookletJob) -> BookletJob:
    """What the worker does, with a quick stand-in for WeasyPrint."""
    with monkeypatch.context() as m:
        m.setattr("reports.services.build", lambda year, territory: object())
        m.setattr("reports.booklet.render_html", lambda document: "<html></html>")
        m.setattr("reports.booklet.write_pdf", lambda html, fetcher=None: FAKE_PDF)
        services.run_booklet_job(job.pk)
    job.refresh_from_db()
    assert job.status == BookletJob.Status.DONE
    return job


def _get_pdf(client, captured, year=YEAR, **params):
    with captured(execute=True):
        return client.get(reverse("reports:pdf", args=[year]), params)


def _staff(client):
    client.force_login(ProfileFactory(role=Profile.Role.STAFF).user)
    return client


def test_the_pdf_url_queues_the_booklet_and_renders_nothing(
    client, queued_tasks, no_render_in_request, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    EventFactory(date=datetime.date(YEAR, 5, 1))
    response = _get_pdf(_staff(client), django_capture_on_commit_callbacks)

    job = BookletJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:booklet_job", args=[job.pk])
    assert job.status == BookletJob.Status.QUEUED and job.year == YEAR
    assert job.data_version
    assert DBTaskResult.objects.count() == 1  # handed to the worker


def test_unchanged_data_reuses_the_booklet_changed_data_makes_a_new_one(
    client, queued_tasks, no_render_in_request, django_capture_on_commit_callbacks,
    monkeypatch,
):
    EventFactory(date=datetime.date(YEAR, 5, 1))
    territory = TerritoryFactory()
    _staff(client)
    _get_pdf(client, django_capture_on_commit_callbacks)
    first = BookletJob.objects.get()

    # Asked again while it is being made: the same job.
    again = _get_pdf(client, django_capture_on_commit_callbacks)
    assert again["Location"] == reverse("reports:booklet_job", args=[first.pk])
    assert BookletJob.objects.count() == 1

    _work(monkeypatch, first)
    done = _get_pdf(client, django_capture_on_commit_callbacks)
    assert done.status_code == 302
    assert done["Location"] == reverse("reports:booklet_file", args=[first.pk])
    assert BookletJob.objects.count() == 1
    pdf = client.get(done["Location"])
    assert b"".join(pdf.streaming_content) == FAKE_PDF

    # Another territory is another booklet.
    _get_pdf(client, django_capture_on_commit_callbacks, territory=territory.pk)
    assert BookletJob.objects.filter(territory=territory).count() == 1

    # New data: the old booklet no longer shows it.
    EventFactory(date=datetime.date(YEAR, 6, 1))
    fresh = _get_pdf(client, django_capture_on_commit_callbacks)
    newest = BookletJob.objects.filter(territory=None).latest("pk")
    assert newest.pk != first.pk and newest.data_version != first.data_version
    assert fresh["Location"] == reverse("reports:booklet_job", args=[newest.pk])


def test_a_viewer_gets_the_booklet_another_viewer_of_the_territory_ordered(
    client, queued_tasks, no_render_in_request, django_capture_on_commit_callbacks,
    monkeypatch,
):
    territory = TerritoryFactory()
    first = ProfileFactory(role=Profile.Role.VIEWER, territory=territory).user
    second = ProfileFactory(role=Profile.Role.VIEWER, territory=territory).user
    client.force_login(first)
    _get_pdf(client, django_capture_on_commit_callbacks)
    job = _work(monkeypatch, BookletJob.objects.get())

    client.force_login(second)
    response = _get_pdf(client, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("reports:booklet_file", args=[job.pk])
    assert client.get(response["Location"]).status_code == 200
    assert BookletJob.objects.count() == 1


def test_too_many_new_booklets_are_refused_in_russian(
    client, settings, queued_tasks, no_render_in_request, django_capture_on_commit_callbacks
):
    settings.REPORTS_BOOKLET_JOBS_PER_USER = 2
    _staff(client)
    for year in (YEAR, YEAR - 1):
        assert _get_pdf(client, django_capture_on_commit_callbacks, year).status_code == 302

    refused = _get_pdf(client, django_capture_on_commit_callbacks, YEAR - 2)
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Слишком много буклетов" in text
    assert "не больше 2 новых буклетов за 10 минут" in text
    assert int(refused["Retry-After"]) > 0
    assert BookletJob.objects.count() == 2

    # The button on the report's page is held to the same limit...
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(reverse("reports:booklet_request", args=[YEAR - 3]))
    assert posted.status_code == 429
    # ...while a booklet already ordered is still shown.
    assert _get_pdf(client, django_capture_on_commit_callbacks, YEAR).status_code == 302
    assert BookletJob.objects.count() == 2


def test_the_limit_counts_each_users_own_orders(
    client, settings, queued_tasks, no_render_in_request, django_capture_on_commit_callbacks
):
    settings.REPORTS_BOOKLET_JOBS_PER_USER = 1
    _staff(client)
    _get_pdf(client, django_capture_on_commit_callbacks, YEAR)
    assert _get_pdf(client, django_capture_on_commit_callbacks, YEAR - 1).status_code == 429

    _staff(client)  # someone else
    assert _get_pdf(client, django_capture_on_commit_callbacks, YEAR - 1).status_code == 302


def test_the_limit_is_over_after_the_window(
    client, settings, queued_tasks, no_render_in_request, django_capture_on_commit_callbacks
):
    settings.REPORTS_BOOKLET_JOBS_PER_USER = 1
    _staff(client)
    _get_pdf(client, django_capture_on_commit_callbacks, YEAR)
    BookletJob.objects.update(created=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert _get_pdf(client, django_capture_on_commit_callbacks, YEAR - 1).status_code == 302


# Where a booklet is stored, and how it is downloaded -----------------------


def test_a_booklet_is_stored_under_an_unguessable_name(monkeypatch):
    territory = TerritoryFactory()
    first, second = (
        _work(monkeypatch, services.request_booklet(user=None, year=YEAR, territory=territory))
        for _ in range(2)
    )

    pattern = rf"booklets/{YEAR}/[0-9a-f]{{32}}/godovoj-otchet-{YEAR}\.pdf"
    assert re.fullmatch(pattern, first.file.name), first.file.name
    assert re.fullmatch(pattern, second.file.name), second.file.name
    assert first.file.name != second.file.name
    assert str(territory.pk) not in first.file.name.rsplit("/", 1)[1]


def test_the_booklet_downloads_through_the_scope_check_with_a_russian_name(
    client, monkeypatch
):
    territory = TerritoryFactory(name="Северный район")
    viewer = ProfileFactory(role=Profile.Role.VIEWER, territory=territory).user
    job = _work(monkeypatch, services.request_booklet(user=viewer, year=YEAR,
                                                      territory=territory))
    client.force_login(viewer)
    state = client.get(reverse("reports:booklet_status", args=[job.pk])).json()
    assert state["file_url"] == reverse("reports:booklet_file", args=[job.pk])
    assert settings.MEDIA_URL not in state["file_url"]

    response = client.get(state["file_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    name = quote(f"Годовой отчет за {YEAR} год — Северный район.pdf")
    assert f"filename*=utf-8''{name}" in disposition
    assert b"".join(response.streaming_content) == FAKE_PDF

    # A viewer of another territory gets nothing.
    client.force_login(ProfileFactory(role=Profile.Role.VIEWER, territory=TerritoryFactory()).user)
    assert client.get(state["file_url"]).status_code == 404
