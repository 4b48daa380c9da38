"""The chair's activist card shows a phone, an e-mail and a birth date: each
view of it leaves one entry in the access log, and a try at another
committee's record leaves a «refused» one (152-ФЗ; issue 17)."""

import pytest
from django.urls import reverse

from accounts.models import AccessRecord
from tests.factories import ActivistFactory, TosBodyFactory

from .factories_chair import ConsentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(chair):
    body = TosBodyFactory(committee=chair.profile.committee)
    return ActivistFactory(tos_body=body, phone="+7 900 111-22-33", email="own@example.ru")


def entries():
    return list(AccessRecord.objects.order_by("pk").values_list(
        "action", "model", "object_ids", "username"))


def test_each_view_of_an_activist_card_leaves_one_entry(chair_client, chair, own):
    url = reverse("portal:activist_detail", args=[own.pk])

    first = chair_client.get(url)
    assert first.status_code == 200
    assert "+7 900 111-22-33" in first.content.decode()
    assert entries() == [("card", "committees.activist", [str(own.pk)], chair.username)]

    chair_client.get(url)
    assert len(entries()) == 2


def test_saving_the_card_logs_the_page_shown_after_it_once(chair_client, own):
    url = reverse("portal:activist_detail", args=[own.pk])
    response = chair_client.post(url, {
        "full_name": own.full_name, "tos_body": own.tos_body_id, "role": own.role,
        "founded": own.founded.isoformat(), "phone": "+7 900 000-00-00", "email": "",
        "birth_date": "",
    }, follow=True)
    assert response.status_code == 200
    assert [e[0] for e in entries()] == ["card"]


def test_a_refused_card_leaves_a_refused_entry(chair_client, chair):
    foreign = ActivistFactory(phone="+7 900 999-99-99")

    response = chair_client.get(reverse("portal:activist_detail", args=[foreign.pk]))

    assert response.status_code == 404
    assert "+7 900 999-99-99" not in response.content.decode()
    assert entries() == [("refused", "committees.activist", [str(foreign.pk)], chair.username)]


@pytest.mark.parametrize("name", ["portal:activist_end", "portal:consent_add"])
def test_other_pages_of_another_committees_activist_are_refused_and_logged(
    chair_client, name
):
    foreign = ActivistFactory()
    response = chair_client.get(reverse(name, args=[foreign.pk]))
    assert response.status_code == 404
    assert entries()[0][:3] == ("refused", "committees.activist", [str(foreign.pk)])


def test_another_committees_consent_is_refused_and_logged(chair_client):
    consent = ConsentFactory()
    response = chair_client.post(reverse("portal:consent_withdraw", args=[consent.pk]),
                                 {"day": "2022-02-01"})
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn is None
    assert entries()[0][:3] == ("refused", "committees.consent", [str(consent.pk)])


def test_an_id_that_does_not_exist_is_a_plain_404(chair_client):
    response = chair_client.get(reverse("portal:activist_detail", args=[999999]))
    assert response.status_code == 404
    assert entries() == []


def test_the_pages_without_personal_data_log_nothing(chair_client, own):
    for url in (reverse("portal:activist_list"),
                reverse("portal:body_detail", args=[own.tos_body_id]),
                reverse("portal:consent_add", args=[own.pk])):
        assert chair_client.get(url).status_code == 200
    assert entries() == []
