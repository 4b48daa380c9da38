"""City staff in the admin: the events list and an event form read in Russian."""

import datetime

import pytest

from accounts.models import Profile
from accounts.services import create_user_for
from events.models import Event
from tests.conftest import login
from tests.factories import (
    PASSWORD,
    CampaignFactory,
    CenterEventFactory,
    CenterFactory,
    CommitteeFactory,
    EventFactory,
    EventPhotoFactory,
    TerritoryFactory,
    TosBodyFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def _http_cookies(settings):
    # The live server speaks plain HTTP; production cookies are Secure.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def staff(_http_cookies):
    user, _ = create_user_for(
        username="ivanova", role=Profile.Role.STAFF, password=PASSWORD,
        first_name="Ольга", last_name="Иванова",
    )
    return user


@pytest.fixture
def city_events():
    """A month of a city's events, as the list shows them."""
    central = TerritoryFactory(name="Центральный", order=1)
    rudnichny = TerritoryFactory(name="Рудничный", order=3)
    committee = CommitteeFactory(number=5, name="Окружной комитет ТОС № 5", territory=central)
    other = CommitteeFactory(number=21, name="Окружной комитет ТОС № 21", territory=rudnichny)
    rudnik = TosBodyFactory(committee=other, kind="street", name="Рудник",
                            address="ул. Шахтеров, 1–45")
    center = CenterFactory(name="Петровский", territory=rudnichny)
    skis = CampaignFactory(name="Все на лыжи")
    windows = CampaignFactory(name="Окна Победы")
    day = datetime.date(2022, 5, 1)
    EventFactory(date=day, title="Субботник во дворе ул. Весенней, 12", kind="cleanup",
                 committee=committee, participants=34)
    EventFactory(date=day.replace(day=7), title="Акция «Окна Победы»", kind="action",
                 committee=committee, campaign=windows, participants=120, is_youth=True)
    event = EventFactory(date=day.replace(day=9), title="Праздник двора «Победный май»",
                         committee=other, tos_body=rudnik, participants=85,
                         place="двор ул. Шахтеров, 17", is_highlight=True,
                         description="Концерт, полевая кухня, поздравление ветеранов.")
    CenterEventFactory(date=day.replace(day=14), title="Семейные старты", kind="sport",
                       center=center, participants=46, is_at_risk=True)
    EventFactory(date=day.replace(day=20), title="XV городской слет общественности",
                 kind="gathering", committee=None, by_city=True, participants=350)
    EventFactory(date=datetime.date(2022, 2, 12), title="Лыжная эстафета", kind="sport",
                 committee=other, campaign=skis, participants=60, is_youth=True)
    EventPhotoFactory(event=event, caption="Концерт во дворе")
    return event


def screenshot(page, name, tmp_path, full_page=False):
    page.screenshot(path=str(tmp_path / name), full_page=full_page)


def test_staff_reads_the_events_list_in_russian(page, live_server, staff, city_events,
                                                 tmp_path):
    login(page, live_server, "ivanova", PASSWORD)
    page.goto(f"{live_server.url}/admin/events/event/?year=2022")
    page.click("#toggle-nav-sidebar")  # as on a laptop: room for the table
    page.evaluate("window.scrollTo(0, 0)")

    headers = page.locator("#result_list thead th").all_text_contents()
    for label in ["Дата", "Название", "Вид", "Организатор", "Территория", "Участников"]:
        assert any(label in header for header in headers), (label, headers)
    filters = page.locator("#changelist-filter summary").all_text_contents()
    for title in ["организатор", "вид", "территория", "окружной комитет", "год", "месяц"]:
        assert any(title in summary.lower() for summary in filters), (title, filters)
    body = page.locator("#result_list").inner_text()
    assert "ТОС «Рудник»" in body
    assert "Администрация города" in body
    assert "Культурно-массовое мероприятие" in body
    screenshot(page, "admin-events.png", tmp_path)

    page.get_by_role("link", name="Праздник двора «Победный май»").click()
    page.wait_for_selector("#event_form")
    assert "Изменить мероприятие" in page.locator("h1, h2").first.inner_text() or \
        "Изменить мероприятие" in page.title()
    for legend in ["Организатор", "Отметки", "Подробности"]:
        assert page.get_by_role("heading", name=legend).count() or page.locator(
            f"fieldset:has-text('{legend}')").count()
    assert page.locator("label[for=id_participants]").inner_text().startswith("Участников")
    assert page.locator("#photos-group").inner_text().count("Концерт во дворе") == 1
    screenshot(page, "admin-event-form.png", tmp_path, full_page=True)


def test_staff_adds_an_event_through_the_form(page, live_server, staff, city_events):
    login(page, live_server, "ivanova", PASSWORD)
    page.goto(f"{live_server.url}/admin/events/event/add/")
    page.fill("#id_date", "21.05.2022")
    page.fill("#id_title", "Турнир по дворовому футболу")
    page.select_option("#id_kind", "sport")
    page.fill("#id_participants", "-3")
    page.check("#id_by_city")
    page.click("input[name=_save]")
    assert "больше либо равно 0" in page.locator(".errorlist").first.inner_text()
    page.fill("#id_participants", "48")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert "успешно добавлен" in page.locator(".messagelist").inner_text()
    assert Event.objects.filter(title="Турнир по дворовому футболу", by_city=True).exists()


def test_staff_picks_a_committee_from_the_drop_down_filter(page, live_server, staff, tmp_path):
    committees = [CommitteeFactory(number=n, name=f"Окружной комитет ТОС № {n}")
                  for n in range(1, 31)]
    EventFactory(committee=committees[6], title="Субботник седьмого комитета", kind="cleanup")
    EventFactory(committee=committees[6], title="Праздник седьмого комитета")
    EventFactory(committee=committees[7], title="Субботник восьмого комитета", kind="cleanup")
    login(page, live_server, "ivanova", PASSWORD)
    page.goto(f"{live_server.url}/admin/events/event/?kind__exact=cleanup")

    page.select_option("select[name=committee__id__exact]", label="Окружной комитет ТОС № 7")
    page.wait_for_url(f"**committee__id__exact={committees[6].pk}**")
    body = page.locator("#result_list").inner_text()
    # the committee chosen, and the kind filter kept
    assert "Субботник седьмого комитета" in body
    assert "Праздник седьмого комитета" not in body
    assert "восьмого" not in body
    page.locator("select[name=committee__id__exact]").scroll_into_view_if_needed()
    screenshot(page, "admin-filter-select.png", tmp_path)

    page.select_option("select[name=committee__id__exact]", label="Все")
    page.wait_for_url(lambda url: "committee__id__exact" not in url)
    body = page.locator("#result_list").inner_text()
    assert "Субботник восьмого комитета" in body and "Праздник" not in body
