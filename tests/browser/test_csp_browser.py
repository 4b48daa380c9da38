"""In Chromium, under the Content-Security-Policy the server sends: the
pages that use scripts most (the report, the portal's event form on a
phone, the admin's event form with its autocomplete fields) break no rule
of the policy, and still work."""

import datetime

import pytest

from tests.conftest import login
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    CampaignFactory,
    CommitteeFactory,
    EditionFactory,
    EventFactory,
    EventPhotoFactory,
    TerritoryFactory,
    TosBodyFactory,
    UserFactory,
)
from tests.portal.helpers import make_chair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# Runs in every document before the page's own scripts: keeps each
# violation the browser reports.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push({
    directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample,
    source: e.sourceFile, line: e.lineNumber,
  });
});
"""


class Watched:
    """A page with its console messages, script errors and CSP violations."""

    def __init__(self, page):
        self.page = page
        self.console = []
        self.errors = []
        page.add_init_script(WATCH_VIOLATIONS)
        page.on("console", lambda msg: self.console.append(msg))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def violations(self):
        return self.page.evaluate("window.__cspViolations")

    def assert_clean(self):
        violations = self.violations()
        assert violations == [], violations
        assert self.errors == [], self.errors
        problems = [
            f"{msg.type}: {msg.text}"
            for msg in self.console
            if msg.type in ("error", "warning")
            # Uploaded photos are not served by the test server (DEBUG off);
            # the registry has no favicon.
            and not any(
                part in (msg.location or {}).get("url", "") for part in ("/media/", "/favicon.ico")
            )
        ]
        assert problems == [], problems


@pytest.fixture
def _http_cookies(settings):
    # The live server speaks plain HTTP; production cookies are Secure.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def watched(page):
    return Watched(page)


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="ru-RU", viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    yield Watched(page)
    context.close()


def a_small_year():
    north = TerritoryFactory(name="Заводский", order=1)
    south = TerritoryFactory(name="Рудничный", order=2)
    first = CommitteeFactory(name="Окружной комитет ТОС № 5", territory=north)
    second = CommitteeFactory(name="Окружной комитет ТОС № 21", territory=south)
    for month, committee, kind in ((2, first, "sport"), (5, first, "cleanup"),
                                   (5, second, "cultural"), (9, second, "action")):
        EventFactory(committee=committee, kind=kind, date=datetime.date(2022, month, 12))
    ApplicationFactory(edition=EditionFactory(year=2022))
    return first


def test_the_report_page_breaks_no_rule_and_shows_its_charts(
    watched, live_server, _http_cookies
):
    a_small_year()
    UserFactory(username="olga", is_superuser=True)
    page = watched.page
    login(page, live_server, "olga", PASSWORD)
    page.wait_for_url("**/admin/")
    page.goto(f"{live_server.url}/reports/2022/")
    watched.assert_clean()

    charts = page.locator("figure.chart .svg svg")
    assert charts.count() == 5
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 300 and box["height"] > 80
    # The bars are drawn in colour: presentation attributes, not styles.
    assert page.locator("figure.chart .svg path[fill='#1f5f8b']").count() > 0
    assert page.locator("figure.chart .svg text").first.is_visible()
    # Choosing a territory shows it at once (static/reports/report.js).
    page.select_option("select[name=territory]", label="Рудничный")
    page.wait_for_url("**territory=**")
    assert "Рудничный" in page.locator(".lead").inner_text()
    watched.assert_clean()


def test_the_portal_event_form_on_a_phone_breaks_no_rule(phone, live_server, _http_cookies):
    chair = make_chair(committee=CommitteeFactory(name="Окружной комитет ТОС № 12"))
    TosBodyFactory(committee=chair.profile.committee, name="Рудник")
    page = phone.page
    page.goto(f"{live_server.url}/portal/login/")
    page.get_by_label("Имя пользователя").fill(chair.username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/portal/")
    page.get_by_role("link", name="Добавить мероприятие").first.click()
    page.wait_for_url("**/portal/events/add/")
    page.locator("summary", has_text="Подробнее").click()  # the «more» part opens
    page.get_by_label("Название").fill("Субботник у школы")
    page.get_by_label("Вид").select_option("cleanup")
    page.get_by_label("Участников").fill("30")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url("**/portal/")
    assert "Субботник у школы" in page.locator("main").inner_text()
    phone.assert_clean()


def test_the_admin_event_form_breaks_no_rule_and_autocomplete_works(
    watched, live_server, _http_cookies
):
    committee = a_small_year()
    CampaignFactory(name="Все на лыжи")
    CampaignFactory(name="Окна Победы")
    event = EventFactory(committee=committee, title="Праздник двора «Победный май»")
    EventPhotoFactory(event=event, caption="Концерт во дворе")
    UserFactory(username="olga", is_superuser=True)
    page = watched.page
    login(page, live_server, "olga", PASSWORD)
    page.wait_for_url("**/admin/")
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")

    # select2 is set up and searches the campaigns.
    box = page.locator("#id_campaign + .select2 .select2-selection")
    box.click()
    page.locator(".select2-search__field").fill("лыж")
    option = page.locator(".select2-results__option", has_text="Все на лыжи")
    option.wait_for()
    option.click()
    assert "Все на лыжи" in box.inner_text()
    # An inline row is added by the admin's inlines.js.
    rows = page.locator("#photos-group tbody tr.form-row:not(.empty-form)")
    before = rows.count()
    page.locator("#photos-group .add-row a").click()
    assert rows.count() == before + 1
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    assert event.__class__.objects.get(pk=event.pk).campaign.name == "Все на лыжи"
    watched.assert_clean()
