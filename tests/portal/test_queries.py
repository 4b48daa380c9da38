"""The portal's pages run a fixed number of queries, however many events
there are. Each budget is measured, then pinned. Every request also saves
its session (SESSION_SAVE_EVERY_REQUEST): a savepoint, an UPDATE and its
release, counted as "session save" below."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    CenterEventFactory,
    CenterFactory,
    CommitteeFactory,
    EventFactory,
    EventPhotoFactory,
)

from .helpers import make_city_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[2, 40], ids=["few", "many"])
def chair_events(request, chair):
    committee = chair.profile.committee
    events = EventFactory.create_batch(
        request.param, committee=committee, date=datetime.date.today().replace(day=1)
    )
    EventPhotoFactory(event=events[0])
    return events


def test_home_queries(chair_client, chair_events, django_assert_max_num_queries):
    # session, user, profile (scope), the years of events and of
    # applications (the year switch), the committee, events aggregate,
    # applications aggregate, latest five events, session save (3)
    with django_assert_max_num_queries(12):
        response = chair_client.get(reverse("portal:home"))
    assert response.status_code == 200


def test_event_list_queries(chair_client, chair_events, django_assert_max_num_queries):
    # session, user, profile, the committee, count, page of events with
    # their photo counts, session save
    with django_assert_max_num_queries(9):
        response = chair_client.get(reverse("portal:event_list"))
    assert response.status_code == 200


def test_event_form_queries(chair_client, chair_events, django_assert_max_num_queries):
    # session, user, profile, campaigns, the committee's TOS bodies,
    # session save
    with django_assert_max_num_queries(8):
        response = chair_client.get(reverse("portal:event_add"))
    assert response.status_code == 200


def test_event_edit_queries(chair_client, chair_events, django_assert_max_num_queries):
    # session, user, profile, the event, its photos, its committee and
    # whether its month is closed (core.periods: a submitted return, a
    # closed year), campaigns, TOS bodies, session save (3)
    with django_assert_max_num_queries(13):
        response = chair_client.get(reverse("portal:event_edit", args=[chair_events[0].pk]))
    assert response.status_code == 200


@pytest.fixture(params=[1, 10], ids=["few", "many"])
def city_events(request):
    for _ in range(request.param):
        committee, center = CommitteeFactory(), CenterFactory()
        EventFactory.create_batch(3, committee=committee, date=datetime.date.today())
        CenterEventFactory(center=center, date=datetime.date.today())


def test_board_queries(client, city_events, django_assert_max_num_queries):
    client.force_login(make_city_staff())
    # session, user, profile (scope), the tally's first and latest month,
    # the month's states counted for committees and for centers, a page
    # of committees and of centers, their tallies and returns of the year,
    # territories, session save (3); the events are never read
    with django_assert_max_num_queries(14):
        response = client.get(reverse("portal:board"))
    assert response.status_code == 200


def test_board_export_queries(client, city_events, django_assert_max_num_queries):
    client.force_login(make_city_staff())
    # session, user, profile, the tally's span, committees and centers
    # with the month's state, session save (3)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("portal:board_export"))
    assert response.status_code == 200
