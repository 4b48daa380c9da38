"""Each figure of the report against a count done by hand on a small year."""

import datetime

import pytest

from centers.models import PreventionRecord
from contests.models import Application
from reports import aggregates
from reports.aggregates import annual_report, compare
from tests.factories import CenterEventFactory, EventFactory

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_registry_counts_only_what_is_active_in_the_year(small_year):
    north, south = small_year.territories
    reg = aggregates.registry(YEAR)
    assert reg["committees"].total == 2
    assert reg["committees"] == {north.pk: 1, south.pk: 1}
    assert reg["bodies"].total == 3
    assert reg["activists"].total == 4
    assert aggregates.registry(YEAR, north)["activists"].total == 3


def test_committee_events_split_by_kind_youth_and_participants(small_year):
    ev = aggregates.events(YEAR)
    assert ev.cultural.total == 2
    assert ev.youth.total == 1
    assert ev.cultural_people.total == 30 + 20
    assert ev.actions.total == 2
    assert ev.action_people.total == 15 + 10
    assert ev.committee_events.total == 5


def test_center_events_and_at_risk_events(small_year):
    ev = aggregates.events(YEAR)
    assert ev.center_events.total == 2
    assert ev.center_people.total == 40 + 25
    assert ev.at_risk.total == 1


def test_event_charts_series_by_month_and_kind(small_year):
    ev = aggregates.events(YEAR)
    assert ev.by_month["committee"][3] == 2  # April: an action and a clean-up
    assert ev.by_month["center"][5] == 2
    assert ev.by_month["city"][11] == 1
    assert sum(ev.by_kind.values()) == 8
    assert ev.by_kind["cultural"] == 3


def test_territory_filter_narrows_events(small_year):
    north, _ = small_year.territories
    ev = aggregates.events(YEAR, north)
    assert ev.cultural.total == 1
    assert ev.center_events.total == 1
    assert ev.by_month["city"] == [0] * 12


def test_campaigns_are_those_with_events_in_the_year(small_year):
    assert aggregates.campaigns(YEAR) == ["Все на лыжи", "Окна Победы"]


def test_gathering_is_the_city_event_of_its_kind_with_its_ordinal(small_year):
    found = aggregates.gathering(YEAR)
    assert found.place == "во дворце культуры Шахтеров"
    assert found.ordinal == 1  # the only gathering recorded
    assert aggregates.gathering(YEAR - 1) is None


def test_centers_clubs_receptions_and_prevention(small_year):
    cen = aggregates.centers(YEAR)
    assert cen["centers"].total == 2
    assert cen["clubs"].total == 2
    assert cen["club_members"].total == 22
    assert cen["receptions"].total == 3
    assert cen["visitors"].total == 2 + 3 + 4
    prevention = {kind: tally.total for kind, tally in cen["prevention"].items()}
    Kind = PreventionRecord.Kind
    assert prevention == {
        Kind.FAMILY_RAID: 8,
        Kind.TEEN_RAID: 2,
        Kind.FAMILY_CALL: 6,
        Kind.RISK_CHILD_CALL: 7,
        Kind.INFORMATION: 1,
    }


def test_contests_are_found_by_name_and_counted_by_stage(small_year):
    found = aggregates.contests(YEAR)
    assert set(found["by_key"]) == {"beautiful_yard", "best_practice", "snow", "best_center"}
    yard = found["by_key"]["beautiful_yard"]
    assert yard.reached[Application.Stage.DISTRICT] == 3
    assert yard.reached[Application.Stage.CITY] == 2
    assert [n.name for n in yard.nominations] == ["Мой двор - моя гордость", "Цветущий балкон"]
    practice = found["by_key"]["best_practice"]
    assert practice.committees_regional == 2
    federal = practice.results_at(Application.Stage.FEDERAL)
    assert [(r.place, str(r.application.applicant)) for r in federal] == [(3, "ТОС «Рудник»")]
    best = found["by_key"]["best_center"]
    assert best.centers == 2
    assert len(best.nominations) == 2
    assert [o.value for o in found["by_key"]["snow"].outcomes] == [3]
    # Figure 9: city contests only, the all-Russian one aside.
    assert found["city_participants"] == (4 + 6 + 5) + 2 + (1 + 1)


def test_a_contest_without_an_edition_in_the_year_is_left_out(small_year):
    report = annual_report(YEAR)
    assert report.contest("best_committee") is None
    assert report.contest("spartakiad") is None


def test_initiative_projects(small_year):
    init = aggregates.initiative(YEAR)
    assert init.program_year == 4
    assert init.voters == 1000 + 2000 + 500 + 300
    assert (init.built_sport, init.built_playground) == (2, 1)
    assert [p.address for p in init.built_this_year][0] == "ул. Весенняя, 17"
    assert len(init.built_this_year) == 2
    assert len(init.submitted_next_year) == 1


def test_plan_is_the_next_years(small_year):
    plan = aggregates.year_plan(YEAR)
    assert plan.year == YEAR + 1
    assert [t.order for t in plan.tasks.all()] == [1, 2]


def test_comparison_is_left_out_when_the_previous_year_has_no_data(small_year):
    figures, comparable = compare(annual_report(YEAR), annual_report(YEAR - 1, full=False))
    # 2021 has one event, one reception and one prevention record.
    assert comparable
    by_key = {f.key: f for f in figures}
    assert by_key["cultural"].previous == 1
    assert by_key["cultural"].delta == 1
    figures, comparable = compare(annual_report(YEAR - 1), annual_report(YEAR - 2, full=False))
    assert not comparable
    assert all(f.previous is None for f in figures)


def test_aggregation_queries_do_not_grow_with_records(
    small_year, django_assert_max_num_queries
):
    # territories, committees and centers (one union), bodies, activists,
    # 1 event grouping, the campaigns' names, gathering,
    # 3 centers tables, editions, nominations, 2 application groupings,
    # results, outcomes, projects, plan + tasks, narrative, photos
    budget = 21
    with django_assert_max_num_queries(budget):
        annual_report(YEAR)
    committee, center = small_year.committees[0], small_year.centers[0]
    for day in range(1, 29):
        EventFactory(committee=committee, date=datetime.date(YEAR, 2, day), is_youth=True)
        CenterEventFactory(center=center, date=datetime.date(YEAR, 3, day), is_at_risk=True)
    with django_assert_max_num_queries(budget):
        report = annual_report(YEAR)
    assert report.events.youth.total == 1 + 28
