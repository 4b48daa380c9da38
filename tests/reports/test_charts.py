"""The report's charts are drawn once per distinct data and drawn afresh
when the records change."""

from unittest import mock

import pytest
from django.core.cache import cache

from reports import charts
from reports.aggregates import annual_report
from tests.factories import EventFactory

from .conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def draws():
    cache.clear()
    with mock.patch.object(charts, "_draw", wraps=charts._draw) as draw:
        yield draw
    cache.clear()


def test_the_same_data_is_not_drawn_twice(small_year, draws):
    first = charts.charts(annual_report(YEAR))
    assert draws.call_count == len(first) == 5
    draws.reset_mock()
    second = charts.charts(annual_report(YEAR))
    assert draws.call_count == 0
    assert [c.svg for c in second] == [c.svg for c in first]


def test_a_changed_event_redraws_the_charts_showing_it(small_year, draws):
    before = {c.key: c.svg for c in charts.charts(annual_report(YEAR))}
    draws.reset_mock()
    event = small_year.events[0]
    event.participants += 1000
    event.save()
    after = {c.key: c.svg for c in charts.charts(annual_report(YEAR))}
    # Only the participants chart shows participants: it alone is redrawn.
    assert draws.call_count == 1
    assert after["participants_by_month"] != before["participants_by_month"]
    assert after["events_by_month"] == before["events_by_month"]
    draws.reset_mock()
    EventFactory(committee=small_year.committees[0], date=event.date)
    again = {c.key: c.svg for c in charts.charts(annual_report(YEAR))}
    assert draws.call_count >= 3  # by month, by territory, by kind, participants
    assert again["events_by_month"] != after["events_by_month"]


def test_the_figures_follow_a_changed_event(small_year):
    event = small_year.events[0]
    before = annual_report(YEAR).events.people.total
    event.participants += 7
    event.save()
    assert annual_report(YEAR).events.people.total == before + 7
