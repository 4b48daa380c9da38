import pytest
from django.urls import reverse

from committees.models import TosBody
from core.sqlite import unicode_like
from tests.factories import TosBodyFactory

pytestmark = pytest.mark.django_db


def test_search_ignores_the_case_of_cyrillic_letters(admin_client):
    TosBodyFactory(address="ул. Ленина, 12")
    TosBodyFactory(address="ул. Весенняя, 3")

    for query in ("ленина", "ЛЕНИНА", "Ленина"):
        response = admin_client.get(reverse("admin:committees_tosbody_changelist"),
                                    {"q": query})
        page = response.content.decode()
        assert "ул. Ленина, 12" in page, query
        assert "ул. Весенняя, 3" not in page, query


def test_case_insensitive_lookups_fold_cyrillic_in_the_orm():
    TosBodyFactory(address="просп. Ленинградский, 34 Б")
    assert TosBody.objects.filter(address__icontains="ленинградский").count() == 1
    assert TosBody.objects.filter(address__istartswith="ПРОСП.").count() == 1


@pytest.mark.parametrize(
    ("pattern", "value", "escape", "matches"),
    [
        ("%ленина%", "ул. Ленина, 1", None, True),
        ("ул._ленина", "ул. ЛЕНИНА", None, True),
        ("%50\\%%", "скидка 50% жителям", "\\", True),
        ("%50\\%%", "скидка 50 жителям", "\\", False),
        ("%ёлка%", "Новогодняя Ёлка", None, True),
    ],
)
def test_the_like_function_follows_sqlite_syntax(pattern, value, escape, matches):
    assert unicode_like(pattern, value, escape) is matches
