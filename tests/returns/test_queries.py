"""The return pages, the board and the event's deletion run a fixed
number of queries, however many events and organisers there are: each
budget measured, then pinned. Every request also saves its session (a
savepoint, an UPDATE, its release: «session save (3)»)."""

import datetime

import pytest
from django.urls import reverse

from returns import services
from tests.factories import CenterFactory, CommitteeFactory, EventFactory, ReceptionFactory
from tests.portal.helpers import make_center_staff, make_chair, make_city_staff

pytestmark = pytest.mark.django_db

MAY = datetime.date(2024, 5, 1)


@pytest.fixture(params=[2, 60], ids=["few", "many"])
def rows(request, today):
    """`n` events of the chair's May, and `n` other committees and centers
    with events of their own."""
    n = request.param
    chair = make_chair()
    center = make_center_staff()
    for day in range(n):
        EventFactory(committee=chair.profile.committee,
                     date=MAY + datetime.timedelta(days=day % 28))
        ReceptionFactory(center=center.profile.center, date=MAY)
        EventFactory(committee=CommitteeFactory(), date=MAY)
        CenterFactory()
    services.submit_return(user=chair, organiser=chair.profile.committee, first=MAY)
    return {"chair": chair, "center": center, "events": n}


def test_return_page_queries(client, rows, django_assert_max_num_queries):
    client.force_login(rows["chair"])
    # session, user, profile, the committee, the month's tally and return,
    # its events (at most 50), the twelve months' tallies and returns,
    # session save (3)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:return_month", args=[2024, 5]))
    assert response.status_code == 200


def test_center_return_page_queries(client, rows, django_assert_max_num_queries):
    client.force_login(rows["center"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:return_month", args=[2024, 5]))
    assert response.status_code == 200


def test_reopen_page_queries(client, rows, django_assert_max_num_queries):
    client.force_login(make_city_staff())
    committee = rows["chair"].profile.committee
    url = reverse("portal:return_reopen", args=["committee", committee.pk, 2024, 5])
    # session, user, profile, the committee, tally, return, its history
    # with the users, session save (3)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200


def test_board_queries_with_many_organisers(client, rows, django_assert_max_num_queries):
    client.force_login(make_city_staff())
    # as tests/portal/test_queries.py::test_board_queries: a page of 50
    # organisers whatever their number
    with django_assert_max_num_queries(14):
        response = client.get(reverse("portal:board"), {"year": 2024, "month": 5})
    assert response.status_code == 200
    assert len(response.context["rows"]) <= 50


def test_event_delete_page_queries(client, rows, django_assert_max_num_queries):
    client.force_login(rows["chair"])
    event = rows["chair"].profile.committee.events.first()
    # session, user, profile, the event with its photo count, whether its
    # month is submitted, session save (3)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:event_delete", args=[event.pk]))
    assert response.status_code == 200
