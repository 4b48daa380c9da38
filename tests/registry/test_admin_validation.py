"""Bad input through the admin forms: a Russian error, nothing saved."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from centers.models import Center
from committees.models import DistrictCommittee
from events.models import Event
from tests.factories import CenterFactory, CommitteeFactory, TerritoryFactory, TosBodyFactory

pytestmark = pytest.mark.django_db

EVENT_ADD = reverse("admin:events_event_add")


def event_form(**fields):
    data = {
        "date": "20.05.2022",
        "title": "Праздник двора",
        "kind": Event.Kind.CULTURAL,
        "participants": "40",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    data.update({key: str(value) for key, value in fields.items()})
    return data


def errors_on_page(response) -> str:
    """The error texts the page shows: field errors and the form's own."""
    assert response.status_code == 200, "the form was accepted"
    page = response.content.decode()
    assert "Пожалуйста, исправьте" in page
    form = response.context["adminform"].form
    messages = [str(e) for errors in form.errors.values() for e in errors]
    for message in messages:
        assert escape(message) in page
    return " ".join(messages)


def test_event_form_saves_good_input(admin_client):
    committee = CommitteeFactory()
    response = admin_client.post(EVENT_ADD, event_form(committee=committee.pk))
    assert response.status_code == 302
    assert Event.objects.get().committee == committee


def test_event_with_negative_participants_is_refused(admin_client):
    committee = CommitteeFactory()
    response = admin_client.post(
        EVENT_ADD, event_form(committee=committee.pk, participants=-5)
    )
    assert "больше либо равно 0" in errors_on_page(response)
    assert not Event.objects.exists()


def test_event_with_two_organisers_is_refused(admin_client):
    response = admin_client.post(
        EVENT_ADD, event_form(committee=CommitteeFactory().pk, center=CenterFactory().pk)
    )
    assert "может быть только один организатор" in errors_on_page(response)
    assert not Event.objects.exists()


def test_event_of_committee_and_city_is_refused(admin_client):
    response = admin_client.post(
        EVENT_ADD, event_form(committee=CommitteeFactory().pk, by_city="on")
    )
    assert "может быть только один организатор" in errors_on_page(response)
    assert not Event.objects.exists()


def test_event_without_organiser_is_refused(admin_client):
    response = admin_client.post(EVENT_ADD, event_form())
    assert "Укажите организатора" in errors_on_page(response)
    assert not Event.objects.exists()


def test_event_with_body_of_another_committee_is_refused(admin_client):
    ours, theirs = CommitteeFactory(), CommitteeFactory()
    body = TosBodyFactory(committee=theirs)
    response = admin_client.post(
        EVENT_ADD, event_form(committee=ours.pk, tos_body=body.pk)
    )
    assert "относится к другому окружному комитету" in errors_on_page(response)
    assert not Event.objects.exists()


def test_event_of_a_body_gets_its_committee(admin_client):
    body = TosBodyFactory()
    response = admin_client.post(EVENT_ADD, event_form(tos_body=body.pk))
    assert response.status_code == 302
    assert Event.objects.get().committee == body.committee


def test_at_risk_mark_on_committee_event_is_refused(admin_client):
    response = admin_client.post(
        EVENT_ADD, event_form(committee=CommitteeFactory().pk, is_at_risk="on")
    )
    assert "только мероприятиям центров" in errors_on_page(response)
    assert not Event.objects.exists()


def committee_form(territory, **fields):
    data = {
        "number": "7",
        "name": "Окружной комитет ТОС № 7",
        "territory": territory.pk,
        "founded": "01.03.2010",
        "bodies-TOTAL_FORMS": "0",
        "bodies-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def test_committee_closed_before_founded_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:committees_districtcommittee_add"),
        committee_form(TerritoryFactory(), closed="01.01.2009"),
    )
    assert "Дата прекращения деятельности раньше даты создания." in errors_on_page(response)
    assert not DistrictCommittee.objects.exists()


def test_committee_with_a_taken_name_is_refused(admin_client):
    CommitteeFactory(name="Окружной комитет ТОС № 7")
    response = admin_client.post(
        reverse("admin:committees_districtcommittee_add"),
        committee_form(TerritoryFactory(), number="8"),
    )
    assert "Комитет с таким названием уже есть." in errors_on_page(response)
    assert DistrictCommittee.objects.count() == 1


def test_center_closed_before_founded_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:centers_center_add"),
        {
            "name": "Импульс",
            "territory": TerritoryFactory().pk,
            "founded": "01.03.2010",
            "closed": "01.01.2009",
            "clubs-TOTAL_FORMS": "0",
            "clubs-INITIAL_FORMS": "0",
            "rental_items-TOTAL_FORMS": "0",
            "rental_items-INITIAL_FORMS": "0",
        },
    )
    assert "Дата прекращения деятельности раньше даты создания." in errors_on_page(response)
    assert not Center.objects.exists()


def test_second_tos_body_with_the_same_name_is_refused(admin_client):
    TosBodyFactory(name="Рудник")
    response = admin_client.post(
        reverse("admin:committees_tosbody_add"),
        {
            "committee": CommitteeFactory().pk,
            "kind": "house",
            "address": "ул. Шахтеров, 5",
            "name": "Рудник",
            "founded": "01.03.2010",
        },
    )
    assert "Орган ТОС с таким названием уже есть." in errors_on_page(response)
