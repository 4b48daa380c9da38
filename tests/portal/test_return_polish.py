"""The nav's «Отчет за месяц» opens the month a chair would report, not an
empty current one, and the return page lets one jump to any month; the
center's sums read right for 1, 2–4 and 5+."""

import datetime

import pytest
from django.urls import reverse

from returns import services
from returns.models import MonthTally
from tests.factories import (
    CenterFactory,
    EventFactory,
    PreventionRecordFactory,
)
from tests.portal.helpers import make_center_staff, make_chair

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    return TODAY


def opened(client) -> str:
    response = client.get(reverse("portal:return_latest"))
    assert response.status_code == 302
    return response.url


def test_the_nav_opens_the_latest_unsubmitted_month_with_records(client, today):
    chair = make_chair()
    committee = chair.profile.committee
    for month in (10, 11, 12):
        EventFactory(committee=committee, date=datetime.date(2022, month, 5))
    services.submit_return(
        user=chair, organiser=committee, first=datetime.date(2022, 12, 1), today=today
    )
    client.force_login(chair)
    assert opened(client) == reverse("portal:return_month", args=[2022, 11])


def test_with_every_month_submitted_the_nav_opens_the_last_return(client, today):
    chair = make_chair()
    committee = chair.profile.committee
    EventFactory(committee=committee, date=datetime.date(2022, 12, 5))
    services.submit_return(
        user=chair, organiser=committee, first=datetime.date(2022, 12, 1), today=today
    )
    client.force_login(chair)
    assert opened(client) == reverse("portal:return_month", args=[2022, 12])


def test_without_records_the_nav_opens_last_month(client, today):
    client.force_login(make_chair())
    assert opened(client) == reverse("portal:return_month", args=[2026, 11])


def test_the_return_page_has_a_month_picker_and_a_way_back_to_records(client, today):
    chair = make_chair()
    EventFactory(committee=chair.profile.committee, date=datetime.date(2022, 12, 5))
    client.force_login(chair)
    page = client.get(reverse("portal:return_month", args=[2026, 11])).content.decode()
    assert 'type="month"' in page and 'max="2026-12"' in page
    assert "К последнему месяцу с записями: декабрь 2022" in page
    picked = client.get(reverse("portal:return_latest"), {"month": "2022-03"})
    assert picked.url == reverse("portal:return_month", args=[2022, 3])


def test_the_picker_never_opens_a_month_to_come(client, today):
    client.force_login(make_chair())
    picked = client.get(reverse("portal:return_latest"), {"month": "2027-05"})
    assert picked.url == reverse("portal:return_month", args=[2026, 11])


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "1 случай профилактической работы"),
        (3, "3 случая профилактической работы"),
        (5, "5 случаев профилактической работы"),
        (21, "21 случай профилактической работы"),
    ],
)
def test_the_centers_prevention_sum_agrees_with_its_number(client, today, count, words):
    center = CenterFactory()
    PreventionRecordFactory(center=center, month=datetime.date(2022, 3, 1), count=count)
    assert MonthTally.objects.get(center=center).prevention == count
    client.force_login(make_center_staff(center))
    page = client.get(reverse("portal:return_month", args=[2022, 3]))
    shown = [f"{n} {text}" for n, text in page.context["sums"] if "профилакт" in text]
    assert len(shown) == 1 and shown[0].startswith(words)
    assert "профилактическая работа: рейды" not in page.content.decode()
