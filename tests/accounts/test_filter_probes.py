"""A filter is no oracle: a user who may not see a personal field cannot
learn it by filtering a list on it (pen test, issue 14 item 1).

Django's admin accepts any lookup on a model's own fields in the query
string (`?phone__startswith=+7`), and the number of rows then answers yes
or no about the hidden value. The probes below are refused identically for
a value that matches and one that does not.
"""

import datetime

import pytest
from django.urls import reverse

from committees.models import Activist

PERSONAL = ("phone", "email", "birth_date")


def probes(activist):
    """(admin list, lookup, a matching value, a value that matches nothing)"""
    values = {
        "phone": (activist.phone, "+7 (000) 000-00-00"),
        "email": (activist.email, "nobody@example.invalid"),
        "birth_date": (activist.birth_date.isoformat(), "1900-01-01"),
    }
    activists = reverse("admin:committees_activist_changelist")
    bodies = reverse("admin:committees_tosbody_changelist")
    committees = reverse("admin:committees_districtcommittee_changelist")
    for field in PERSONAL:
        hit, miss = values[field]
        yield activists, field, hit, miss
        yield activists, f"{field}__startswith", hit[:4], "###"
        yield activists, f"{field}__exact", hit, miss
        yield bodies, f"activists__{field}", hit, miss
        yield committees, f"bodies__activists__{field}__startswith", hit[:4], "###"
    yield activists, "id", str(activist.pk), str(activist.pk)  # a plain filter stays allowed


@pytest.fixture
def activist(world):
    person = Activist.objects.get(tos_body__committee=world.committee)
    person.birth_date = datetime.date(1961, 4, 12)
    person.save()
    return person


@pytest.mark.parametrize("role", ["viewer", "center"])
def test_personal_field_filters_give_no_signal(client_for, world, activist, role):
    client = client_for(role)
    client.raise_request_exception = False  # a refused lookup is an HTTP 400 page
    for url, lookup, hit, miss in probes(activist):
        answers = []
        for value in (hit, miss):
            response = client.get(url, {lookup: value})
            body = response.content.decode()
            answers.append((response.status_code, activist.full_name in body))
        if lookup == "id":
            continue
        assert answers[0] == answers[1], (role, url, lookup, answers)
        assert answers[0][0] in (302, 400, 403), (role, url, lookup, answers)


def test_staff_may_still_filter_by_phone(client_for, world, activist):
    response = client_for("staff").get(
        reverse("admin:committees_activist_changelist"), {"phone": activist.phone}
    )
    assert response.status_code == 200
    assert activist.full_name in response.content.decode()
