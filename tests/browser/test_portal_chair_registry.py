"""A chair on a phone (390 px) keeps the committee's registry: adds a TOS
body and an activist with consent, records a withdrawal, then closes the
body, and its people stop counting in the next year's report."""

import datetime
import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from committees.models import Activist, Consent, TosBody
from reports.aggregates import registry
from tests.factories import PASSWORD, CommitteeFactory, EditionFactory, NominationFactory
from tests.portal.factories_chair import open_edition
from tests.portal.helpers import make_chair

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
SHOTS = os.environ.get("CHAIR_SHOTS")  # a folder for screenshots, e.g. /tmp/chair


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="ru-RU", viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def _http_cookies(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def check(page, name):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width} px wide"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/portal/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/portal/")


def test_chair_keeps_bodies_activists_and_consents_on_a_phone(
    phone, live_server, transactional_db, _http_cookies
):
    chair = make_chair(committee=CommitteeFactory(name="Окружной комитет ТОС № 7"),
                       username="chair.seven")
    log_in(phone, live_server, chair.username)

    phone.get_by_role("link", name="Органы ТОС").click()
    phone.get_by_role("link", name="Добавить орган ТОС").click()
    check(phone, "body-add")
    phone.get_by_label("Вид").select_option(label="Уличный комитет")
    phone.get_by_label("Адрес или границы").fill("ул. Ёлочная, 1-15")
    phone.get_by_label("Дата создания").fill("2021-03-01")
    phone.get_by_role("button", name="Добавить").click()
    phone.get_by_text("добавлен").wait_for()
    body = TosBody.objects.get()
    assert body.committee == chair.profile.committee

    phone.get_by_role("link", name="Добавить активиста").click()
    phone.get_by_label("ФИО").fill("Сергеева Ольга Ивановна")
    phone.get_by_label("Роль").select_option(label="Старший улицы")
    phone.get_by_label("В органе ТОС с").fill("2021-03-01")
    phone.get_by_label("Телефон").fill("+7 (3842) 45-67-89")
    check(phone, "activist-add")
    phone.get_by_role("button", name="Добавить").click()

    # Straight on to the consent.
    phone.wait_for_url("**/consents/add/")
    phone.get_by_label("Дата согласия").fill("2021-03-01")
    phone.get_by_label("Форма согласия").select_option(label="Письменное")
    check(phone, "consent-add")
    phone.get_by_role("button", name="Сохранить согласие").click()
    phone.get_by_text("внесено").wait_for()
    activist = Activist.objects.get()
    assert activist.tos_body == body
    assert Consent.objects.get().given == datetime.date(2021, 3, 1)
    check(phone, "activist")

    phone.get_by_role("link", name="Записать отзыв").click()
    phone.get_by_label("Дата отзыва").fill("2022-02-10")
    check(phone, "withdraw")
    phone.get_by_role("button", name="Записать отзыв").click()
    phone.get_by_text("отозвано 10.02.2022").wait_for()
    assert Consent.objects.get().withdrawn == datetime.date(2022, 2, 10)

    phone.get_by_role("link", name="Активисты", exact=True).click()
    phone.get_by_label("ФИО, адрес или название органа").fill("сергеева")
    phone.get_by_role("button", name="Найти").click()
    assert "отозвал(а) согласие" in phone.locator(".rows").inner_text()
    check(phone, "activist-list")

    assert registry(2023)["activists"].total == 1
    phone.get_by_role("link", name="Органы ТОС").click()
    phone.get_by_role("link", name="Уличный комитет, ул. Ёлочная, 1-15").click()
    phone.get_by_role("link", name="Прекратить деятельность…").click()
    assert "завершится участие 1 активиста" in phone.locator("main").inner_text()
    phone.get_by_label("Дата прекращения деятельности").fill("2022-12-31")
    check(phone, "body-close")
    phone.get_by_role("button", name="Прекратить деятельность").click()
    phone.get_by_text("Участие завершено у активистов: 1.").wait_for()
    assert registry(2022)["activists"].total == 1
    assert registry(2023)["activists"].total == 0


def test_application_form_follows_the_chosen_contest(
    phone, live_server, transactional_db, _http_cookies
):
    from tests.factories import TosBodyFactory

    chair = make_chair(username="chair.apply")
    TosBodyFactory(committee=chair.profile.committee, name="Рудник")
    yard = open_edition(contest__name="Красивый двор")
    snow = open_edition(contest__name="Снежный калейдоскоп")
    NominationFactory(edition=yard, name="Лучший двор")
    NominationFactory(edition=snow, name="Снежная фигура")
    EditionFactory(contest__name="Прошлогодний", contest__audience="tos")  # closed
    log_in(phone, live_server, chair.username)
    phone.goto(f"{live_server.url}/portal/applications/add/")
    editions = phone.get_by_label("Конкурс").locator("option").all_inner_texts()
    assert not any("Прошлогодний" in text for text in editions)
    phone.get_by_label("Конкурс").select_option(str(snow.pk))
    shown = phone.locator("#id_nomination option:not([hidden])").all_inner_texts()
    assert shown == ["— без номинации —", "«Снежная фигура»"]
    phone.get_by_label("Конкурс").select_option(str(yard.pk))
    shown = phone.locator("#id_nomination option:not([hidden])").all_inner_texts()
    assert shown == ["— без номинации —", "«Лучший двор»"]
    check(phone, "application-form")
