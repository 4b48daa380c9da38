"""Activists' personal data (152-ФЗ): who sees it, its export log, erasure."""

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import ExportRecord
from committees.models import Activist

from .test_isolation import export_csv


def activist_urls(activist):
    version = activist.history.order_by("history_id").first()
    return [
        reverse("admin:committees_activist_changelist"),
        reverse("admin:committees_activist_changelist") + f"?q={activist.phone}",
        reverse("admin:committees_activist_change", args=[activist.pk]),
        reverse("admin:committees_activist_history", args=[activist.pk]),
        reverse("admin:committees_activist_simple_history",
                args=[activist.pk, version.history_id]),
    ]


@pytest.fixture
def activist(world):
    """Committee A's activist, with a change of phone in their history."""
    person = Activist.objects.get(tos_body__committee=world.committee)
    person.old_phone = person.phone
    person.phone = "+7 (384) 255-55-55"
    person.save()
    return person


@pytest.mark.parametrize("role", ["center", "viewer"])
def test_role_sees_no_phone_or_email_anywhere(client_for, world, activist, role):
    client = client_for(role)
    for url in activist_urls(activist):
        response = client.get(url)
        page = response.content.decode()
        for value in (activist.phone, activist.old_phone, activist.email):
            assert value not in page, (role, url)
        if role == "viewer":
            assert response.status_code == 200, url
            assert activist.full_name in page or "?q=" in url
    export = client.get(reverse("admin:committees_activist_export"))
    assert export.status_code == 403


@pytest.mark.parametrize("role", ["center", "viewer"])
def test_export_resource_leaves_personal_columns_out(world, activist, role):
    """Any export path (the admin, a command) builds its resource through
    the admin; for these roles it has no personal columns."""
    request = RequestFactory().get("/")
    request.user = world.users[role]
    model_admin = admin.site._registry[Activist]
    resource = model_admin.get_export_resource_classes(request)[0]()
    dataset = resource.export(queryset=Activist.objects.all())
    text = dataset.csv
    for value in (activist.phone, activist.email):
        assert value not in text
    assert "phone" not in resource.get_export_order()


def test_chair_sees_their_activists_phone(client_for, world, activist):
    client = client_for("chair")
    page = client.get(reverse("admin:committees_activist_change", args=[activist.pk]))
    assert activist.phone in page.content.decode()
    history = client.get(reverse("admin:committees_activist_history", args=[activist.pk]))
    assert activist.old_phone in history.content.decode()


def test_export_is_recorded_with_who_what_and_which_rows(client_for, world, activist):
    rows = export_csv(client_for("chair"), Activist)
    assert activist.phone in "\n".join(",".join(r) for r in rows)
    record = ExportRecord.objects.get(username="chair_a")
    assert record.model == "committees.activist"
    assert record.row_count == 1 and record.object_ids == [activist.pk]
    assert "phone" in record.personal_fields
    assert record.file_format == "csv"


def test_staff_read_the_export_log_and_cannot_edit_it(client_for, world, activist):
    export_csv(client_for("chair"), Activist)
    client = client_for("staff")
    page = client.get(reverse("admin:accounts_exportrecord_changelist")).content.decode()
    assert "chair_a" in page
    record = ExportRecord.objects.get(username="chair_a")
    change = client.get(reverse("admin:accounts_exportrecord_change", args=[record.pk]))
    assert 'name="_save"' not in change.content.decode()
    assert client.get(reverse("admin:accounts_exportrecord_add")).status_code == 403


def erase(client, *people):
    return client.post(reverse("admin:committees_activist_changelist"), {
        "action": "erase_personal_data",
        "_selected_action": [p.pk for p in people],
    })


def test_staff_erase_personal_data_everywhere_and_counts_stay(client_for, world, activist):
    LogEntry.objects.log_actions(
        world.users["chair"].pk, [activist], CHANGE, change_message="телефон",
    )
    before = {
        "all": Activist.objects.count(),
        "active": Activist.objects.active_in(2022).count(),
        "chairs": Activist.objects.filter(role=activist.role).count(),
    }
    old_values = (activist.old_phone, activist.phone, activist.email, activist.full_name)
    client = client_for("staff")
    assert erase(client, activist).status_code == 302

    activist.refresh_from_db()
    assert (activist.phone, activist.email, activist.birth_date) == ("", "", None)
    assert activist.full_name == f"Активист №{activist.pk} (данные удалены)"
    assert activist.anonymised is not None
    for version in activist.history.all():
        assert (version.phone, version.email, version.birth_date) == ("", "", None)
        assert version.full_name == activist.full_name
    log = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Activist), object_id=str(activist.pk)
    )
    assert log.object_repr == activist.full_name
    for url in activist_urls(activist)[2:]:
        page = client.get(url).content.decode()
        for value in old_values:
            assert value not in page, url
    assert before == {
        "all": Activist.objects.count(),
        "active": Activist.objects.active_in(2022).count(),
        "chairs": Activist.objects.filter(role=activist.role).count(),
    }


def test_only_staff_may_erase(client_for, world, activist):
    erase(client_for("chair"), activist)
    activist.refresh_from_db()
    assert activist.phone == "+7 (384) 255-55-55"
