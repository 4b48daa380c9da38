"""The home page of a chair or a center: the year so far."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, CenterEventFactory, EventFactory, TosBodyFactory

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
    assert str(committee) in page


def test_center_home_counts_the_centers_events(client, center_staff, today):
    center = center_staff.profile.center
    CenterEventFactory(center=center, date=datetime.date(2024, 2, 1), participants=8)
    CenterEventFactory(date=datetime.date(2024, 2, 1), participants=50)  # another center
    client.force_login(center_staff)
    assert totals(client.get(reverse("portal:home")))["Участники"] == (8, 0)


def test_home_on_29_february_compares_with_28_february(chair_client, chair, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: datetime.date(2024, 2, 29)
    )
    EventFactory(committee=chair.profile.committee, date=datetime.date(2023, 2, 28))
    assert totals(chair_client.get(reverse("portal:home")))["Мероприятия"] == (0, 1)
