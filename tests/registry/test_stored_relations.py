"""The relations the registry stores for the report's sake: an event's
territory (its organiser's) and an activist's committee (its body's).

They are derived on every write path (save, bulk_create, import) and
follow a committee, center or TOS body that moves; the report counts by
them, so a stale one would move figures between territories."""

import datetime

import pytest

from committees.models import Activist
from core.imports.engine import run_import
from core.imports.files import read_table
from core.imports.registry import get_kind
from events.models import Event
from reports import aggregates
from tests.factories import (
    ActivistFactory,
    CenterEventFactory,
    CenterFactory,
    CommitteeFactory,
    EventFactory,
    TerritoryFactory,
    TosBodyFactory,
)
from tests.imports.books import xlsx

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 5, 20)


def stored_territory(event) -> int | None:
    return Event.objects.values_list("territory_id", flat=True).get(pk=event.pk)


def stored_committee(activist) -> int:
    return Activist.objects.values_list("committee_id", flat=True).get(pk=activist.pk)


def test_an_event_stores_its_organisers_territory():
    committee_event = EventFactory()
    center_event = CenterEventFactory()
    city_event = EventFactory(committee=None, by_city=True, kind=Event.Kind.GATHERING)
    assert stored_territory(committee_event) == committee_event.committee.territory_id
    assert stored_territory(center_event) == center_event.center.territory_id
    assert stored_territory(city_event) is None


def test_an_event_of_a_tos_body_gets_its_committee_and_territory():
    body = TosBodyFactory()
    event = Event(date=DAY, title="Субботник", kind=Event.Kind.CLEANUP, participants=5,
                  tos_body_id=body.pk)
    event.save()
    assert event.committee_id == body.committee_id
    assert stored_territory(event) == body.committee.territory_id


def test_bulk_created_events_and_activists_get_theirs():
    committee, center = CommitteeFactory(), CenterFactory()
    body = TosBodyFactory(committee=committee)
    events = Event.objects.bulk_create([
        Event(date=DAY, title="А", kind=Event.Kind.ACTION, participants=3,
              committee_id=committee.pk),
        Event(date=DAY, title="Б", kind=Event.Kind.SPORT, participants=4, center=center),
    ])
    assert [stored_territory(e) for e in events] == [committee.territory_id,
                                                     center.territory_id]
    (activist,) = Activist.objects.bulk_create([
        Activist(tos_body_id=body.pk, full_name="Иванова Анна", founded=DAY)])
    assert stored_committee(activist) == committee.pk


def test_imported_events_and_activists_get_theirs():
    committee = CommitteeFactory(number=7)
    body = TosBodyFactory(committee=committee, address="ул. Весенняя, 1")
    events = xlsx(["Дата", "Название", "Вид", "Окружной комитет", "Участников"],
                  [["20.05.2022", f"Субботник № {i}", "Субботник", 7, 10] for i in range(3)])
    activists = xlsx(["Окружной комитет", "Орган ТОС", "ФИО", "Роль", "Дата создания"],
                     [[7, body.address, f"Активист {i}", "Член комитета", "01.01.2020"]
                      for i in range(3)])
    assert not run_import(get_kind("events"), read_table(events)).problems
    assert not run_import(get_kind("activists"), read_table(activists)).problems
    assert set(Event.objects.values_list("territory_id", flat=True)) == {
        committee.territory_id}
    assert set(Activist.objects.values_list("committee_id", flat=True)) == {committee.pk}


def test_a_committee_that_moves_takes_its_events_and_figures_along():
    old, new = TerritoryFactory(name="Заводский"), TerritoryFactory(name="Рудничный")
    committee = CommitteeFactory(territory=old)
    event = EventFactory(committee=committee)
    history = Event.history.count()
    assert aggregates.events(2022, new).cultural.total == 0

    committee.territory = new
    committee.save()

    assert stored_territory(event) == new.pk
    assert aggregates.events(2022, new).cultural.total == 1
    assert aggregates.events(2022, old).cultural.total == 0
    # The event itself did not change: nothing new in its history.
    assert Event.history.count() == history


def test_a_center_that_moves_takes_its_events_along():
    new = TerritoryFactory(name="Кировский")
    event = CenterEventFactory()
    center = event.center
    center.territory = new
    center.save()
    assert stored_territory(event) == new.pk


def test_a_tos_body_that_moves_takes_its_activists_along():
    activist = ActivistFactory()
    body, other = activist.tos_body, CommitteeFactory()
    assert aggregates.registry(2022)["activists"].get(other.territory_id, 0) == 0

    body.committee = other
    body.save()

    assert stored_committee(activist) == other.pk
    assert aggregates.registry(2022)["activists"][other.territory_id] == 1


def test_a_saved_activist_follows_a_change_of_body():
    activist = ActivistFactory()
    other = TosBodyFactory()
    activist.tos_body = other
    activist.save()
    assert stored_committee(activist) == other.committee_id
