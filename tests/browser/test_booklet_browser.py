"""In the browser: the booklet is ordered from the report page, the page
that follows it shows the queue, then offers the PDF once a worker made it."""

import datetime

import pytest
from django.core.management import call_command

from tests.conftest import login
from tests.factories import EventFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ordering_a_booklet_shows_the_queue_then_offers_the_pdf(
    page, live_server, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    UserFactory(username="olga", is_superuser=True)
    EventFactory(date=datetime.date(2022, 5, 1))
    login(page, live_server, "olga", "Kemerovo-test-2022")

    page.goto(f"{live_server.url}/reports/2022/")
    page.click("text=Буклет PDF")

    page.wait_for_selector("text=В очереди")
    download = page.locator("text=Скачать буклет PDF")
    assert not download.is_visible()

    call_command("db_worker", "--batch", verbosity=0)

    download.wait_for(state="visible", timeout=20000)
    assert page.locator('[data-field="status_display"]').inner_text() == "Готов"
    response = page.request.get(live_server.url + download.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
