"""The home page of a chair: the year so far, and a switch to past years.
(The center's home is portal/center_views.py, tested with the center's pages.)"""

import datetime

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, EventFactory, TosBodyFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 6, 15)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    return TODAY


def totals(response):
    return {t.label: (t.now, t.then) for t in response.context["totals"]}


def test_home_compares_the_year_with_last_year_at_the_same_date(chair_client, chair, today):
    committee = chair.profile.committee
    EventFactory(committee=committee, date=datetime.date(2024, 1, 10), participants=30)
    EventFactory(
        committee=committee, date=datetime.date(2024, 6, 15), participants=12,
        kind="cleanup",
    )
    EventFactory(committee=committee, date=datetime.date(2024, 7, 1), participants=99)  # later
    EventFactory(committee=committee, date=datetime.date(2023, 6, 15), participants=5)
    EventFactory(committee=committee, date=datetime.date(2023, 6, 16), participants=77)  # later
    EventFactory(date=datetime.date(2024, 2, 1), participants=1000)  # another committee
    body = TosBodyFactory(committee=committee)
    ApplicationFactory(tos_body=body, submitted=datetime.date(2024, 3, 1))
    ApplicationFactory(submitted=datetime.date(2024, 3, 1))  # another committee

    response = chair_client.get(reverse("portal:home"))

    assert totals(response) == {
        "Мероприятия": (2, 1),
        "Участники": (42, 5),
        "Акции и субботники": (1, 0),
        "Заявки на конкурсы": (1, 0),
    }
    page = response.content.decode()
    assert "Добавить мероприятие" in page
    assert str(committee).replace("№ ", "№&nbsp;") in page  # «№» keeps its number


def test_home_on_29_february_compares_with_28_february(chair_client, chair, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: datetime.date(2024, 2, 29)
    )
    EventFactory(committee=chair.profile.committee, date=datetime.date(2023, 2, 28))
    response = chair_client.get(reverse("portal:home"), {"year": 2024})
    assert totals(response)["Мероприятия"] == (0, 1)


@pytest.fixture
def today_2026(monkeypatch):
    day = datetime.date(2026, 12, 1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)
    return day


def test_home_opens_on_the_latest_year_with_data(chair_client, chair, today_2026):
    committee = chair.profile.committee
    EventFactory(committee=committee, date=datetime.date(2022, 5, 10), participants=40)
    EventFactory(committee=committee, date=datetime.date(2021, 5, 10), participants=15)
    EventFactory(date=datetime.date(2025, 3, 1))  # another committee's later year

    response = chair_client.get(reverse("portal:home"))

    assert response.context["year"] == 2022
    assert totals(response)["Участники"] == (40, 15)
    page = response.content.decode()
    assert "Итоги 2022 года" in page
    assert "на 1 декабря" not in page
    assert "в 2021 году: 15" in page
    # The switch offers the years with data and the current year, to go back.
    assert response.context["years"] == [2026, 2022, 2021]
    assert 'href="?year=2026"' in page


def test_home_year_switch_shows_the_current_year_to_date(chair_client, chair, today_2026):
    committee = chair.profile.committee
    EventFactory(committee=committee, date=datetime.date(2022, 5, 10))
    EventFactory(committee=committee, date=datetime.date(2026, 11, 2), participants=9)

    response = chair_client.get(reverse("portal:home"), {"year": 2026})

    assert totals(response)["Участники"] == (9, 0)
    assert "Итоги 2026 года на 1 декабря" in response.content.decode()


def test_home_without_data_opens_on_the_current_year(chair_client, today_2026):
    response = chair_client.get(reverse("portal:home"), {"year": "1999"})
    assert response.context["year"] == 2026
    assert response.context["years"] == [2026]


def test_a_year_in_the_past_counts_the_whole_year(chair_client, chair, today):
    committee = chair.profile.committee
    EventFactory(committee=committee, date=datetime.date(2023, 12, 20), participants=7)
    EventFactory(committee=committee, date=datetime.date(2022, 12, 20), participants=3)
    response = chair_client.get(reverse("portal:home"), {"year": 2023})
    assert totals(response)["Участники"] == (7, 3)
