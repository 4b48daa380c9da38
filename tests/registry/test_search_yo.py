"""«ё» and «е» are one letter to every search: «елка» finds «Ёлка», «ёлка»
finds «Елка», on SQLite and on PostgreSQL (run this file with DATABASE_URL
set to a PostgreSQL database too)."""

import pytest
from django.db import connection
from django.urls import reverse

from committees.models import TosBody
from core.search import search, yo_pattern
from events.models import Event
from tests.factories import EventFactory, TosBodyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trees():
    EventFactory(title="Новогодняя Ёлка во дворе", place="двор ул. Весенней, 12")
    EventFactory(title="Елка желаний", place="ДК Шахтеров")
    EventFactory(title="Лыжня здоровья", place="сквер Пушкина")


def found(admin_client, url, query):
    """The list's rows for the search `query`."""
    page = admin_client.get(reverse(url), {"q": query}).content.decode()
    start = page.find('id="result_list"')
    return page[start : page.find("</table>", start)] if start >= 0 else ""


@pytest.mark.parametrize("query", ["елка", "ёлка", "ЕЛКА", "Ёлка", "ёЛкА"])
def test_the_events_search_reads_yo_as_ye_both_ways(admin_client, trees, query):
    page = found(admin_client, "admin:events_event_changelist", query)
    assert "Новогодняя Ёлка во дворе" in page, query
    assert "Елка желаний" in page, query
    assert "Лыжня здоровья" not in page, query


def test_a_search_by_a_related_field_reads_yo_as_ye(admin_client):
    body = TosBodyFactory(address="ул. Береговая, 5")
    EventFactory(title="Праздник улицы", tos_body=body, committee=body.committee)
    EventFactory(title="Праздник двора")
    page = found(admin_client, "admin:events_event_changelist", "берёговая")
    assert "Праздник улицы" in page and "Праздник двора" not in page


def test_a_word_with_other_letters_still_must_match_itself(admin_client, trees):
    page = found(admin_client, "admin:events_event_changelist", "ёлка Шахтеров")
    assert "Елка желаний" in page
    assert "Новогодняя Ёлка во дворе" not in page


def test_signs_in_the_word_are_matched_literally(admin_client):
    TosBodyFactory(address="ул. Весенняя, 1–45")
    TosBodyFactory(address="ул. Весенняя 1x45")
    qs = search(TosBody.objects.all(), ["address"], "весенняя, 1–45")
    assert [b.address for b in qs] == ["ул. Весенняя, 1–45"]
    qs = search(TosBody.objects.all(), ["address"], "ул.")
    assert qs.count() == 2
    assert search(TosBody.objects.all(), ["address"], "(ёлка").count() == 0


@pytest.mark.parametrize(
    ("field", "query", "count"),
    [
        ("^title", "ёлка", 1),
        ("^title", "новогодняя", 1),
        ("^title", "во", 0),
        ("=title", "ёлка", 0),
        ("=title", '"ёлка желаний"', 1),
        ("=title", '"ЕЛКА ЖЕЛАНИЙ"', 1),
    ],
)
def test_prefix_and_exact_searches_read_yo_as_ye(trees, field, query, count):
    assert search(Event.objects.all(), [field], query).count() == count


def test_the_pattern_of_a_word():
    assert yo_pattern("ёлка") == "[ЕЁ]лка"
    assert yo_pattern("Ели", "istartswith") == "^[ЕЁ]ли"
    assert yo_pattern("е.", "iexact") == "^[ЕЁ]\\.$"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_the_trigram_index_serves_a_yo_search():
    from core.search import word_condition

    TosBodyFactory.create_batch(3)
    condition = word_condition("address__icontains", "берёза", "postgresql")
    qs = TosBody.objects.filter(condition).order_by()
    with connection.cursor() as cursor:
        # Three rows: left to itself the planner reads the table.
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        plan = qs.explain()
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    assert "committees_tosbody_address_trgm" in plan, plan
