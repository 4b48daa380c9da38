"""The registry's rules hold in the database, whatever path writes."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from centers.models import Club
from committees.models import DistrictCommittee, TosBody
from events.models import Event
from tests.factories import (
    CenterEventFactory,
    ClubFactory,
    CommitteeFactory,
    EventFactory,
    TosBodyFactory,
)

pytestmark = pytest.mark.django_db


def refused(update):
    with pytest.raises(IntegrityError), transaction.atomic():
        update()


def test_negative_counts_are_refused_by_the_database():
    event, club = EventFactory(), ClubFactory()
    refused(lambda: Event.objects.filter(pk=event.pk).update(participants=-1))
    refused(lambda: Club.objects.filter(pk=club.pk).update(members=-1))


def test_event_organisers_are_checked_by_the_database():
    event = EventFactory()
    center_event = CenterEventFactory()
    refused(lambda: Event.objects.filter(pk=event.pk).update(center=center_event.center))
    refused(lambda: Event.objects.filter(pk=event.pk).update(committee=None))
    refused(lambda: Event.objects.filter(pk=event.pk).update(is_at_risk=True))
    Event.objects.filter(pk=center_event.pk).update(is_at_risk=True)  # a center's mark


def test_closing_before_founding_is_refused_by_the_database():
    committee = CommitteeFactory(founded=datetime.date(2010, 3, 1))
    refused(
        lambda: DistrictCommittee.objects.filter(pk=committee.pk).update(
            closed=datetime.date(2009, 1, 1)
        )
    )


def test_named_bodies_are_unique_but_unnamed_ones_are_many():
    TosBodyFactory(name="Рудник")
    TosBodyFactory.create_batch(2, name="")
    refused(lambda: TosBodyFactory(name="Рудник"))
    assert TosBody.objects.count() == 3


def test_event_of_a_body_is_its_committees_when_saved_directly():
    body = TosBodyFactory()
    event = EventFactory(committee=None, tos_body=body)
    assert event.committee == body.committee


def test_chair_sees_only_own_committee_in_the_events_filter(client):
    own, other = CommitteeFactory(name="Окружной комитет ТОС № 3"), CommitteeFactory(
        name="Окружной комитет ТОС № 40"
    )
    EventFactory(committee=own)
    EventFactory(committee=other)
    chair, _ = create_user_for(username="chair3", role=Profile.Role.CHAIR, committee=own,
                               password="Kemerovo-test-2022")
    client.force_login(chair)
    response = client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Окружной комитет ТОС № 3" in page
    assert "Окружной комитет ТОС № 40" not in page
