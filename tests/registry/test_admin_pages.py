import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import CommitteeFactory, TosBodyFactory

from .rows import SEEDERS

pytestmark = pytest.mark.django_db

MODEL_ADMINS = sorted(admin.site._registry, key=lambda m: m._meta.label)


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODEL_ADMINS, ids=lambda m: m._meta.label)
def test_every_admin_list_and_add_form_opens_in_russian(admin_client, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert "Реестр ТОС" in response.content.decode()
    response = admin_client.get(admin_url(model, "add"))
    assert response.status_code in (200, 403)


@pytest.mark.parametrize("model", MODEL_ADMINS, ids=lambda m: m._meta.label)
def test_every_admin_change_form_opens(admin_client, model):
    row = SEEDERS[model._meta.label]()[0]
    response = admin_client.get(admin_url(model, "change", row.pk))
    assert response.status_code == 200
    assert str(row) in response.content.decode()


def test_committee_list_counts_its_bodies(admin_client):
    committee = CommitteeFactory(name="Окружной комитет ТОС № 12")
    TosBodyFactory.create_batch(3, committee=committee)
    response = admin_client.get(reverse("admin:committees_districtcommittee_changelist"))
    (row,) = response.context["cl"].result_list
    assert row.bodies_total == 3


def test_committee_page_lists_its_bodies_read_only_with_a_link(admin_client):
    committee = CommitteeFactory()
    TosBodyFactory(committee=committee, address="ул. Шахтеров, 5")
    TosBodyFactory(address="ул. Чужая, 1")  # of another committee
    url = reverse("admin:committees_districtcommittee_change", args=[committee.pk])
    page = admin_client.get(url).content.decode()
    assert "ул. Шахтеров, 5" in page
    assert "ул. Чужая, 1" not in page
    assert 'name="bodies-0-address"' not in page  # read, not edited, here
    assert f"?committee__id__exact={committee.pk}" in page
