"""axe-core (4.12, shipped in axe-playwright-python) on ten pages of the
registry: none has a critical or a serious violation. The admin's pages are
Django's; there, the rules below are Django's own markup, not ours, and each
says why it is left."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from events.models import Event
from tests.conftest import login
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    CampaignFactory,
    CenterFactory,
    CommitteeFactory,
    ContestFactory,
    EditionFactory,
    EventFactory,
    EventPhotoFactory,
    NominationFactory,
    OutcomeFactory,
    ResultFactory,
    TerritoryFactory,
    TosBodyFactory,
    UserFactory,
)
from tests.portal.helpers import make_chair, make_city_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = ("critical", "serious")

# Django's admin markup that the registry does not write, by axe rule id.
# Empty while Django 5.2's admin passes; a rule goes here only with a reason.
DJANGO_ADMIN_RULES: dict[str, str] = {}


@pytest.fixture
def _http_cookies(settings):
    # The live server speaks plain HTTP; production cookies are Secure.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def city(_http_cookies):
    """A small city: two territories, their committees and a year of events,
    a contest edition with results; users of each role."""
    north = TerritoryFactory(name="Заводский", name_genitive="Заводского района", order=1)
    south = TerritoryFactory(name="Рудничный", name_genitive="Рудничного района", order=2)
    first = CommitteeFactory(number=5, name="Окружной комитет ТОС № 5", territory=north)
    second = CommitteeFactory(number=21, name="Окружной комитет ТОС № 21", territory=south)
    rudnik = TosBodyFactory(committee=second, name="Рудник", address="ул. Шахтеров, 1–45")
    skis = CampaignFactory(name="Все на лыжи")
    for month, committee, kind in ((2, first, Event.Kind.SPORT), (5, first, Event.Kind.CLEANUP),
                                   (5, second, Event.Kind.CULTURAL),
                                   (9, second, Event.Kind.ACTION)):
        EventFactory(committee=committee, kind=kind, date=datetime.date(2022, month, 12),
                     participants=20 + month)
    event = EventFactory(committee=second, tos_body=rudnik, campaign=skis,
                         title="Праздник двора «Победный май»", date=datetime.date(2022, 5, 9),
                         place="двор ул. Шахтеров, 17", participants=85,
                         description="Концерт, полевая кухня, поздравление ветеранов.")
    EventPhotoFactory(event=event, caption="Концерт во дворе")
    EventPhotoFactory(event=event, caption="Полевая кухня")

    edition = EditionFactory(contest=ContestFactory(name="Лучший центр по работе с населением"),
                             year=2022)
    OutcomeFactory(edition=edition, label="Заявок", value=12)
    nomination = NominationFactory(edition=edition, name="Методическая работа", order=1)
    for place in (1, 2, 3):
        ResultFactory(application=ApplicationFactory(
            edition=edition, nomination=nomination, tos_body=None,
            applicant_kind="center", center=CenterFactory(territory=north), stage="city",
        ), place=place)
    EditionFactory(year=timezone.localdate().year)  # open for the portal's applications

    chair = make_chair(committee=first, username="chair.zavod")
    TosBodyFactory(committee=first, name="Сибиряк")
    EventFactory(committee=first, date=timezone.localdate(), title="Субботник во дворе")
    staff = make_city_staff(username="staff.city")
    UserFactory(username="olga", is_superuser=True)
    return {"edition": edition, "event": event, "chair": chair, "staff": staff}


def blocking(page, allowed=()):
    """The critical and serious violations on the page, as readable lines."""
    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING and violation["id"] not in allowed:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
            found.append(f"{violation['impact']} {violation['id']}: {violation['help']} "
                         f"({len(violation['nodes'])}: {'; '.join(targets)})")
    return found


def portal_login(page, live_server, user):
    page.goto(f"{live_server.url}/portal/login/")
    page.get_by_label("Имя пользователя").fill(user.username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_load_state()


def test_the_report_and_the_contest_results(page, live_server, city):
    login(page, live_server, "olga", PASSWORD)
    page.wait_for_url("**/admin/")
    problems = {}
    page.goto(f"{live_server.url}/reports/2022/")
    assert page.locator("figure.chart").count() >= 4
    problems["report"] = blocking(page)
    page.goto(f"{live_server.url}/contests/{city['edition'].pk}/results/")
    assert page.locator("main section tbody tr").count() == 3
    problems["results"] = blocking(page)
    assert problems == {"report": [], "results": []}


def test_the_portal_pages(browser, live_server, city):
    phone = browser.new_context(locale="ru-RU", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    problems = {}
    portal_login(page, live_server, city["chair"])
    page.wait_for_url("**/portal/")
    problems["home"] = blocking(page)
    page.goto(f"{live_server.url}/portal/events/add/")
    page.locator("details.more summary", has_text="Подробнее").click()  # the folded fields too
    problems["event form"] = blocking(page)
    page.goto(f"{live_server.url}/portal/applications/add/")
    problems["application form"] = blocking(page)
    phone.close()

    desk = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    portal_login(page, live_server, city["staff"])
    page.goto(f"{live_server.url}/portal/board/")
    problems["board"] = blocking(page)
    desk.close()
    assert problems == {"home": [], "event form": [], "application form": [], "board": []}


def test_the_admin_pages(page, live_server, city):
    problems = {}
    page.goto(f"{live_server.url}/admin/login/")
    assert page.locator("h1").count() == 1
    problems["login"] = blocking(page, DJANGO_ADMIN_RULES)
    login(page, live_server, "olga", PASSWORD)
    page.wait_for_url("**/admin/")
    problems["index"] = blocking(page, DJANGO_ADMIN_RULES)
    page.goto(f"{live_server.url}/admin/events/event/?year=2022")
    problems["events"] = blocking(page, DJANGO_ADMIN_RULES)
    page.goto(f"{live_server.url}/admin/events/event/{city['event'].pk}/change/")
    page.wait_for_selector("#id_committee + .select2")  # select2 is set up
    assert page.locator("#photos-group tbody tr.has_original").count() == 2
    problems["event form"] = blocking(page, DJANGO_ADMIN_RULES)
    assert problems == {"login": [], "index": [], "events": [], "event form": []}
