"""Who may open the chair's portal pages, asked over HTTP for every role.

A chair opens their own committee's pages; center staff, city staff (who
work in the admin) and a viewer are refused (403); a visitor is sent to
the login. With another committee's ids a chair gets 404 and nothing
changes. Collected by tests/portal/test_chair_matrix.py.
"""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Profile
from committees.models import Activist, Consent, TosBody
from tests.factories import ActivistFactory, ProfileFactory, TerritoryFactory, TosBodyFactory

from .factories_chair import ConsentFactory
from .helpers import make_center_staff, make_chair, make_city_staff

COVERED = {
    "portal:body_list",
    "portal:body_add",
    "portal:body_detail",
    "portal:body_close",
    "portal:activist_list",
    "portal:activist_add",
    "portal:activist_detail",
    "portal:activist_end",
    "portal:consent_add",
    "portal:consent_withdraw",
    "portal:my_applications",
}

# URL name -> the kind of row its id names (None: no id).
ROW_OF = {
    "portal:body_detail": "body",
    "portal:body_close": "body",
    "portal:activist_detail": "activist",
    "portal:activist_end": "activist",
    "portal:consent_add": "activist",
    "portal:consent_withdraw": "consent",
}


def posts(rows):
    """A POST each page accepts from its own committee."""
    body = rows["body"].pk
    return {
        "portal:body_add": {"kind": "house", "address": "ул. Новая, 1", "founded": "2022-01-01"},
        "portal:body_detail": {"kind": "house", "address": "ул. Другая, 2",
                               "founded": "2020-01-01"},
        "portal:body_close": {"day": "2022-06-30"},
        "portal:activist_add": {"full_name": "Новиков Н. Н.", "tos_body": body,
                                "role": "member", "founded": "2022-01-01"},
        "portal:activist_detail": {"full_name": "Переименован", "tos_body": body,
                                   "role": "member", "founded": "2020-01-01"},
        "portal:activist_end": {"day": "2022-06-30"},
        "portal:consent_add": {"purpose": "publication", "given": "2022-02-01",
                               "form": "electronic"},
        "portal:consent_withdraw": {"day": "2022-03-01"},
    }


def rows_of(committee):
    body = TosBodyFactory(committee=committee, founded=datetime.date(2020, 1, 1))
    activist = ActivistFactory(tos_body=body, founded=datetime.date(2020, 1, 1))
    return {"body": body, "activist": activist, "consent": ConsentFactory(activist=activist)}


def url_of(name, rows):
    kind = ROW_OF.get(name)
    return reverse(name, args=[rows[kind].pk]) if kind else reverse(name)


def snapshot():
    """Every registry row the pages write, as it stands."""
    return (
        sorted(TosBody.objects.values_list("pk", "committee_id", "address", "closed")),
        sorted(Activist.objects.values_list("pk", "tos_body_id", "full_name", "closed")),
        sorted(Consent.objects.values_list("pk", "activist_id", "purpose", "withdrawn")),
    )


def make_viewer():
    return ProfileFactory(role=Profile.Role.VIEWER, territory=TerritoryFactory()).user


OTHERS = {"center": make_center_staff, "staff": make_city_staff, "viewer": make_viewer}


@pytest.fixture
def own(db):
    chair = make_chair()
    return chair, rows_of(chair.profile.committee)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(COVERED))
def test_a_visitor_is_sent_to_the_login(client, own, name):
    _, rows = own
    before = snapshot()
    for method in (client.get, client.post):
        response = method(url_of(name, rows))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("portal:login"))
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(OTHERS))
@pytest.mark.parametrize("name", sorted(COVERED))
def test_other_roles_are_refused(client, own, role, name):
    _, rows = own
    client.force_login(OTHERS[role]())
    before = snapshot()
    assert client.get(url_of(name, rows)).status_code == 403
    assert client.post(url_of(name, rows), posts(rows).get(name, {})).status_code == 403
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(COVERED))
def test_the_chair_opens_and_posts_their_own(client, own, name):
    chair, rows = own
    client.force_login(chair)
    assert client.get(url_of(name, rows)).status_code == 200
    if name in posts(rows):
        response = client.post(url_of(name, rows), posts(rows)[name])
        assert response.status_code == 302, response.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROW_OF))
def test_another_committees_ids_are_not_found(client, own, name):
    chair, _ = own
    theirs = rows_of(make_chair().profile.committee)
    client.force_login(chair)
    before = snapshot()
    assert client.get(url_of(name, theirs)).status_code == 404
    assert client.post(url_of(name, theirs), posts(theirs).get(name, {})).status_code == 404
    assert snapshot() == before


@pytest.mark.django_db
def test_a_form_cannot_put_a_row_into_another_committees_body(client, own):
    chair, rows = own
    theirs = rows_of(make_chair().profile.committee)
    client.force_login(chair)
    before = snapshot()
    for name, row in (("portal:activist_add", None), ("portal:activist_detail", "activist")):
        data = {**posts(rows)[name], "tos_body": theirs["body"].pk}
        url = reverse(name, args=[rows[row].pk]) if row else reverse(name)
        response = client.post(url, data)
        assert response.status_code == 200
        assert "tos_body" in response.context["form"].errors
    assert snapshot() == before
