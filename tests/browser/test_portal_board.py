"""City staff see whose month is not started, and the cell fill."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tests.factories import PASSWORD, CommitteeFactory, TerritoryFactory
from tests.portal.helpers import make_chair, make_city_staff

pytestmark = [pytest.mark.browser]


@pytest.fixture
def _http_cookies(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/portal/login/")
    page.get_by_label("Имя пользователя").fill(user.username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_load_state()


def test_board_shows_a_silent_committee_until_its_chair_enters_an_event(
    browser, live_server, transactional_db, _http_cookies
):
    territory = TerritoryFactory(name="Кировский")
    silent = CommitteeFactory(name="Окружной комитет ТОС № 7", territory=territory)
    chair = make_chair(committee=silent, username="chair.kirov")
    staff = make_city_staff(username="staff.city")
    today = timezone.localdate()
    board_url = (
        f"{live_server.url}/portal/board/?year={today.year}&month={today.month}"
        f"&territory={territory.pk}"
    )
    cell = f"tr[data-row='committee-{silent.pk}'] td[data-month='{today.month}']"

    desk = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    staff_page = desk.new_page()
    log_in(staff_page, live_server, staff)
    staff_page.goto(board_url)
    assert staff_page.locator(cell).get_attribute("data-state") == "not_started"
    assert "Не начат: 1" in staff_page.locator(".states").inner_text()
    results = Axe().run(staff_page)
    assert results.violations_count == 0, results.generate_report()

    phone = browser.new_context(locale="ru-RU", viewport={"width": 360, "height": 740})
    chair_page = phone.new_page()
    log_in(chair_page, live_server, chair)
    chair_page.get_by_role("link", name="Добавить мероприятие").first.click()
    chair_page.get_by_label("Название").fill("Субботник у школы")
    chair_page.get_by_label("Вид").select_option("cleanup")
    chair_page.get_by_label("Участников").fill("30")
    chair_page.get_by_role("button", name="Сохранить").click()
    chair_page.wait_for_url("**/portal/")

    staff_page.goto(board_url)
    assert staff_page.locator(cell).get_attribute("data-state") == "entered"
    assert staff_page.locator(cell).inner_text().endswith("1")
    assert "Внесено: 1" in staff_page.locator(".states").inner_text()
    phone.close()
    desk.close()
