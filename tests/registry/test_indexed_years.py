"""The years that have events, as the admin's date hierarchy and the
report's year list show them, read from the date index."""

import datetime

import pytest

from events.models import Event
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_years_with_events_skip_a_year_without_any():
    for year in (2019, 2021, 2022):
        EventFactory(date=datetime.date(year, 6, 1))
    years = [d.year for d in Event.objects.dates("date", "year")]
    assert years == [2019, 2021, 2022]
    assert [d.year for d in Event.objects.dates("date", "year", order="DESC")] == [
        2022, 2021, 2019]
    # a filtered queryset: Django's own DISTINCT, the same answer
    assert [d.year for d in Event.objects.filter(date__year=2021).dates("date", "year")] == [
        2021]
    assert [d.year for d in Event.objects.filter(date__year__gte=2020).dates("date", "year")] \
        == [2021, 2022]


def test_no_events_no_years():
    assert Event.objects.dates("date", "year") == []


def test_the_admins_year_links_are_the_years_with_events(admin_client):
    for year in (2019, 2021, 2022):
        EventFactory(date=datetime.date(year, 6, 1))
    page = admin_client.get("/admin/events/event/").content.decode()
    assert "?date__year=2019" in page and "?date__year=2022" in page
    assert "?date__year=2020" not in page
