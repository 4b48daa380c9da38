"""Numbers the report counts instead of storing: the gathering's ordinal
(figure 21) and a contest's periods (figure 20)."""

import datetime

import pytest

from contests.models import Application, Contest
from events.models import Event
from reports import aggregates
from reports.aggregates import annual_report
from reports.text import sections
from tests.factories import (
    ApplicationFactory,
    CenterFactory,
    ContestFactory,
    EditionFactory,
    EventFactory,
    NominationFactory,
)

pytestmark = pytest.mark.django_db


def city_gathering(day: datetime.date, **fields):
    return EventFactory(committee=None, by_city=True, kind=Event.Kind.GATHERING, date=day,
                        **fields)


def report_text(report) -> str:
    return " ".join(b.text for s in sections(report) for b in s.blocks)


def test_the_gathering_ordinal_counts_the_years_with_a_gathering():
    """A year without a gathering does not advance the number; two events
    of the kind in one year count once; later years do not count."""
    for year in (2017, 2018, 2019):
        city_gathering(datetime.date(year, 12, 10))
    city_gathering(datetime.date(2019, 12, 20), title="Вторая встреча")
    city_gathering(datetime.date(2022, 12, 9), title="Городской Слет общественности")
    city_gathering(datetime.date(2023, 12, 8))
    EventFactory(kind=Event.Kind.CULTURAL, date=datetime.date(2021, 12, 10))
    assert aggregates.gathering(2019).ordinal == 3
    assert aggregates.gathering(2019).title != "Вторая встреча"  # the year's first
    assert aggregates.gathering(2021) is None  # none that year
    found = aggregates.gathering(2022)
    assert found.ordinal == 4
    assert "В 2022 году был проведен IV городской Слет общественности" in report_text(
        annual_report(2022))


def best_center(year=2022):
    contest = ContestFactory(name="Лучший центр по работе с населением",
                             audience=Contest.Audience.CENTERS,
                             report_key=Contest.ReportKey.BEST_CENTER)
    return EditionFactory(contest=contest, year=year)


def test_the_periods_are_counted_from_the_nominations():
    edition = best_center()
    for n, period in enumerate([1, 1, 2, 3, 3, None]):
        nomination = NominationFactory(edition=edition, order=n, period=period)
    ApplicationFactory(edition=edition, nomination=nomination, tos_body=None,
                       applicant_kind=Application.ApplicantKind.CENTER,
                       center=CenterFactory(), stage=Application.Stage.CITY)
    assert edition.periods == 3
    report = annual_report(2022)
    assert report.contest(Contest.ReportKey.BEST_CENTER).periods == 3
    assert "конкурс проходил в 3 периода по 6 направлениям" in report_text(report)


def test_an_edition_whose_nominations_have_no_period_names_none():
    edition = best_center()
    NominationFactory.create_batch(2, edition=edition)
    assert edition.periods == 0
    text = report_text(annual_report(2022))
    assert "конкурс проходил по 2 направлениям" in text
