"""A page asks the database the same number of questions for a small city
and for a city four times as big.

tests/registry/test_admin_queries.py measures every admin list as a
superuser; tests/portal/test_queries.py pins the chair's pages. Here: every
portal page as each role that opens it (chair, center staff, city staff,
viewer), and every admin list a chair or a center's specialist may read,
each measured on a small city, then again after the city grew (more
committees, centers, TOS bodies, activists, events, photos, applications,
both in the user's own committee or center and elsewhere). A list that
fetches a row per line, or a filter that asks per choice, shows more
queries on the bigger city. bench/run.py times the same pages on 10 times
the 2022 demo (docs/performance.md).
"""

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Profile
from accounts.roles import ROLE_PERMISSIONS
from accounts.services import create_user_for
from tests import factories as f

pytestmark = pytest.mark.django_db

GROWTH = 3  # units added to the one-unit city: four times as big


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def grow(committee, center, units: int) -> None:
    """`units` more of everything: in the user's own committee and center,
    and in a new committee and center of their own territory's city."""
    today = datetime.date.today()
    campaign = f.CampaignFactory()
    edition = f.EditionFactory()
    nomination = f.NominationFactory(edition=edition)
    for _ in range(units):
        for owner_committee, owner_center in ((committee, center),
                                              (f.CommitteeFactory(), f.CenterFactory())):
            body = f.TosBodyFactory(committee=owner_committee)
            f.ActivistFactory.create_batch(2, tos_body=body)
            events = [
                f.EventFactory(committee=owner_committee, tos_body=body, campaign=campaign,
                               date=today),
                f.EventFactory(committee=owner_committee, date=today.replace(day=1)),
                f.CenterEventFactory(center=owner_center, is_at_risk=True, date=today),
            ]
            f.EventPhotoFactory(event=events[0])
            f.EventPhotoFactory(event=events[2])
            f.ClubFactory(center=owner_center)
            f.ReceptionFactory(center=owner_center)
            f.RentalItemFactory(center=owner_center)
            f.ApplicationFactory(edition=edition, nomination=nomination, tos_body=body,
                                 submitted=today)
            f.ApplicationFactory(edition=edition, nomination=nomination,
                                 applicant_kind="center", tos_body=None,
                                 center=owner_center, submitted=today)


@pytest.fixture
def city():
    """A one-unit city and a user of each role; `city.grow()` adds more."""
    committee, center = f.CommitteeFactory(), f.CenterFactory()
    users = {
        "chair": create_user_for(username="chair", role=Profile.Role.CHAIR,
                                 committee=committee)[0],
        "center": create_user_for(username="center", role=Profile.Role.CENTER,
                                  center=center)[0],
        "staff": create_user_for(username="staff", role=Profile.Role.STAFF)[0],
        "viewer": create_user_for(username="viewer", role=Profile.Role.VIEWER,
                                  territory=committee.territory)[0],
    }
    grow(committee, center, 1)

    class City:
        pass

    city = City()
    city.users = users
    city.grow = lambda: grow(committee, center, GROWTH)
    city.own_event = {
        "chair": lambda: committee.events.order_by("pk").first().pk,
        "center": lambda: center.events.order_by("pk").first().pk,
    }
    return city


def queries(client, url) -> tuple[int, list[str]]:
    client.get(url)  # warm caches (content types, the user's scope)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), [q["sql"] for q in captured.captured_queries]


def assert_same_before_and_after_growth(client, city, url):
    small, _ = queries(client, url)
    city.grow()
    large, sql = queries(client, url)
    assert large == small, f"{url}: {small} queries, then {large}:\n" + "\n".join(sql)


PORTAL_PAGES = [
    ("chair", "portal:home"),
    ("chair", "portal:event_list"),
    ("chair", "portal:event_add"),
    ("chair", "portal:event_edit"),
    ("chair", "portal:application_add"),
    ("center", "portal:home"),
    ("center", "portal:event_list"),
    ("center", "portal:event_add"),
    ("center", "portal:event_edit"),
    ("staff", "portal:board"),
    ("staff", "portal:board_export"),
    ("viewer", "portal:board"),
    ("staff", "reports:page"),
    ("viewer", "reports:page"),
]


@pytest.mark.parametrize(("role", "name"), PORTAL_PAGES, ids=lambda v: v)
def test_portal_page_queries_do_not_grow_with_the_city(client, city, role, name):
    client.force_login(city.users[role])
    if name == "portal:event_edit":
        url = reverse(name, args=[city.own_event[role]()])
    elif name == "reports:page":
        url = reverse(name, args=[datetime.date.today().year])
    else:
        url = reverse(name)
    assert_same_before_and_after_growth(client, city, url)


def readable_lists(role):
    registered = {model._meta.label_lower: model for model in admin.site._registry}
    return [
        (role, registered[label]) for label, actions in sorted(ROLE_PERMISSIONS[role].items())
        if "view" in actions and label in registered
    ]


@pytest.mark.parametrize(
    ("role", "model"), readable_lists("chair") + readable_lists("center"),
    ids=lambda v: v if isinstance(v, str) else v._meta.label,
)
def test_admin_list_queries_do_not_grow_with_the_city(client, city, role, model):
    client.force_login(city.users[role])
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert_same_before_and_after_growth(client, city, url)


@pytest.mark.parametrize("role", ["chair", "center"])
def test_admin_event_search_queries_do_not_grow_with_the_city(client, city, role):
    client.force_login(city.users[role])
    url = reverse("admin:events_event_changelist") + "?q=Праздник&year=" + str(
        datetime.date.today().year)
    assert_same_before_and_after_growth(client, city, url)


@pytest.mark.parametrize("status", ["participation", "none", "withdrawn", "publication"])
def test_activists_list_by_consent_does_not_grow_with_the_city(client, city, status):
    # committees.admin_filters.ConsentFilter: one EXISTS per choice, never
    # a query per row or per activist's consents.
    client.force_login(city.users["chair"])
    url = reverse("admin:committees_activist_changelist") + f"?consent={status}"
    assert_same_before_and_after_growth(client, city, url)
