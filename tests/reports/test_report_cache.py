"""The live report page is kept per year, territory and data version: an
unchanged year is neither computed nor drawn again, an edit shows at once."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from events.models import Event
from reports import document
from reports.formatting import number

from .conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(create_user_for(username="staff", role=Profile.Role.STAFF)[0])
    return client


def body(response) -> str:
    """The page from its figures on (above them: the forms' CSRF tokens)."""
    html = response.content.decode()
    return html[html.index('<section class="card" id="figures">'):]


def test_an_unchanged_year_is_not_computed_again(staff_client, small_year, monkeypatch):
    url = reverse("reports:page", args=[YEAR])
    first = body(staff_client.get(url))
    monkeypatch.setattr(document, "annual_report",
                        lambda *a, **k: pytest.fail("computed again"))
    assert body(staff_client.get(url)) == first


def test_an_edit_of_a_record_changes_the_cached_page(staff_client, small_year):
    url = reverse("reports:page", args=[YEAR])
    before = body(staff_client.get(url))
    assert f">{number(50)}</a>" in before  # participants of cultural events: 30 + 20
    event = Event.objects.get(participants=20)  # a committee's cultural event
    event.participants = 1020
    event.save()
    after = body(staff_client.get(url))
    assert f">{number(1050)}</a>" in after and f">{number(50)}</a>" not in after


def test_a_busy_site_serves_the_page_drawn_a_moment_ago_then_the_current(
    staff_client, small_year, settings, monkeypatch
):
    """While entries stream in (an event saved every few seconds at year's
    end), the page drawn less than REPORTS_LIVE_STALE_SECONDS ago is served
    instead of drawing it anew on every request."""
    settings.REPORTS_LIVE_STALE_SECONDS = 60
    url = reverse("reports:page", args=[YEAR])
    now = [1_000_000.0]
    monkeypatch.setattr("reports.views._clock", lambda: now[0])
    before = body(staff_client.get(url))
    event = Event.objects.get(participants=20)
    event.participants = 1020
    event.save()

    now[0] += 30
    monkeypatch.setattr(document, "annual_report",
                        lambda *a, **k: pytest.fail("drawn again within the grace period"))
    assert body(staff_client.get(url)) == before

    now[0] += 31
    monkeypatch.undo()
    monkeypatch.setattr("reports.views._clock", lambda: now[0])
    assert f">{number(1050)}</a>" in body(staff_client.get(url))


def test_past_the_grace_period_nobody_waits_the_worker_redraws_once(
    staff_client, small_year, settings, monkeypatch
):
    """With a real queue, the request that finds the page too old still
    gets it at once; the redraw is queued once, and the page shows the
    change when the worker has drawn it."""
    from django_tasks import default_task_backend

    settings.REPORTS_LIVE_STALE_SECONDS = 60
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    url = reverse("reports:page", args=[YEAR])
    now = [1_000_000.0]
    monkeypatch.setattr("reports.views._clock", lambda: now[0])
    before = body(staff_client.get(url))
    event = Event.objects.get(participants=20)
    event.participants = 1020
    event.save()
    now[0] += 61

    monkeypatch.setattr(document, "annual_report",
                        lambda *a, **k: pytest.fail("drawn on the request's path"))
    assert body(staff_client.get(url)) == before
    assert body(staff_client.get(url)) == before
    queued = [r for r in default_task_backend.results
              if r.task.func.__name__ == "redraw_live_page"]
    assert len(queued) == 1

    monkeypatch.undo()
    monkeypatch.setattr("reports.views._clock", lambda: now[0])
    queued[0].task.call(*queued[0].args, **queued[0].kwargs)  # the worker
    assert f">{number(1050)}</a>" in body(staff_client.get(url))


def test_each_territory_has_its_own_page(staff_client, small_year):
    north, south = small_year.territories
    url = reverse("reports:page", args=[YEAR])
    city = staff_client.get(url).content.decode()
    north_page = staff_client.get(url, {"territory": north.pk}).content.decode()
    assert "Показатели 2022 года: Северный район" in north_page
    assert "Показатели 2022 года: Северный район" not in city


def test_a_warm_page_asks_the_database_little(staff_client, small_year,
                                              django_assert_max_num_queries):
    url = reverse("reports:page", args=[YEAR])
    staff_client.get(url)
    # session, user, profile (the scope), the data version, the cached
    # years and page (one read), the territories of the picker; the
    # session's save (a savepoint, the update, its release); the published
    # edition's checks (reports.edition_views: at most five)
    with django_assert_max_num_queries(14) as queries:
        response = staff_client.get(url)
    assert response.status_code == 200
    # Nothing is counted again: no query reads the records themselves, but
    # for the newest id of each table (services.data_version).
    read = " ".join(q["sql"] for q in queries.captured_queries
                    if not q["sql"].startswith("SELECT (SELECT MAX("))
    for table in ("events_event", "contests_application", "centers_reception",
                  "committees_activist", "centers_preventionrecord"):
        assert f'FROM "{table}"' not in read, table


def test_a_warm_page_draws_no_chart(staff_client, small_year, monkeypatch):
    from reports import charts

    url = reverse("reports:page", args=[YEAR])
    staff_client.get(url)
    monkeypatch.setattr(charts, "charts", lambda report: pytest.fail("drawn again"))
    assert staff_client.get(url).status_code == 200


def test_the_report_urls_load_neither_matplotlib_nor_weasyprint():
    # A fresh process: what its first request of the report page imports.
    code = (
        "import sys, django; django.setup(); import kemerovo_tos.urls; "
        "print(sorted({'matplotlib', 'weasyprint'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=settings.BASE_DIR, check=True,
                          env={"DJANGO_SETTINGS_MODULE": "kemerovo_tos.settings",
                               "DJANGO_SECRET_KEY": "x", "PATH": ""})
    assert done.stdout.strip() == "[]"
