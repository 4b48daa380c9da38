"""The report's years: every year with a record of any kind, the latest by
default, and a year without data says so instead of a 404."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from reports.aggregates import years_with_data
from tests.factories import (
    CenterFactory,
    ContestFactory,
    EditionFactory,
    PreventionRecordFactory,
    ReceptionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(create_user_for(username="staff", role=Profile.Role.STAFF)[0])
    return client


def test_a_year_comes_with_its_first_record_of_any_kind(db):
    center = CenterFactory()
    assert years_with_data() == []
    ReceptionFactory(center=center, date=datetime.date(2019, 3, 1))
    PreventionRecordFactory(center=center, month=datetime.date(2020, 2, 1))
    EditionFactory(contest=ContestFactory(), year=2023)
    assert years_with_data() == [2023, 2020, 2019]


def test_the_report_opens_on_the_latest_year_with_data(staff_client):
    EditionFactory(contest=ContestFactory(), year=2021)
    ReceptionFactory(center=CenterFactory(), date=datetime.date(2022, 5, 1))
    response = staff_client.get(reverse("reports:index"))
    assert response["Location"] == reverse("reports:page", args=[2022])


def test_a_year_without_data_says_so_with_links(staff_client):
    ReceptionFactory(center=CenterFactory(), date=datetime.date(2022, 5, 1))
    EditionFactory(contest=ContestFactory(), year=2021)
    response = staff_client.get(reverse("reports:page", args=[2024]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "За 2024 год данных нет" in html
    assert f'<a href="{reverse("reports:page", args=[2022])}">2022</a>' in html
    assert f'<a href="{reverse("reports:page", args=[2021])}">2021</a>' in html
    assert "Отчеты есть за годы:" in html
    assert "Таблица .xlsx" not in html


def test_a_year_with_only_a_contest_has_a_report(staff_client):
    EditionFactory(contest=ContestFactory(name="Снежный городок"), year=2025)
    response = staff_client.get(reverse("reports:page", args=[2025]))
    html = response.content.decode()
    assert "За 2025 год данных нет" not in html
    assert '<option value="2025" selected>' in html


def test_an_absurd_year_is_still_not_found(staff_client):
    assert staff_client.get(reverse("reports:page", args=[1900])).status_code == 404
