"""Deleting a record that others still point to is refused, not cascaded."""

import pytest
from django.urls import reverse

from centers.models import Center, Club
from committees.models import DistrictCommittee, TosBody
from tests.factories import CenterFactory, ClubFactory, CommitteeFactory, TosBodyFactory

pytestmark = pytest.mark.django_db

REFUSAL = "потребует удаления следующих связанных защищенных объектов"


def test_committee_with_bodies_is_not_deleted(admin_client):
    committee = CommitteeFactory()
    TosBodyFactory.create_batch(2, committee=committee)
    url = reverse("admin:committees_districtcommittee_delete", args=[committee.pk])

    page = admin_client.get(url).content.decode()
    assert REFUSAL in page
    assert "Домовый комитет, ул. Весенняя" in page  # the bodies in the way are named

    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert DistrictCommittee.objects.filter(pk=committee.pk).exists()
    assert TosBody.objects.filter(committee=committee).count() == 2


def test_committee_with_bodies_is_not_deleted_from_the_list(admin_client):
    committee = CommitteeFactory()
    TosBodyFactory(committee=committee)
    response = admin_client.post(
        reverse("admin:committees_districtcommittee_changelist"),
        {"action": "delete_selected", "_selected_action": [committee.pk], "post": "yes"},
    )
    assert "защищенных объектов" in response.content.decode()
    assert DistrictCommittee.objects.filter(pk=committee.pk).exists()
    assert TosBody.objects.count() == 1


def test_committee_without_bodies_is_deleted(admin_client):
    committee = CommitteeFactory()
    url = reverse("admin:committees_districtcommittee_delete", args=[committee.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not DistrictCommittee.objects.exists()


def test_center_with_clubs_is_not_deleted(admin_client):
    center = CenterFactory()
    ClubFactory(center=center, name="Вокальная студия «Капель»")
    url = reverse("admin:centers_center_delete", args=[center.pk])

    page = admin_client.get(url).content.decode()
    assert REFUSAL in page
    assert "Вокальная студия «Капель»" in page

    response = admin_client.post(url, {"post": "yes"})
    assert REFUSAL in response.content.decode()
    assert Center.objects.filter(pk=center.pk).exists()
    assert Club.objects.filter(center=center).count() == 1
