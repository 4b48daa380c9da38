"""Who may open the center's portal pages, asked over HTTP for every role.

Center staff open their own center's pages; a chair, city staff (who work
in the admin) and a viewer are refused (403); a visitor is sent to the
login. With another center's ids a center gets 404 and nothing changes.
Collected by tests/portal/test_center_matrix.py.
"""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Profile
from centers.models import Club, PreventionRecord, Reception, RentalItem
from tests.factories import (
    CenterFactory,
    ClubFactory,
    PreventionRecordFactory,
    ProfileFactory,
    ReceptionFactory,
    RentalItemFactory,
    TerritoryFactory,
)

from .helpers import make_center_staff, make_chair, make_city_staff

COVERED = {
    "portal:center_prevention",
    "portal:center_receptions",
    "portal:center_reception_add",
    "portal:center_reception_edit",
    "portal:center_reception_delete",
    "portal:center_clubs",
    "portal:center_club_add",
    "portal:center_club_edit",
    "portal:center_club_close",
    "portal:center_rental",
    "portal:center_rental_add",
    "portal:center_rental_edit",
    "portal:center_rental_delete",
}

# URL name -> the kind of row its id names (None: no id).
ROW_OF = {
    "portal:center_reception_edit": "reception",
    "portal:center_reception_delete": "reception",
    "portal:center_club_edit": "club",
    "portal:center_club_close": "club",
    "portal:center_rental_edit": "rental",
    "portal:center_rental_delete": "rental",
}

# A POST each page accepts from its own center.
POSTS = {
    "portal:center_prevention": {PreventionRecord.Kind.FAMILY_RAID: "2"},
    "portal:center_reception_add": {"date": "2022-03-10", "visitors": "3"},
    "portal:center_reception_edit": {"date": "2022-03-11", "visitors": "9"},
    "portal:center_club_add": {"name": "Новый", "year_members": "4", "founded": "2022-01-01"},
    "portal:center_club_edit": {
        "name": "Переименован",
        "year_members": "7",
        "founded": "2020-01-01",
    },
    "portal:center_club_close": {"closed": "2022-06-30"},
    "portal:center_rental_add": {"item": "Коньки", "quantity": "5"},
    "portal:center_rental_edit": {"item": "Переименован", "quantity": "99"},
}


def rows_of(center):
    return {
        "reception": ReceptionFactory(center=center, date=datetime.date(2022, 3, 15)),
        "club": ClubFactory(center=center, founded=datetime.date(2020, 1, 1)),
        "rental": RentalItemFactory(center=center),
        "prevention": PreventionRecordFactory(center=center),
    }


def url_of(name, rows):
    kind = ROW_OF.get(name)
    return reverse(name, args=[rows[kind].pk]) if kind else reverse(name)


def snapshot():
    """Every center record as it stands, to see that nothing changed."""
    return (
        sorted(Reception.objects.values_list("pk", "center_id", "date", "visitors")),
        sorted(Club.objects.values_list("pk", "center_id", "name", "closed", "members")),
        sorted(RentalItem.objects.values_list("pk", "center_id", "item", "quantity")),
        sorted(PreventionRecord.objects.values_list("pk", "center_id", "month", "kind", "count")),
    )


def make_viewer():
    return ProfileFactory(role=Profile.Role.VIEWER, territory=TerritoryFactory()).user


OTHERS = {"chair": make_chair, "staff": make_city_staff, "viewer": make_viewer}


@pytest.fixture
def own():
    center = CenterFactory()
    return make_center_staff(center), rows_of(center)


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
    assert client.post(url_of(name, rows), POSTS.get(name, {})).status_code == 403
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(COVERED))
def test_the_center_opens_and_writes_its_own_pages(client, own, name):
    user, rows = own
    client.force_login(user)
    assert client.get(url_of(name, rows)).status_code == 200
    before = snapshot()
    response = client.post(url_of(name, rows), POSTS.get(name, {}))
    if name in ("portal:center_receptions", "portal:center_clubs", "portal:center_rental"):
        assert response.status_code == 405  # lists only read
        assert snapshot() == before
    else:
        assert response.status_code == 302, response.context and response.context.get("form")
        assert snapshot() != before


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROW_OF))
def test_another_centers_ids_answer_404_and_change_nothing(client, own, name):
    user, _ = own
    theirs = rows_of(CenterFactory())
    client.force_login(user)
    before = snapshot()
    assert client.get(url_of(name, theirs)).status_code == 404
    assert client.post(url_of(name, theirs), POSTS.get(name, {})).status_code == 404
    assert snapshot() == before


@pytest.mark.django_db
def test_the_month_screen_writes_only_the_users_own_center(client, own):
    """The prevention screen takes no center from the request: a forged one
    is ignored and the other center's month stays as it was."""
    user, _ = own
    other = CenterFactory()
    client.force_login(user)
    client.post(
        reverse("portal:center_prevention") + "?month=2022-03",
        {"center": other.pk, PreventionRecord.Kind.TEEN_RAID: "5"},
    )
    assert not PreventionRecord.objects.filter(center=other).exists()
    assert PreventionRecord.objects.get(kind=PreventionRecord.Kind.TEEN_RAID).center == (
        user.profile.center
    )
