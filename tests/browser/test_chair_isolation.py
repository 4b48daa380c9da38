"""Two chairs in the admin: each sees only their own committee's events;
the history of an edited event shows who changed what, and restores it."""

import re

import pytest

from accounts.services import create_user_for
from events.models import Event
from tests.conftest import login
from tests.factories import PASSWORD, CommitteeFactory, TosBodyFactory

pytestmark = [pytest.mark.browser]


@pytest.fixture(autouse=True)
def _http_live_server(settings):
    # The live server speaks plain HTTP; production cookies are Secure.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def chairs(transactional_db):
    committee_a, committee_b = CommitteeFactory(), CommitteeFactory()
    TosBodyFactory(committee=committee_a, name="Рудник")
    TosBodyFactory(committee=committee_b, name="Шахтерский уголок")
    for username, committee in (("chair_a", committee_a), ("chair_b", committee_b)):
        create_user_for(username=username, role="chair", committee=committee,
                        password=PASSWORD)
    return committee_a, committee_b


def pick(page, field, term):
    """Choose a value in an admin autocomplete (select2) field."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-search__field", term)
    page.click(f".select2-results__option:has-text('{term}')")


def test_chair_adds_an_event_only_they_see_and_restores_an_old_version(
    browser, page, live_server, chairs
):
    committee_a, _ = chairs
    login(page, live_server, "chair_a", PASSWORD)
    page.goto(f"{live_server.url}/admin/events/event/add/")
    assert page.locator("#id_center").count() == 0  # a chair's event is never a center's
    page.fill("#id_date", "20.05.2022")
    page.fill("#id_title", "Субботник на Рудничной")
    page.select_option("#id_kind", "cleanup")
    page.fill("#id_participants", "25")
    pick(page, "tos_body", "Рудник")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/events/event/$"))
    assert page.locator("#result_list").get_by_text("Субботник на Рудничной").count() == 1
    event = Event.objects.get(title="Субботник на Рудничной")
    assert event.committee == committee_a

    # The other chair neither lists it nor opens it.
    other = browser.new_context(locale="ru-RU").new_page()
    login(other, live_server, "chair_b", PASSWORD)
    other.goto(f"{live_server.url}/admin/events/event/")
    assert other.get_by_text("Субботник на Рудничной").count() == 0
    response = other.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    assert response.status == 404
    other.context.close()

    # An edit, then its history: old and new value, and who.
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.fill("#id_participants", "40")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/events/event/$"))
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/history/")
    changes = page.locator("#change-history")
    assert re.search(r"Участников:\s*25\s*→\s*40", changes.inner_text())
    assert "chair_a" in changes.inner_text()

    # Restore the first version.
    page.locator("#change-history tbody tr").last.locator("a").first.click()
    assert page.input_value("#id_participants") == "25"
    page.click("input[name=_save]")
    # Away from the version's page once the restore is saved (a pattern
    # that also matched the version's own URL raced the save).
    page.wait_for_url(lambda url: "/history/" not in url)
    event.refresh_from_db()
    assert event.participants == 25
    assert event.history.count() == 3
