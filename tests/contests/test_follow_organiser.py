"""Applications store the territory of their committee or center
(Application.derive); when that committee or center moves to another
territory, its applications follow, as its events do (one signal,
committees.models.organiser_saved), and so do the report's contest figures
by territory."""

import datetime

import pytest

from contests.models import Application
from events.models import Event
from reports import aggregates
from tests.factories import (
    ApplicationFactory,
    CenterFactory,
    CommitteeFactory,
    EditionFactory,
    EventFactory,
    TerritoryFactory,
    TosBodyFactory,
)

pytestmark = pytest.mark.django_db

Kind = Application.ApplicantKind


def territory_of(application) -> int | None:
    return Application.objects.values_list("territory_id", flat=True).get(pk=application.pk)


def test_applications_and_events_follow_a_committee_that_moves():
    old, new = TerritoryFactory(name="Старый район"), TerritoryFactory(name="Новый район")
    committee = CommitteeFactory(territory=old)
    edition = EditionFactory(year=2022)
    of_body = ApplicationFactory(edition=edition, tos_body=TosBodyFactory(committee=committee))
    of_committee = ApplicationFactory(edition=edition, applicant_kind=Kind.COMMITTEE,
                                      tos_body=None, committee=committee)
    event = EventFactory(committee=committee, date=datetime.date(2022, 5, 1))
    other = ApplicationFactory(edition=edition)  # another committee's: stays
    stays = territory_of(other)
    assert aggregates.contests(2022)["editions"][0].by_territory[old.pk] == 2

    committee.territory = new
    committee.save()

    assert territory_of(of_body) == territory_of(of_committee) == new.pk
    assert Event.objects.values_list("territory_id", flat=True).get(pk=event.pk) == new.pk
    assert territory_of(other) == stays
    figures = aggregates.contests(2022)["editions"][0]
    assert figures.by_territory.get(old.pk, 0) == 0
    assert figures.by_territory[new.pk] == 2
    assert aggregates.contests(2022, new)["editions"][0].applications == 2


def test_applications_follow_a_center_that_moves():
    old, new = TerritoryFactory(), TerritoryFactory()
    center = CenterFactory(territory=old)
    application = ApplicationFactory(applicant_kind=Kind.CENTER, tos_body=None, center=center)
    center.territory = new
    center.save()
    assert territory_of(application) == new.pk


def test_a_residents_application_keeps_the_territory_given_by_hand():
    given = TerritoryFactory()
    resident = ApplicationFactory(applicant_kind=Kind.PERSON, tos_body=None,
                                  applicant_name="Команда двора", territory=given)
    committee = CommitteeFactory()
    committee.territory = TerritoryFactory()
    committee.save()
    assert territory_of(resident) == given.pk


def test_saving_other_fields_only_sends_nothing(django_assert_num_queries):
    committee = CommitteeFactory()
    ApplicationFactory(applicant_kind=Kind.COMMITTEE, tos_body=None, committee=committee)
    committee.phone = "+7 (384) 2000000"
    # the update and simple-history's record; no follow-up updates
    with django_assert_num_queries(2):
        committee.save(update_fields=["phone"])
