"""The per-organiser-month tally follows every write: saves, deletes,
moves, and the import engine's bulk writes."""

import datetime

import pytest

from centers.models import PreventionRecord
from core.imports.engine import run_import
from core.imports.files import read_table
from core.imports.registry import get_kind
from returns.models import MonthTally
from returns.tally import recount
from tests.factories import (
    CenterEventFactory,
    CenterFactory,
    CommitteeFactory,
    EventFactory,
    PreventionRecordFactory,
    ReceptionFactory,
)
from tests.imports.books import xlsx

pytestmark = pytest.mark.django_db

MAY = datetime.date(2024, 5, 1)
JUNE = datetime.date(2024, 6, 1)


def tally(month=MAY, **organiser):
    return MonthTally.objects.filter(month=month, **organiser).first()


def test_events_are_counted_and_uncounted_as_they_are_saved_and_deleted():
    committee = CommitteeFactory()
    first = EventFactory(committee=committee, date=datetime.date(2024, 5, 3), participants=10)
    EventFactory(committee=committee, date=datetime.date(2024, 5, 20), participants=5)
    assert (tally(committee=committee).events, tally(committee=committee).participants) == (2, 15)

    first.date = datetime.date(2024, 6, 2)  # moved to the next month
    first.save()
    assert tally(committee=committee).events == 1
    assert tally(JUNE, committee=committee).events == 1

    first.delete()
    assert tally(JUNE, committee=committee) is None


def test_an_event_moved_to_another_committee_leaves_the_first_one():
    one, other = CommitteeFactory(), CommitteeFactory()
    event = EventFactory(committee=one, date=datetime.date(2024, 5, 3))
    event = type(event).objects.get(pk=event.pk)
    event.committee = other
    event.save()
    assert tally(committee=one) is None
    assert tally(committee=other).events == 1


def test_receptions_and_prevention_count_for_their_center():
    center = CenterFactory()
    ReceptionFactory(center=center, date=datetime.date(2024, 5, 7), visitors=4)
    PreventionRecordFactory(center=center, month=MAY, kind=PreventionRecord.Kind.TEEN_RAID,
                            count=3)
    CenterEventFactory(center=center, date=datetime.date(2024, 5, 9), participants=20)
    row = tally(center=center)
    assert (row.events, row.participants, row.receptions, row.visitors,
            row.prevention_records, row.prevention) == (1, 20, 1, 4, 1, 3)
    assert row.entered == 3


def test_an_import_counts_its_rows():
    committee = CommitteeFactory(number=7)
    rows = [["20.05.2024", f"Субботник № {i}", "Субботник", 7, 10] for i in range(30)]
    data = xlsx(["Дата", "Название", "Вид", "Окружной комитет", "Участников"], rows)
    outcome = run_import(get_kind("events"), read_table(data))
    assert outcome.saved, outcome.problems
    assert (tally(committee=committee).events, tally(committee=committee).participants) == (
        30, 300)


def test_recount_rebuilds_what_bulk_writes_left_out():
    committee = CommitteeFactory()
    EventFactory._meta.model.objects.bulk_create([
        EventFactory.build(committee=committee, date=datetime.date(2024, 5, d))
        for d in (1, 2, 3)
    ])
    assert tally(committee=committee) is None  # bulk_create sends no signals
    recount()
    assert tally(committee=committee).events == 3
