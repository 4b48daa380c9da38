"""On a phone: a chair enters a month of events and submits the return;
city staff reopen the month from the board; the chair deletes an event
while the month is open and cannot once it is submitted."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from events.models import Event
from returns.models import MonthlyReturn
from tests.factories import PASSWORD, CommitteeFactory, TerritoryFactory
from tests.portal.helpers import make_chair, make_city_staff

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


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


def add_event(page, title, date=None, another=False):
    if date:
        page.get_by_label("Дата").fill(date)
    page.get_by_label("Название").fill(title)
    page.get_by_label("Вид").select_option("cleanup")
    page.get_by_label("Участников").fill("25")
    name = "Внести и добавить еще" if another else "Сохранить"
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_a_month_entered_submitted_reopened_and_an_event_deleted(
    browser, live_server, transactional_db, _http_cookies
):
    committee = CommitteeFactory(name="Окружной комитет ТОС № 12",
                                 territory=TerritoryFactory(name="Ленинский"))
    chair = make_chair(committee=committee, username="chair.lenin")
    staff = make_city_staff(username="staff.board")
    today = timezone.localdate()
    last = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=10)

    phone = browser.new_context(locale="ru-RU", viewport=PHONE)
    page = phone.new_page()
    log_in(page, live_server, chair)
    page.goto(f"{live_server.url}/portal/events/add/")
    add_event(page, "Субботник во дворе", date=last.isoformat(), another=True)
    # The date stays for the next event of the batch.
    assert page.get_by_label("Дата").input_value() == last.isoformat()
    add_event(page, "Праздник улицы")
    assert Event.objects.filter(committee=committee, date=last).count() == 2

    page.get_by_role("link", name="Отчет за месяц").first.click()
    page.wait_for_load_state()
    assert "2 мероприятия" in " ".join(page.locator(".sums").inner_text().split())
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Сдать отчет").click()
    page.wait_for_load_state()
    assert page.locator(".lead [data-state]").get_attribute("data-state") == "submitted"
    assert MonthlyReturn.objects.get(committee=committee).state == "submitted"

    # Submitted: no deletion, not even by the address.
    event = Event.objects.get(title="Праздник улицы")
    page.goto(f"{live_server.url}/portal/events/{event.pk}/")
    assert page.get_by_role("link", name="Удалить мероприятие").count() == 0
    page.goto(f"{live_server.url}/portal/events/{event.pk}/delete/")
    assert "уже сдан" in page.locator(".notice").inner_text()
    assert page.get_by_role("button", name="Да, удалить").count() == 0

    desk = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    staff_page = desk.new_page()
    log_in(staff_page, live_server, staff)
    staff_page.goto(f"{live_server.url}/portal/board/?year={last.year}&month={last.month}")
    cell = f"tr[data-row='committee-{committee.pk}'] td[data-month='{last.month}']"
    assert staff_page.locator(cell).get_attribute("data-state") == "submitted"
    staff_page.get_by_role("link", name=f"Открыть заново: {committee.name}").click()
    staff_page.get_by_label("Почему месяц открывается заново").fill("Нужно исправить дату")
    staff_page.get_by_role("button", name="Открыть месяц заново").click()
    staff_page.wait_for_load_state()
    assert "открыт заново" in staff_page.locator(".messages").inner_text()
    assert staff_page.locator(cell).get_attribute("data-state") == "entered"

    page.goto(f"{live_server.url}/portal/events/{event.pk}/")
    page.get_by_role("link", name="Удалить мероприятие").click()
    page.get_by_role("button", name="Да, удалить").click()
    page.wait_for_load_state()
    assert "удалено" in page.locator(".messages").inner_text()
    assert not Event.objects.filter(pk=event.pk).exists()
    phone.close()
    desk.close()
