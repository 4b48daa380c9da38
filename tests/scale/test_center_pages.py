"""The center's portal pages ask the database the same number of questions
however many rows the center (and the city) holds.

Each page is measured with a few rows and again with many, in the user's
own center and in others; the budget is pinned and must hold for both.
Every request also reads the session, the user and the profile (the
scope) and saves the session (SESSION_SAVE_EVERY_REQUEST: a savepoint, an
UPDATE and its release): "request" below stands for those six.
"""

import datetime

import pytest
from django.urls import reverse

from centers.models import ClubYear, PreventionRecord
from tests import factories as f
from tests.portal.helpers import make_center_staff

pytestmark = pytest.mark.django_db

MONTH = datetime.date(2022, 3, 1)
KINDS = PreventionRecord.Kind.values


def fill(center, n: int) -> None:
    """n of everything a center keeps, in March 2022 and around it."""
    for i in range(n):
        day = MONTH + datetime.timedelta(days=i % 28)
        f.ReceptionFactory(center=center, date=day, visitors=i)
        f.CenterEventFactory(center=center, date=day, participants=i)
        club = f.ClubFactory(center=center, founded=datetime.date(2020, 1, 1))
        ClubYear.objects.create(club=club, year=2022, members=i)
        f.RentalItemFactory(center=center)
    for i, kind in enumerate(KINDS[: min(n, len(KINDS))]):
        f.PreventionRecordFactory(center=center, month=MONTH, kind=kind, count=i)
        f.PreventionRecordFactory(center=center, month=datetime.date(2022, 2, 1), kind=kind)


@pytest.fixture(params=[1, 25], ids=["few", "many"])
def center_client(request, client):
    center = f.CenterFactory()
    fill(center, request.param)
    fill(f.CenterFactory(), request.param)  # another center's rows
    client.force_login(make_center_staff(center))
    client.rows = {
        "reception": center.receptions.first(),
        "club": center.clubs.first(),
        "rental": center.rental_items.first(),
    }
    return client


# (URL name, row kind or None, GET parameters, budget, what it reads)
PAGES = [
    (
        "portal:home",
        None,
        {},
        12,
        "request, the center with its latest dates, events, receptions, "
        "prevention, clubs, rental count",
    ),
    ("portal:home", None, {"month": "2022-03"}, 12, "the same, a month asked for"),
    (
        "portal:center_prevention",
        None,
        {"month": "2022-03"},
        8,
        "request, the center with its latest dates, the month's records",
    ),
    (
        "portal:center_receptions",
        None,
        {"month": "2022-03"},
        8,
        "request, the center with its latest dates, the month's receptions",
    ),
    ("portal:center_reception_add", None, {}, 6, "request"),
    ("portal:center_reception_edit", "reception", {}, 7, "request, the reception"),
    ("portal:center_reception_delete", "reception", {}, 7, "request, the reception"),
    (
        "portal:center_clubs",
        None,
        {"year": "2022"},
        8,
        "request, the center, the year's clubs with their counts",
    ),
    ("portal:center_club_add", None, {"year": "2022"}, 6, "request"),
    (
        "portal:center_club_edit",
        "club",
        {"year": "2022"},
        8,
        "request, the club, its year's count",
    ),
    ("portal:center_club_close", "club", {}, 7, "request, the club"),
    ("portal:center_rental", None, {}, 8, "request, the center, the items"),
    ("portal:center_rental_add", None, {}, 6, "request"),
    ("portal:center_rental_edit", "rental", {}, 7, "request, the item"),
    ("portal:center_rental_delete", "rental", {}, 7, "request, the item"),
]


@pytest.mark.parametrize(
    ("name", "row", "params", "budget", "reads"),
    PAGES,
    ids=[f"{p[0]}{'?' + next(iter(p[2])) if p[2] else ''}" for p in PAGES],
)
def test_center_page_queries(
    center_client, django_assert_max_num_queries, name, row, params, budget, reads
):
    args = [center_client.rows[row].pk] if row else []
    with django_assert_max_num_queries(budget):
        response = center_client.get(reverse(name, args=args), params)
    assert response.status_code == 200
