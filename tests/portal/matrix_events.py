"""Who may open the portal's event pages, asked over HTTP for every role.

A chair and center staff open their own events; city staff (who work in
the admin) and a viewer are refused (403); a visitor is sent to the login.
With another committee's event a chair gets 404 and nothing changes.
Collected by tests/returns/test_portal_matrix.py.
"""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Profile
from events.models import Event
from tests.factories import CenterEventFactory, EventFactory, ProfileFactory, TerritoryFactory

from .helpers import make_center_staff, make_chair, make_city_staff

COVERED = {
    "portal:event_list",
    "portal:event_add",
    "portal:event_edit",
    "portal:event_delete",
}
WITH_ID = {"portal:event_edit", "portal:event_delete"}
DAY = datetime.date(2022, 5, 20)


def post_of(name, event):
    if name == "portal:event_delete":
        return {}
    return {"date": "2022-05-21", "title": "Изменено", "kind": "cleanup", "participants": 3,
            "version": event.version if event else ""}


def users():
    chair = make_chair()
    center = make_center_staff()
    return {
        "chair": chair,
        "center": center,
        "staff": make_city_staff(),
        "viewer": ProfileFactory(role=Profile.Role.VIEWER, territory=TerritoryFactory()).user,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(COVERED))
@pytest.mark.parametrize("role", ["chair", "center", "staff", "viewer", "anonymous"])
def test_event_pages_answer_each_role(client, role, name):
    people = users()
    own = {
        "chair": EventFactory(committee=people["chair"].profile.committee, date=DAY),
        "center": CenterEventFactory(center=people["center"].profile.center, date=DAY),
    }
    event = own.get(role) or own["chair"]
    url = reverse(name, args=[event.pk] if name in WITH_ID else [])
    if role != "anonymous":
        client.force_login(people[role])
    for method in ("get", "post"):
        response = getattr(client, method)(url, post_of(name, event) if method == "post" else {})
        if role == "anonymous":
            assert response.status_code == 302 and "/portal/login/" in response.url
        elif role in ("staff", "viewer"):
            assert response.status_code == 403, (role, name, method)
        else:
            assert response.status_code in (200, 302), (role, name, method, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(WITH_ID))
@pytest.mark.parametrize("role", ["chair", "center"])
def test_another_organisers_event_is_not_found_and_unchanged(client, role, name):
    people = users()
    foreign = [EventFactory(date=DAY, title="Чужое"),
               CenterEventFactory(date=DAY, title="Чужое")]
    client.force_login(people[role])
    for event in foreign:
        url = reverse(name, args=[event.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, post_of(name, event)).status_code == 404
    assert Event.objects.filter(title="Чужое").count() == 2
