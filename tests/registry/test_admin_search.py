"""The admin's search box: what it finds, for whom, and at what cost.

RegistryAdmin searches each field with its own condition (core/search.py)
so that PostgreSQL can use the trigram indexes of core/trigram.py.
The user must see what Django's search would show: every word of the query
matches some field, the model's own or a related table's, within the rows
the user may see.
"""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import create_user_for
from committees.models import Activist, TosBody
from core.search import search, split_field
from events.models import Event
from tests import factories as f

pytestmark = pytest.mark.django_db

EVENTS = reverse("admin:events_event_changelist")
ACTIVISTS = reverse("admin:committees_activist_changelist")
BODIES = reverse("admin:committees_tosbody_changelist")
APPLICATIONS = reverse("admin:contests_application_changelist")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only"
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def city(db):
    """Two committees; each has a body on Садовая («Уют N») and one on
    Лесная («Рассвет N»)."""
    committees = [f.CommitteeFactory(), f.CommitteeFactory()]
    bodies = {}
    for number, committee in enumerate(committees, start=1):
        bodies[number, "Садовая"] = f.TosBodyFactory(
            committee=committee, address=f"ул. Садовая, {number}", name=f"Уют {number}"
        )
        bodies[number, "Лесная"] = f.TosBodyFactory(
            committee=committee, address=f"ул. Лесная, {number}", name=f"Рассвет {number}"
        )
    return committees, bodies


def found(client, url, query):
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


def staff_client(client):
    client.force_login(create_user_for(username="staff", role="staff")[0])
    return client


def test_finds_an_event_by_its_own_title_and_place(client, city):
    committees, bodies = city
    fair = f.EventFactory(committee=committees[0], title="Ярмарка мастеров")
    held = f.EventFactory(committee=committees[0], title="Концерт", place="Сквер Ярмарочный")
    f.EventFactory(committee=committees[0], title="Субботник")
    client = staff_client(client)

    assert found(client, EVENTS, "Ярмар") == {fair, held}


def test_finds_an_event_by_its_tos_body_address_and_name(client, city):
    committees, bodies = city
    on_sadovaya = f.EventFactory(committee=committees[0], tos_body=bodies[1, "Садовая"])
    on_lesnaya = f.EventFactory(committee=committees[1], tos_body=bodies[2, "Лесная"])
    f.EventFactory(committee=committees[0])  # no TOS body: the search must not trip on NULL
    client = staff_client(client)

    assert found(client, EVENTS, "Садовая") == {on_sadovaya}
    assert found(client, EVENTS, "Рассвет") == {on_lesnaya}
    assert found(client, EVENTS, "Уют 1") == {on_sadovaya}


def test_every_word_of_the_query_must_match_some_field(client, city):
    committees, bodies = city
    wanted = f.EventFactory(committee=committees[0], title="Масленица",
                            tos_body=bodies[1, "Садовая"])
    f.EventFactory(committee=committees[0], title="Масленица", tos_body=bodies[1, "Лесная"])
    f.EventFactory(committee=committees[0], title="Субботник", tos_body=bodies[1, "Садовая"])
    client = staff_client(client)

    assert found(client, EVENTS, "Масленица Садовая") == {wanted}
    assert found(client, EVENTS, '"Масленица" Садовая, 1') == {wanted}
    assert found(client, EVENTS, "Масленица Нагорная") == set()


def test_finds_activists_bodies_and_applications_through_related_tables(client, city):
    committees, bodies = city
    ivanova = f.ActivistFactory(tos_body=bodies[1, "Лесная"], full_name="Иванова Анна Петровна")
    at_sadovaya = f.ActivistFactory(tos_body=bodies[2, "Садовая"], full_name="Петров Илья")
    application = f.ApplicationFactory(tos_body=bodies[2, "Садовая"], committee=committees[1])
    f.ApplicationFactory(tos_body=bodies[1, "Лесная"])
    client = staff_client(client)

    assert found(client, ACTIVISTS, "Иванова") == {ivanova}
    assert found(client, ACTIVISTS, "Садовая 2") == {at_sadovaya}
    assert found(client, BODIES, committees[1].name) == {
        bodies[2, "Садовая"], bodies[2, "Лесная"]}
    assert found(client, APPLICATIONS, "Садовая") == {application}


