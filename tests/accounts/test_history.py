"""Every change to the registry leaves a version: who, when, old and new."""

import re

import pytest
from django.urls import reverse
from simple_history.models import HistoricalRecords

from committees.models import Activist, TosBody
from core.history import CREATED, record_bulk
from events.models import Event
from tests import factories as f

pytestmark = pytest.mark.django_db


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def version_url(obj, version):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history",
                   args=[obj.pk, version.history_id])


def test_queryset_update_records_a_version_per_row():
    events = f.EventFactory.create_batch(3, participants=10)
    Event.objects.filter(pk__in=[e.pk for e in events[:2]]).update(participants=25)
    for event in events[:2]:
        assert [v.participants for v in event.history.all()] == [25, 10]
        assert event.history.first().history_type == "~"
    assert events[2].history.count() == 1


def test_queryset_update_records_the_request_user(world):
    request = type("Request", (), {"user": world.users["staff"]})()
    HistoricalRecords.context.request = request
    try:
        TosBody.objects.filter(committee=world.committee).update(address="ул. Новая, 1")
    finally:
        del HistoricalRecords.context.request
    body = TosBody.objects.get(committee=world.committee)
    assert body.history.first().history_user == world.users["staff"]
    assert body.history.first().address == "ул. Новая, 1"


def test_bulk_update_records_each_object_once():
    bodies = f.TosBodyFactory.create_batch(2)
    for body in bodies:
        body.address = f"{body.address}а"
    TosBody.objects.bulk_update(bodies, ["address"])
    for body in bodies:
        assert body.history.count() == 2
        assert body.history.first().address.endswith("а")


def test_record_bulk_records_bulk_created_rows():
    body = f.TosBodyFactory()
    staff = f.UserFactory()
    people = Activist.objects.bulk_create([
        Activist(tos_body=body, full_name=f"Житель {n}", founded=f.FOUNDED) for n in range(3)
    ])
    record_bulk(Activist, people, staff, CREATED)
    for person in people:
        version = person.history.get()
        assert (version.history_type, version.history_user, version.full_name) == (
            "+", staff, person.full_name)


def test_history_page_shows_old_and_new_values_and_who(client_for, world):
    event = world.own("chair", Event)
    old_title = event.title
    event.title, event._history_user = "Праздник улицы", world.users["chair"]
    event.save()
    page = client_for("chair").get(history_url(event)).content.decode()
    assert re.search(rf"{old_title}\s*&nbsp;&rarr;&nbsp;&nbsp;Праздник улицы", page), page
    assert "chair_a" in page


def test_revert_brings_the_old_value_back(client_for, world):
    event = world.own("chair", Event)
    old_title = event.title
    first = event.history.get()
    event.title = "Опечатка"
    event.save()
    client = client_for("chair")
    form = client.get(version_url(event, first)).context["adminform"].form
    assert form.initial["title"] == old_title
    data = {name: "" if value is None else value for name, value in form.initial.items()
            if name in form.fields}
    data.update({"photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0,
                 "photos-MIN_NUM_FORMS": 0, "photos-MAX_NUM_FORMS": 1000})
    response = client.post(version_url(event, first), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.title == old_title
    assert event.history.first().history_user == world.users["chair"]


def test_viewer_cannot_revert_by_posting_to_a_version(client_for, world):
    event = world.own("viewer", Event)
    first = event.history.get()
    event.title = "Новое название"
    event.save()
    response = client_for("viewer").post(version_url(event, first), {"title": "x"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Новое название"


def test_history_of_another_committees_deleted_record_stays_hidden(client_for, world):
    theirs = world.foreign("chair", Event)
    pk = theirs.pk
    theirs.delete()
    theirs.pk = pk
    assert client_for("chair").get(history_url(theirs)).status_code == 404
