import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

MODEL_ADMINS = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", MODEL_ADMINS, ids=lambda m: m._meta.label)
def test_every_admin_list_and_add_form_opens_in_russian(admin_client, model):
    opts = model._meta
    response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200
    assert "Реестр ТОС" in response.content.decode()
    response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert response.status_code in (200, 403)
