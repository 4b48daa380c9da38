"""A contest feeds a report figure by its report key (Contest.report_key),
never by its name."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from contests.models import Contest
from reports.aggregates import annual_report, headline_figures
from reports.text import sections
from tests.factories import ApplicationFactory, ContestFactory, EditionFactory

pytestmark = pytest.mark.django_db

YEAR = 2022
Key = Contest.ReportKey


def figure_keys(report) -> set[str]:
    return {f.key for f in headline_figures(report)}


def test_a_renamed_contest_keeps_its_figure():
    contest = ContestFactory(name="Снежный калейдоскоп", report_key=Key.SNOW)
    ApplicationFactory.create_batch(3, edition=EditionFactory(contest=contest, year=YEAR))
    contest.name = "Зимние узоры"
    contest.former_names = ""
    contest.save()
    report = annual_report(YEAR)
    assert report.contest(Key.SNOW).contest == contest
    assert {f.key: f.value for f in headline_figures(report)}["snow_applications"] == 3
    text = " ".join(b.text for s in sections(report) for b in s.blocks)
    assert "Городской конкурс «Зимние узоры»" in text


def test_a_contest_without_a_key_feeds_no_keyed_figure():
    """Its name is the figure's contest's, but only the key counts; it still
    counts in the city contests' participants (figure 9)."""
    contest = ContestFactory(name="Снежный калейдоскоп")
    ApplicationFactory(edition=EditionFactory(contest=contest, year=YEAR), participants=7)
    report = annual_report(YEAR)
    assert report.contests["by_key"] == {}
    assert report.contest(Key.SNOW) is None
    assert "snow_applications" not in figure_keys(report)
    assert report.contests["city_participants"] == 7


def test_a_report_key_names_one_contest():
    ContestFactory(report_key=Key.BEST_CENTER)
    ContestFactory(), ContestFactory()  # no key: as many as wanted
    second = Contest(name="Другой смотр центров", report_key=Key.BEST_CENTER)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "Этот показатель отчета уже дает другой конкурс." in error.value.messages


def test_the_migration_fills_the_keys_by_name_as_the_report_matched():
    """An upgraded installation keeps its figures: the keys are set by the
    names the report used to match; of two contests matching one key, the
    one held last gets it."""
    migration = importlib.import_module("contests.migrations.0006_contest_report_key")
    yard = ContestFactory(name="Любимому городу – красивый дом и двор")
    old_snow = ContestFactory(name="Сказочная феерия")
    EditionFactory(contest=old_snow, year=2019)
    snow = ContestFactory(name="Снежный калейдоскоп")
    EditionFactory(contest=snow, year=2022)
    sport = ContestFactory(name="Спортивные рекорды Кузбассу")
    other = ContestFactory(name="Лучший двор")
    migration.fill_report_keys(apps, None)
    keys = dict(Contest.objects.values_list("pk", "report_key"))
    assert keys[yard.pk] == Key.BEAUTIFUL_YARD
    assert keys[snow.pk] == Key.SNOW
    assert keys[old_snow.pk] == ""
    assert keys[sport.pk] == Key.SPARTAKIAD
    assert keys[other.pk] == ""
