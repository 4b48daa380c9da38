"""The center's portal: its month at a glance, clubs with members per year,
receptions, a month of prevention work on one screen, rental stock."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from centers import services
from centers.models import Club, ClubYear, PreventionRecord, Reception, RentalItem
from core import periods
from reports.aggregates import centers as center_figures
from tests.factories import (
    CenterEventFactory,
    ClubFactory,
    PreventionRecordFactory,
    ReceptionFactory,
    RentalItemFactory,
)

pytestmark = pytest.mark.django_db

KINDS = PreventionRecord.Kind


@pytest.fixture
def center(center_staff):
    return center_staff.profile.center


@pytest.fixture
def center_client(client, center_staff):
    client.force_login(center_staff)
    return client


@pytest.fixture
def closed_month(monkeypatch):
    """Months closed to their center, as the monthly return does: add the
    first day of a month to the set to close it."""
    closed = set()

    def source(organiser, day):
        if day.replace(day=1) in closed:
            return "Отчет за этот месяц сдан: изменения вносит администрация."
        return None

    monkeypatch.setattr(periods, "_LOCK_SOURCES", [source])
    return closed


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


# The home --------------------------------------------------------------------


def test_center_home_opens_on_the_latest_month_with_data(center_client, center):
    """With only 2022 entered, the home shows December 2022, not an empty
    current month, and its figures."""
    ReceptionFactory(center=center, date=datetime.date(2022, 12, 5), visitors=7)
    CenterEventFactory(center=center, date=datetime.date(2022, 11, 20), participants=30)
    PreventionRecordFactory(center=center, month=datetime.date(2022, 12, 1), count=4)
    response = center_client.get(reverse("portal:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-month="2022-12"' in page
    assert "декабрь 2022" in page
    assert 'data-tile="receptions">1<' in page
    assert "обратилось: 7" in page
    assert 'data-tile="prevention">4<' in page
    assert 'data-tile="events">0<' in page  # the event is November's


def test_center_home_switches_to_another_month(center_client, center):
    ReceptionFactory(center=center, date=datetime.date(2022, 12, 5))
    CenterEventFactory(center=center, date=datetime.date(2022, 11, 20), participants=30)
    response = center_client.get(reverse("portal:home"), {"month": "2022-11"})
    page = response.content.decode()
    assert 'data-month="2022-11"' in page
    assert 'data-tile="events">1<' in page
    assert "участников: 30" in page
    # A way back to the latest month with data.
    assert "?month=2022-12" in page


def test_center_home_counts_only_the_centers_own_records(center_client, center):
    CenterEventFactory(center=center, date=datetime.date(2022, 5, 3), participants=8)
    CenterEventFactory(date=datetime.date(2022, 5, 3), participants=50)  # another center
    ReceptionFactory(date=datetime.date(2022, 5, 4), visitors=9)
    summary = center_client.get(reverse("portal:home"), {"month": "2022-05"}).context["summary"]
    assert (summary.events, summary.participants, summary.receptions) == (1, 8, 0)


def test_center_home_is_not_the_chairs(center_client):
    page = center_client.get(reverse("portal:home")).content.decode()
    assert "Заявки на конкурсы" not in page
    assert reverse("portal:center_prevention") in page


def test_center_home_refuses_to_show_a_future_month(center_client):
    future = tomorrow() + datetime.timedelta(days=40)
    response = center_client.get(reverse("portal:home"), {"month": f"{future:%Y-%m}"})
    assert f'data-month="{timezone.localdate():%Y-%m}"' in response.content.decode()


# Prevention work of one month ------------------------------------------------


def test_prevention_screen_is_prefilled_with_the_month(center_client, center):
    PreventionRecordFactory(
        center=center, month=datetime.date(2022, 3, 1), kind=KINDS.TEEN_RAID, count=6
    )
    response = center_client.get(reverse("portal:center_prevention"), {"month": "2022-03"})
    form = response.context["form"]
    assert form.initial == {KINDS.TEEN_RAID: 6}
    assert 'value="6"' in response.content.decode()


def test_saving_the_month_creates_updates_and_deletes(center_client, center):
    month = datetime.date(2022, 3, 1)
    PreventionRecordFactory(center=center, month=month, kind=KINDS.TEEN_RAID, count=6)
    PreventionRecordFactory(center=center, month=month, kind=KINDS.INFORMATION, count=1)
    response = center_client.post(
        reverse("portal:center_prevention") + "?month=2022-03",
        {
            KINDS.FAMILY_RAID: "3",
            KINDS.TEEN_RAID: "8",
            KINDS.FAMILY_CALL: "0",
            KINDS.RISK_CHILD_CALL: "",
            KINDS.INFORMATION: "",
        },
    )
    assert response.status_code == 302
    saved = dict(
        PreventionRecord.objects.filter(center=center, month=month).values_list("kind", "count")
    )
    assert saved == {KINDS.FAMILY_RAID: 3, KINDS.TEEN_RAID: 8, KINDS.FAMILY_CALL: 0}


def test_a_negative_count_is_refused_at_its_field_and_nothing_saved(center_client, center):
    response = center_client.post(
        reverse("portal:center_prevention") + "?month=2022-03",
        {KINDS.FAMILY_RAID: "3", KINDS.TEEN_RAID: "-1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors[KINDS.TEEN_RAID] == [
        "Количество не может быть меньше нуля."
    ]
    assert not PreventionRecord.objects.exists()


def test_a_closed_month_of_prevention_is_refused(center_client, center, closed_month):
    month = datetime.date(2022, 3, 1)
    PreventionRecordFactory(center=center, month=month, kind=KINDS.TEEN_RAID, count=6)
    closed_month.add(month)
    response = center_client.post(
        reverse("portal:center_prevention") + "?month=2022-03", {KINDS.TEEN_RAID: "9"}
    )
    assert response.status_code == 200
    assert "Отчет за этот месяц сдан" in response.content.decode()
    assert PreventionRecord.objects.get().count == 6


def test_the_month_service_refuses_a_future_month(center):
    with pytest.raises(ValidationError) as error:
        services.save_prevention_month(
            center=center,
            month=tomorrow().replace(day=28) + datetime.timedelta(days=5),
            counts={KINDS.FAMILY_RAID: 1},
        )
    assert "еще не наступила" in error.value.message_dict["month"][0]
    assert not PreventionRecord.objects.exists()


def test_a_prevention_record_of_a_future_month_is_refused_by_the_model(center):
    month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    record = PreventionRecord(center=center, month=month, kind=KINDS.FAMILY_RAID, count=1)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "еще не наступила" in error.value.message_dict["month"][0]


# Receptions ------------------------------------------------------------------


def test_receptions_are_listed_by_month(center_client, center):
    ReceptionFactory(center=center, date=datetime.date(2022, 3, 15), topic="Двор")
    ReceptionFactory(center=center, date=datetime.date(2022, 4, 1), topic="Свет")
    ReceptionFactory(date=datetime.date(2022, 3, 16), topic="Чужой")
    page = center_client.get(
        reverse("portal:center_receptions"), {"month": "2022-03"}
    ).content.decode()
    assert "Двор" in page
    assert "Свет" not in page
    assert "Чужой" not in page


def test_center_adds_a_reception_and_the_next_starts_on_its_date(center_client, center):
    response = center_client.post(
        reverse("portal:center_reception_add"),
        {"date": "2022-03-15", "visitors": "5", "topic": "Освещение"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?month=2022-03")
    reception = Reception.objects.get()
    assert (reception.center, reception.visitors) == (center, 5)
    form = center_client.get(reverse("portal:center_reception_add")).context["form"]
    assert str(form["date"].value()) == "2022-03-15"


def test_a_reception_after_today_is_refused_at_the_date(center_client):
    response = center_client.post(
        reverse("portal:center_reception_add"),
        {"date": tomorrow().isoformat(), "visitors": "5"},
    )
    assert response.status_code == 200
    assert "еще не наступила" in response.context["form"].errors["date"][0]
    assert not Reception.objects.exists()


def test_a_reception_after_today_is_refused_by_the_model(center):
    with pytest.raises(ValidationError) as error:
        Reception(center=center, date=tomorrow(), visitors=1).full_clean()
    assert "date" in error.value.message_dict


def test_center_edits_a_reception(center_client, center):
    reception = ReceptionFactory(center=center, date=datetime.date(2022, 3, 15), visitors=4)
    response = center_client.post(
        reverse("portal:center_reception_edit", args=[reception.pk]),
        {"date": "2022-03-16", "visitors": "9", "topic": ""},
    )
    assert response.status_code == 302
    reception.refresh_from_db()
    assert (reception.date, reception.visitors) == (datetime.date(2022, 3, 16), 9)


def test_a_reception_is_not_moved_out_of_a_closed_month(center_client, center, closed_month):
    reception = ReceptionFactory(center=center, date=datetime.date(2022, 3, 15))
    closed_month.add(datetime.date(2022, 3, 1))
    response = center_client.post(
        reverse("portal:center_reception_edit", args=[reception.pk]),
        {"date": "2022-04-02", "visitors": "4"},
    )
    assert response.status_code == 200
    assert "Отчет за этот месяц сдан" in response.context["form"].errors["date"][0]
    reception.refresh_from_db()
    assert reception.date == datetime.date(2022, 3, 15)


def test_center_deletes_a_reception_after_confirming(center_client, center):
    reception = ReceptionFactory(center=center)
    url = reverse("portal:center_reception_delete", args=[reception.pk])
    assert "Удалить прием?" in center_client.get(url).content.decode()
    assert Reception.objects.exists()
    assert center_client.post(url).status_code == 302
    assert not Reception.objects.exists()


def test_a_reception_of_a_closed_month_is_not_deleted(center_client, center, closed_month):
    reception = ReceptionFactory(center=center, date=datetime.date(2022, 3, 15))
    closed_month.add(datetime.date(2022, 3, 1))
    response = center_client.post(reverse("portal:center_reception_delete", args=[reception.pk]))
    assert response.status_code == 200
    assert "Отчет за этот месяц сдан" in response.content.decode()
    assert Reception.objects.exists()


# Clubs -----------------------------------------------------------------------


def test_clubs_show_the_members_of_the_year(center_client, center):
    club = ClubFactory(
        center=center, name="Рукодельница", members=15, founded=datetime.date(2020, 1, 1)
    )
    ClubYear.objects.create(club=club, year=2023, members=22)
    page_2022 = center_client.get(reverse("portal:center_clubs"), {"year": "2022"})
    page_2023 = center_client.get(reverse("portal:center_clubs"), {"year": "2023"})
    assert [c.year_members for c in page_2022.context["clubs"]] == [15]
    assert [c.year_members for c in page_2023.context["clubs"]] == [22]
    assert "число за 2022 год не внесено" in page_2022.content.decode()


def test_center_adds_a_club_with_its_members(center_client, center):
    response = center_client.post(
        reverse("portal:center_club_add") + "?year=2022",
        {"name": "Шахматы", "year_members": "12", "direction": "спорт", "founded": "2022-02-01"},
    )
    assert response.status_code == 302
    club = Club.objects.get()
    assert (club.center, club.members) == (center, 12)
    assert list(club.years.values_list("year", "members")) == [(2022, 12)]


def test_a_clubs_name_is_unique_within_the_center_at_the_field(center_client, center):
    ClubFactory(center=center, name="Шахматы")
    response = center_client.post(
        reverse("portal:center_club_add") + "?year=2022",
        {"name": "Шахматы", "year_members": "3", "founded": "2022-02-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "В этом центре уже есть кружок с таким названием."
    ]


def test_members_of_a_new_year_leave_the_earlier_years_figure(center_client, center):
    """The report's figure 18 of 2022 keeps its members when 2023's are
    entered."""
    club = ClubFactory(center=center, members=15, founded=datetime.date(2020, 1, 1))
    response = center_client.post(
        reverse("portal:center_club_edit", args=[club.pk]) + "?year=2023",
        {"name": club.name, "year_members": "30", "founded": "2020-01-01"},
    )
    assert response.status_code == 302
    assert center_figures(2022)["club_members"].total == 15
    assert center_figures(2023)["club_members"].total == 30


def test_members_of_a_year_before_the_club_are_refused(center_client, center):
    club = ClubFactory(center=center, founded=datetime.date(2022, 1, 1))
    response = center_client.post(
        reverse("portal:center_club_edit", args=[club.pk]) + "?year=2021",
        {"name": club.name, "year_members": "5", "founded": "2022-01-01"},
    )
    assert response.status_code == 200
    assert "В 2021 году кружок не работал." in response.content.decode()
    assert not ClubYear.objects.exists()


def test_center_closes_a_club(center_client, center):
    club = ClubFactory(center=center, founded=datetime.date(2020, 1, 1))
    response = center_client.post(
        reverse("portal:center_club_close", args=[club.pk]), {"closed": "2022-06-30"}
    )
    assert response.status_code == 302
    club.refresh_from_db()
    assert club.closed == datetime.date(2022, 6, 30)
    assert not Club.objects.active_in(2023).exists()


def test_a_club_closed_before_it_opened_is_refused(center_client, center):
    club = ClubFactory(center=center, founded=datetime.date(2020, 1, 1))
    response = center_client.post(
        reverse("portal:center_club_close", args=[club.pk]), {"closed": "2019-06-30"}
    )
    assert response.status_code == 200
    club.refresh_from_db()
    assert club.closed is None


# Rental stock ----------------------------------------------------------------


def test_center_keeps_its_rental_stock(center_client, center):
    response = center_client.post(
        reverse("portal:center_rental_add"), {"item": "Лыжи", "quantity": "10"}
    )
    assert response.status_code == 302
    item = RentalItem.objects.get()
    assert (item.center, item.quantity) == (center, 10)
    center_client.post(
        reverse("portal:center_rental_edit", args=[item.pk]), {"item": "Лыжи", "quantity": "8"}
    )
    item.refresh_from_db()
    assert item.quantity == 8
    assert "Лыжи" in center_client.get(reverse("portal:center_rental")).content.decode()
    center_client.post(reverse("portal:center_rental_delete", args=[item.pk]))
    assert not RentalItem.objects.exists()


def test_the_same_item_twice_is_refused_at_its_field(center_client, center):
    RentalItemFactory(center=center, item="Лыжи")
    response = center_client.post(
        reverse("portal:center_rental_add"), {"item": "Лыжи", "quantity": "1"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["item"] == [
        "Этот инвентарь уже есть в пункте проката центра."
    ]
