"""A chair on a phone: logs in, adds an event with a photo, sees it."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from events.models import Event
from tests.factories import (
    PASSWORD,
    CampaignFactory,
    CommitteeFactory,
    EventFactory,
    TosBodyFactory,
)
from tests.portal.helpers import jpeg_bytes, make_chair

pytestmark = [pytest.mark.browser]

PHONE = {"width": 360, "height": 740}


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


def visible_fields(page):
    return page.locator(
        "main form input:visible, main form select:visible, main form textarea:visible"
    ).count()


def test_chair_adds_an_event_with_a_photo_on_a_phone(
    phone, live_server, transactional_db, _http_cookies, tmp_path
):
    chair = make_chair(
        committee=CommitteeFactory(name="Окружной комитет ТОС № 12"), username="chair.rudnik"
    )
    committee = chair.profile.committee
    TosBodyFactory(committee=committee, name="Рудник", address="ул. Рудничная, 1")
    campaign = CampaignFactory(name="Все на лыжи")
    today = timezone.localdate()
    last_year = today.replace(year=today.year - 1, day=1)
    for title, kind, people in (
        ("Масленица во дворе", Event.Kind.CULTURAL, 25),
        ("Уборка сквера", Event.Kind.CLEANUP, 60),
        ("Субботник на Весенней", Event.Kind.CLEANUP, 18),
    ):
        EventFactory(
            committee=committee, date=last_year, title=title, kind=kind, participants=people
        )
    EventFactory(committee=committee, date=today.replace(day=1), participants=35,
                 title="Субботник во дворе", kind=Event.Kind.CLEANUP)
    photo = tmp_path / "лыжня.jpg"
    photo.write_bytes(jpeg_bytes(4000, 3000))

    phone.goto(f"{live_server.url}/")
    assert phone.url.endswith("/portal/login/?next=/") or "/portal/login/" in phone.url
    assert_accessible(phone)
    phone.get_by_label("Имя пользователя").fill(chair.username)
    phone.get_by_label("Пароль").fill(PASSWORD)
    phone.get_by_role("button", name="Войти").click()

    phone.wait_for_url("**/portal/")
    # «№» keeps its number on the line (a no-break space).
    assert phone.locator("h1").inner_text().replace("\xa0", " ") == str(committee)
    assert phone.locator("[data-total='1']").inner_text() == "1"
    assert_fits_the_screen(phone)
    assert_accessible(phone)

    phone.get_by_role("link", name="Добавить мероприятие").first.click()
    phone.wait_for_url("**/portal/events/add/")
    assert visible_fields(phone) <= 7
    assert_fits_the_screen(phone)
    assert_accessible(phone)
    phone.get_by_label("Название").fill("Лыжня двора")
    phone.get_by_label("Вид").select_option(Event.Kind.SPORT)
    phone.get_by_label("Городская акция").select_option(str(campaign.pk))
    phone.get_by_label("Орган ТОС").select_option(label="ТОС «Рудник»")
    phone.get_by_label("Участников").fill("48")
    phone.get_by_label("Фото").set_input_files(str(photo))
    phone.get_by_role("button", name="Сохранить").click()

    phone.wait_for_url("**/portal/")
    assert "Лыжня двора" in phone.locator(".events").inner_text()
    assert phone.locator("[data-total='1']").inner_text() == "2"  # events this year
    assert phone.locator("[data-total='2']").inner_text() == "83"  # participants
    assert_accessible(phone)

    event = Event.objects.get(title="Лыжня двора")
    assert event.committee == committee
    assert event.date == today
    assert event.photos.count() == 1
    assert max(event.photos.get().image.width, event.photos.get().image.height) == 1600


def test_the_form_remembers_the_choices_of_the_last_event(
    phone, live_server, transactional_db, _http_cookies
):
    chair = make_chair(username="chair.lenin")
    CampaignFactory(name="Мы с Вами")
    phone.goto(f"{live_server.url}/portal/login/")
    phone.get_by_label("Имя пользователя").fill(chair.username)
    phone.get_by_label("Пароль").fill(PASSWORD)
    phone.get_by_role("button", name="Войти").click()
    phone.goto(f"{live_server.url}/portal/events/add/")
    phone.get_by_label("Название").fill("Акция у подъезда")
    phone.get_by_label("Вид").select_option(Event.Kind.ACTION)
    phone.get_by_label("Городская акция").select_option(label="«Мы с Вами»")
    phone.get_by_label("Участников").fill("12")
    phone.get_by_role("button", name="Сохранить").click()
    phone.wait_for_url("**/portal/")

    phone.goto(f"{live_server.url}/portal/events/add/")
    assert phone.get_by_label("Вид").input_value() == Event.Kind.ACTION
    assert phone.locator("#id_campaign option:checked").inner_text() == "«Мы с Вами»"
    assert phone.get_by_label("Дата").input_value() == f"{timezone.localdate():%Y-%m-%d}"
    assert datetime.date.fromisoformat(phone.get_by_label("Дата").input_value())