def test_a_chair_never_finds_another_committees_rows(client, city):
    committees, bodies = city
    mine = f.EventFactory(committee=committees[0], title="Масленица",
                          tos_body=bodies[1, "Садовая"])
    f.EventFactory(committee=committees[1], title="Масленица", tos_body=bodies[2, "Садовая"])
    my_activist = f.ActivistFactory(tos_body=bodies[1, "Садовая"])
    f.ActivistFactory(tos_body=bodies[2, "Садовая"])
    chair = create_user_for(username="chair", role="chair", committee=committees[0])[0]
    client.force_login(chair)

    assert found(client, EVENTS, "Масленица") == {mine}
    assert found(client, EVENTS, "Садовая") == {mine}
    assert found(client, ACTIVISTS, "Садовая") == {my_activist}
    assert found(client, BODIES, "Садовая") == {bodies[1, "Садовая"]}


def test_search_queries_do_not_grow_with_rows(client, city, django_assert_max_num_queries):
    committees, bodies = city
    client = staff_client(client)
    url = f"{EVENTS}?q=Масленица+Садовая"

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    f.EventFactory(committee=committees[0], title="Масленица", tos_body=bodies[1, "Садовая"])
    client.get(url)
    small = measure()
    for number in range(30):
        f.EventFactory(committee=committees[number % 2], title=f"Масленица {number}",
                       tos_body=bodies[number % 2 + 1, "Садовая"],
                       campaign=f.CampaignFactory(name=f"Акция {number}"))
    big = measure()
    assert big == small
    # The events list costs a superuser 13 queries (test_admin_queries.py);
    # city staff add their permissions (2) and their profile. On PostgreSQL
    # the search adds none (its subqueries are part of the list's queries);
    # on SQLite one, which reads the matching keys once for all of them.
    with django_assert_max_num_queries(16 if connection.vendor == "postgresql" else 17):
        client.get(url)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's search only")
def test_sqlite_reads_the_rows_for_the_words_once(client, city):
    """SQLite has no index for LIKE '%word%': the list's count, page and
    date hierarchy must not each read the whole table for the words."""
    committees, bodies = city
    f.EventFactory(committee=committees[0], title="Масленица", tos_body=bodies[1, "Садовая"])
    client = staff_client(client)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{EVENTS}?q=Масленица").status_code == 200
    assert sum("LIKE" in query["sql"] for query in queries) == 1


def test_prefixes_keep_their_meaning(city):
    committees, _ = city
    spring = f.EventFactory(committee=committees[0], title="Весна во дворе")
    f.EventFactory(committee=committees[0], title="Встречаем весна")
    events = Event.objects.all()

    assert set(search(events, ["^title"], "Весна")) == {spring}
    # Words are matched one by one, as in Django; quotes make one word.
    assert set(search(events, ["=title"], '"Весна во дворе"')) == {spring}
    assert set(search(events, ["=title"], "Весна")) == set()


def test_fields_it_cannot_split_are_left_to_django():
    body_field = Event._meta.get_field("tos_body")
    assert split_field(Event, "tos_body__address") == ((body_field,), "address__icontains")
    assert split_field(Event, "=title") == ((), "title__iexact")
    assert split_field(Event, "title__exact") is None  # an explicit lookup
    assert split_field(TosBody, "activists__full_name") is None  # a reverse relation
    assert split_field(Activist, "tos_body") is None  # the key itself
    assert search(Event.objects.all(), ["title__exact"], "x") is None


@on_postgresql
def test_case_does_not_matter(client, city):
    committees, _ = city
    fair = f.EventFactory(committee=committees[0], title="Ярмарка мастеров")
    client = staff_client(client)

    assert found(client, EVENTS, "ЯРМАРКА") == {fair}
    assert found(client, EVENTS, "ярмарка") == {fair}


@on_postgresql
def test_event_search_uses_the_trigram_indexes(rf, city):
    """The search of the events list reads the title, place and TOS body
    address through their trigram indexes, not by scanning the tables."""
    committees, bodies = city
    f.EventFactory(committee=committees[0], title="Масленица", tos_body=bodies[1, "Садовая"])
    request = rf.get(EVENTS, {"q": "Масленица"})
    request.user = create_user_for(username="staff", role="staff")[0]
    model_admin = admin.site._registry[Event]
    queryset, _ = model_admin.get_search_results(
        request, model_admin.get_queryset(request), "Масленица"
    )
    with connection.cursor() as cursor:
        # A test table has a handful of rows: a scan, or walking the list's
        # order index, would win on cost alone. At 10x the planner picks the
        # bitmap scans by itself (docs/performance.md, «Поиск»).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = queryset.explain()

    assert "events_event_title_trgm" in plan
    assert "events_event_place_trgm" in plan
    assert "committees_tosbody_address_trgm" in plan
    assert "Seq Scan on events_event" not in plan
