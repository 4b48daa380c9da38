"""The staff's completeness board and its export."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Profile
from tests.factories import (
    CenterEventFactory,
    CenterFactory,
    CommitteeFactory,
    EventFactory,
    ProfileFactory,
    TerritoryFactory,
)

from .helpers import make_chair, make_city_staff

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 6, 15)


@pytest.fixture
def staff_client(client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    client.force_login(make_city_staff())
    return client


@pytest.fixture
def city():
    north, south = TerritoryFactory(name="Рудничный"), TerritoryFactory(name="Заводский")
    return {
        "busy": CommitteeFactory(name="Комитет № 1", territory=north),
        "idle": CommitteeFactory(name="Комитет № 2", territory=north),
        "south": CommitteeFactory(name="Комитет № 3", territory=south),
        "center": CenterFactory(name="Импульс", territory=south),
        "north": north,
        "south_territory": south,
    }


def row(response, organiser):
    return next(r for r in response.context["rows"] if r.organiser.pk == organiser.pk
                and type(r.organiser) is type(organiser))


def test_board_counts_events_per_month(staff_client, city):
    EventFactory.create_batch(3, committee=city["busy"], date=datetime.date(2024, 5, 3))
    EventFactory(committee=city["busy"], date=datetime.date(2024, 1, 20))
    CenterEventFactory(center=city["center"], date=datetime.date(2024, 5, 30))
    EventFactory(committee=city["busy"], date=datetime.date(2023, 5, 3))  # last year

    response = staff_client.get(reverse("portal:board"), {"year": 2024})

    busy = row(response, city["busy"])
    assert [c.count for c in busy.cells][:6] == [1, 0, 0, 0, 3, 0]
    assert busy.total == 4
    assert row(response, city["center"]).cell(5).count == 1


def test_empty_past_months_are_missing_and_future_months_are_not(staff_client, city):
    response = staff_client.get(reverse("portal:board"), {"year": 2024})
    idle = row(response, city["idle"])
    assert idle.cell(6).missing  # the current month has begun
    assert not idle.cell(7).missing
    assert 'class="is-missing' in response.content.decode()


def test_the_month_counts_name_who_has_not_submitted_last_month(staff_client, city):
    EventFactory(committee=city["busy"], date=datetime.date(2024, 5, 3))
    CenterEventFactory(center=city["center"], date=datetime.date(2024, 5, 30))

    response = staff_client.get(reverse("portal:board"))  # May 2024 by default

    assert response.context["month"] == 5
    counts = response.context["board"].counts
    assert (counts["not_started"], counts["entered"], counts["submitted"]) == (2, 2, 0)
    assert "Не сдали отчет за май 2024: 4" in response.content.decode()
    not_started = staff_client.get(reverse("portal:board"), {"state": "not_started"})
    assert {r.organiser.name for r in not_started.context["rows"]} == {
        "Комитет № 2", "Комитет № 3"
    }


def test_a_committee_founded_later_is_not_missing_before(staff_client, city):
    late = CommitteeFactory(founded=datetime.date(2024, 4, 1), territory=city["north"])
    response = staff_client.get(reverse("portal:board"), {"year": 2024})
    assert not row(response, late).cell(3).missing
    assert row(response, late).cell(4).missing


def test_board_filters_by_territory(staff_client, city):
    EventFactory(committee=city["south"], date=datetime.date(2024, 5, 3))
    response = staff_client.get(
        reverse("portal:board"), {"territory": city["north"].pk, "year": 2024, "month": 5}
    )
    names = {r.organiser.name for r in response.context["rows"]}
    assert names == {"Комитет № 1", "Комитет № 2"}


def test_export_lists_who_has_not_entered_data(staff_client, city):
    EventFactory(committee=city["busy"], date=datetime.date(2024, 5, 3))
    response = staff_client.get(
        reverse("portal:board_export"), {"year": 2024, "month": 5, "territory": city["north"].pk}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Не сдали отчет за май 2024 года"
    rows = [(r[1], r[5]) for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert rows == [("Комитет № 1", "внесено"), ("Комитет № 2", "не начат")]


def test_viewer_sees_only_their_territory(client, city, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    viewer = ProfileFactory(role=Profile.Role.VIEWER, territory=city["south_territory"]).user
    client.force_login(viewer)
    response = client.get(reverse("portal:board"), {"year": 2024})
    assert {str(r.organiser) for r in response.context["rows"]} == {
        "Комитет № 3", "ЦРН «Импульс»"
    }


def test_an_event_entered_by_the_chair_fills_the_cell(staff_client, city):
    chair_client = Client()
    chair_client.force_login(make_chair(committee=city["idle"]))
    before = staff_client.get(reverse("portal:board"), {"year": 2024})
    assert row(before, city["idle"]).cell(6).missing
    chair_client.post(
        reverse("portal:event_add"),
        {"date": "2024-06-10", "title": "Субботник", "kind": "cleanup", "participants": 12},
    )
    after = staff_client.get(reverse("portal:board"), {"year": 2024})
    assert row(after, city["idle"]).cell(6).count == 1


def test_the_export_of_whom_to_call_writes_no_live_formula(staff_client, city):
    idle = city["idle"]
    idle.chair_name = '=HYPERLINK("http://example.com","Позвонить")'
    idle.phone = "+7 (384) 200-00-00"
    idle.save()
    response = staff_client.get(
        reverse("portal:board_export"), {"year": 2024, "month": 5, "territory": city["north"].pk}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=4) for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'=HYPERLINK(\"http://example.com\",\"Позвонить\")" in [c.value for c in cells]
