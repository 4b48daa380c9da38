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
    # session, user, profile (scope), the committee, events aggregate,
    # applications aggregate, latest five events, session save
    with django_assert_max_num_queries(10):
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
    # session, user, profile, the event, its photos, campaigns, TOS bodies,
    # session save
    with django_assert_max_num_queries(10):
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
    # session, user, profile (scope), committees, centers, one aggregate of
    # events by organiser and month, territories, session save
    with django_assert_max_num_queries(10):
        response = client.get(reverse("portal:board"))
    assert response.status_code == 200


def test_board_export_queries(client, city_events, django_assert_max_num_queries):
    client.force_login(make_city_staff())
    # session, user, profile, committees, centers, the events aggregate,
    # session save
    with django_assert_max_num_queries(9):
        response = client.get(reverse("portal:board_export"))
    assert response.status_code == 200
