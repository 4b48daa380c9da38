"""The chair's pages ask the database the same number of questions for a
committee of a few rows and of many: each page's budget is measured, then
pinned, at both sizes. Every request also saves its session
(SESSION_SAVE_EVERY_REQUEST): a savepoint, an UPDATE and its release,
counted as "session save (3)" below."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import ActivistFactory, ApplicationFactory, ResultFactory, TosBodyFactory
from tests.portal.factories_chair import ConsentFactory, open_edition
from tests.portal.helpers import make_chair

pytestmark = pytest.mark.django_db

FOUNDED = datetime.date(2020, 1, 1)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(params=[1, 12], ids=["few", "many"])
def committee_rows(request):
    chair = make_chair()
    committee = chair.profile.committee
    bodies = TosBodyFactory.create_batch(request.param, committee=committee, founded=FOUNDED)
    people = [ActivistFactory(tos_body=b, founded=FOUNDED) for b in bodies for _ in range(3)]
    for person in people[: request.param]:
        ConsentFactory(activist=person, withdrawn=datetime.date(2022, 5, 1))
    edition = open_edition()
    for body in bodies:
        ResultFactory(application=ApplicationFactory(tos_body=body, edition=edition))
        ApplicationFactory(tos_body=body)
    # Elsewhere in the city, the same again.
    TosBodyFactory.create_batch(request.param)
    return chair, bodies[0], people[0]


# URL name, its argument (None, "body" or "activist"), the budget and why.
PAGES = [
    # session, user, profile, the committee, count, page of bodies with
    # their members counted in a subquery, session save (3)
    ("portal:body_list", None, 9),
    # session, user, profile, the committee, session save (3)
    ("portal:body_add", None, 7),
    # session, user, profile, the body (its committee joined), its
    # activists, session save (3)
    ("portal:body_detail", "body", 8),
    # session, user, profile, the body, its activists counted, session save
    ("portal:body_close", "body", 8),
    # session, user, profile, the committee, count, page of activists with
    # body and withdrawal, session save (3)
    ("portal:activist_list", None, 9),
    # session, user, profile, the committee's bodies, session save (3)
    ("portal:activist_add", None, 7),
    # session, user, profile, the activist with its body, its consents,
    # the bodies to move to, the access log's entry, session save (3)
    ("portal:activist_detail", "activist", 10),
    # session, user, profile, the activist, session save (3)
    ("portal:consent_add", "activist", 7),
    # session, user, profile, count, page of applications with edition,
    # contest, nomination, body and result, session save (3)
    ("portal:my_applications", None, 8),
    # session, user, profile, open editions (read for the page's notice,
    # then for the select), their nominations, the committee's bodies,
    # session save (3)
    ("portal:application_add", None, 10),
    # session, user, profile, the committee, the years with data, events
    # aggregate, applications aggregate, latest five, session save (3)
    ("portal:home", None, 11),
]


@pytest.mark.parametrize("name, arg, budget", PAGES, ids=[p[0] for p in PAGES])
def test_chair_page_queries_do_not_grow(
    client, committee_rows, name, arg, budget, django_assert_max_num_queries
):
    chair, body, activist = committee_rows
    client.force_login(chair)
    args = {"body": [body.pk], "activist": [activist.pk], None: []}[arg]
    with django_assert_max_num_queries(budget):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
