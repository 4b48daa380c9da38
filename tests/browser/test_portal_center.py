"""A center specialist on a phone: opens the home on the latest month
with data, enters a month's prevention work on one screen, finds it saved
and pre-filled, and adds a reception."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import NoReverseMatch, reverse

from centers.models import PreventionRecord, Reception
from tests.factories import PASSWORD, CenterFactory, ClubFactory, ReceptionFactory
from tests.portal.helpers import make_center_staff

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
KINDS = PreventionRecord.Kind


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="ru-RU", viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def _http_cookies(settings):
    # The live server speaks plain HTTP; production cookies are Secure.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def assert_accessible(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def assert_fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide"


def assert_thumb_sized(page, selector):
    for box in page.locator(selector).evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    ):
        assert box >= 44, f"{selector} is {box} px high"


def shot(page, name, folder):
    page.screenshot(path=str(folder / f"center-{name}.png"), full_page=True)


def test_center_enters_a_month_of_prevention_on_one_screen(
    phone, live_server, transactional_db, _http_cookies, tmp_path
):
    center = CenterFactory(name="Импульс")
    user = make_center_staff(center)
    ReceptionFactory(
        center=center, date=datetime.date(2022, 12, 6), visitors=6, topic="Освещение двора"
    )
    ClubFactory(center=center, name="Рукодельница", members=14, founded=datetime.date(2019, 9, 1))
    PreventionRecord.objects.create(
        center=center, month=datetime.date(2022, 12, 1), kind=KINDS.INFORMATION, count=1
    )

    phone.goto(f"{live_server.url}/portal/login/")
    phone.get_by_label("Имя пользователя").fill(user.username)
    phone.get_by_label("Пароль").fill(PASSWORD)
    phone.get_by_role("button", name="Войти").click()

    # The home opens on December 2022, the latest month with data.
    phone.wait_for_url("**/portal/")
    assert phone.locator("h1").inner_text() == "ЦРН «Импульс»"
    assert phone.locator("[data-month]").inner_text() == "декабрь 2022"
    assert phone.locator("[data-tile='receptions']").inner_text() == "1"
    assert phone.locator("[data-tile='clubs']").inner_text() == "1"
    assert_fits_the_screen(phone)
    assert_thumb_sized(phone, "main .button, .month-switch__step, .tile__link")
    assert_accessible(phone)
    shot(phone, "home", tmp_path)

    phone.get_by_role("link", name="Профилактика за декабрь 2022").click()
    phone.wait_for_url("**/portal/center/prevention/?month=2022-12")
    # The five kinds side by side, the one entered before pre-filled.
    assert phone.locator("main form input[type=number]").count() == 5
    assert phone.get_by_label(KINDS.INFORMATION.label).input_value() == "1"
    assert_fits_the_screen(phone)
    assert_accessible(phone)
    phone.get_by_label(KINDS.FAMILY_RAID.label).fill("4")
    phone.get_by_label(KINDS.TEEN_RAID.label).fill("2")
    phone.get_by_label(KINDS.FAMILY_CALL.label).fill("7")
    phone.get_by_label(KINDS.INFORMATION.label).fill("")
    shot(phone, "prevention", tmp_path)
    phone.get_by_role("button", name="Сохранить месяц").click()

    phone.wait_for_url("**/portal/center/prevention/?month=2022-12")
    assert "сохранена" in phone.locator(".messages").inner_text()
    assert phone.get_by_label(KINDS.FAMILY_RAID.label).input_value() == "4"
    assert phone.get_by_label(KINDS.TEEN_RAID.label).input_value() == "2"
    assert phone.get_by_label(KINDS.FAMILY_CALL.label).input_value() == "7"
    assert phone.get_by_label(KINDS.INFORMATION.label).input_value() == ""
    saved = dict(
        PreventionRecord.objects.filter(
            center=center, month=datetime.date(2022, 12, 1)
        ).values_list("kind", "count")
    )
    assert saved == {KINDS.FAMILY_RAID: 4, KINDS.TEEN_RAID: 2, KINDS.FAMILY_CALL: 7}

    # The home sums the month up.
    phone.goto(f"{live_server.url}/portal/?month=2022-12")
    assert phone.locator("[data-tile='prevention']").inner_text() == "13"

    # A reception of the month, on its own short form.
    phone.goto(f"{live_server.url}/portal/center/receptions/?month=2022-12")
    assert "Освещение двора" in phone.locator(".rows").inner_text()
    phone.get_by_role("link", name="Добавить прием").click()
    phone.get_by_label("Дата").fill("2022-12-20")
    phone.get_by_label("Обратилось граждан").fill("3")
    phone.get_by_label("Тема").fill("Уборка снега")
    assert_fits_the_screen(phone)
    assert_accessible(phone)
    phone.get_by_role("button", name="Сохранить").click()
    phone.wait_for_url("**/portal/center/receptions/?month=2022-12")
    assert "Уборка снега" in phone.locator(".rows").inner_text()
    assert Reception.objects.filter(center=center).count() == 2
    assert_accessible(phone)
    shot(phone, "receptions", tmp_path)

    phone.goto(f"{live_server.url}/portal/center/clubs/?year=2022")
    assert "Рукодельница" in phone.locator(".rows").inner_text()
    assert_fits_the_screen(phone)
    assert_accessible(phone)
    shot(phone, "clubs", tmp_path)

    # The month's return (the RETURNS pages), once it exists: submitted, the
    # month's prevention takes no more changes from the center.
    try:
        reverse("portal:return_month", args=[2022, 12])
    except NoReverseMatch:
        return
    phone.goto(f"{live_server.url}/portal/center/prevention/?month=2022-12")
    phone.get_by_role("link", name="Отчет за декабрь 2022: проверить и сдать").click()
    # The month had no events: the return says so.
    phone.get_by_label("В этом месяце мероприятий не было").check()
    phone.get_by_role("button", name="Сдать отчет за декабрь 2022").click()
    assert "сдан" in phone.locator(".messages").inner_text()
    phone.goto(f"{live_server.url}/portal/center/prevention/?month=2022-12")
    phone.get_by_label(KINDS.FAMILY_RAID.label).fill("5")
    phone.get_by_role("button", name="Сохранить месяц").click()
    assert phone.locator(".errors").is_visible()
    assert PreventionRecord.objects.get(center=center, kind=KINDS.FAMILY_RAID).count == 4
    shot(phone, "prevention-closed", tmp_path)
