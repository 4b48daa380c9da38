"""The access log of personal data (152-ФЗ): every open card, phone or
e-mail search, export with personal fields and refused record leaves exactly
one entry; the application's own connection cannot change or delete one."""

import datetime
import io

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts import access_log
from accounts.models import AccessRecord
from committees.models import Activist

from .test_isolation import export_csv


def logged():
    """The entries the test made (the world holds one of its own)."""
    return AccessRecord.objects.exclude(detail="world")


def card_url(activist):
    return reverse("admin:committees_activist_change", args=[activist.pk])


@pytest.fixture
def own_activist(world):
    return Activist.objects.get(tos_body__committee=world.committee)


@pytest.fixture
def other_activist(world):
    return Activist.objects.exclude(tos_body__committee=world.committee).get()


@pytest.mark.parametrize("role", ["staff", "chair"])
def test_opening_a_card_leaves_one_entry(client_for, world, own_activist, role):
    client = client_for(role)

    response = client.get(card_url(own_activist), REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 200
    entry = logged().get()
    assert (entry.action, entry.model, entry.object_ids) == (
        "card", "committees.activist", [str(own_activist.pk)]
    )
    assert entry.username == world.users[role].username
    assert entry.address == "10.1.2.3"


def test_a_viewer_who_sees_no_personal_data_leaves_no_card_entry(
    client_for, world, own_activist
):
    response = client_for("viewer").get(card_url(own_activist))
    assert response.status_code == 200
    assert not logged().filter(action="card").exists()


def test_a_record_outside_the_scope_is_refused_and_logged(client_for, world, other_activist):
    response = client_for("chair").get(card_url(other_activist))

    assert response.status_code in (302, 404)
    assert own_name_not_shown(response, other_activist)
    entry = logged().get()
    assert (entry.action, entry.object_ids) == ("refused", [str(other_activist.pk)])


def own_name_not_shown(response, activist):
    return activist.full_name not in response.content.decode()


def test_a_search_by_phone_is_logged_and_not_the_number(
    client_for, world, own_activist
):
    client = client_for("staff")
    changelist = reverse("admin:committees_activist_changelist")

    client.get(changelist, {"q": own_activist.full_name.split()[0]})
    assert not logged().exists()

    client.get(changelist, {"q": own_activist.phone})
    entry = logged().get()
    assert entry.action == "search"
    assert entry.detail == "поиск по телефону"
    # The list does not search phones (core.personal_data): nothing found,
    # and the attempt is on record all the same.
    assert entry.object_ids == []
    assert own_activist.phone not in str(entry.__dict__)


def test_an_export_with_personal_fields_is_logged(client_for, world):
    export_csv(client_for("staff"), Activist)
    entry = logged().get()
    assert entry.action == "export"
    assert "phone" in entry.detail
    assert sorted(entry.object_ids) == sorted(str(pk) for pk in Activist.objects.values_list(
        "pk", flat=True))


def test_the_log_cannot_be_changed_or_deleted_by_the_application(db, world):
    entry = access_log.record_access(
        user=world.users["staff"], action="card", model=Activist, object_ids=[1]
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessRecord.objects.filter(pk=entry.pk).update(username="someone else")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessRecord.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.username == world.users["staff"].username


def test_entries_past_the_retention_period_are_purged_and_no_others(db, world, settings):
    old = access_log.record_access(
        user=world.users["staff"], action="card", model=Activist, object_ids=[1]
    )
    # An entry written years ago (INSERT is allowed, with any time).
    backdated = AccessRecord.objects.create(
        username="staff", action="card", model="committees.activist", model_name="активисты",
        at=timezone.now() - datetime.timedelta(days=access_log.retention_days() + 1),
    )

    assert access_log.purge() == 1

    assert not AccessRecord.objects.filter(pk=backdated.pk).exists()
    assert AccessRecord.objects.filter(pk=old.pk).exists()


def test_a_breach_inquiry_lists_who_opened_one_record_and_exports_it(
    client_for, world, own_activist, other_activist
):
    client_for("chair").get(card_url(own_activist))
    client_for("staff").get(card_url(other_activist))
    staff = client_for("staff")
    changelist = reverse("admin:accounts_accessrecord_changelist")

    page = staff.get(changelist, {"record": f"committees.activist:{own_activist.pk}"})

    assert page.status_code == 200
    shown = list(page.context["cl"].result_list)
    assert [(e.username, e.object_ids) for e in shown] == [
        (world.users["chair"].username, [str(own_activist.pk)])
    ]
    export = staff.post(changelist + f"?record=committees.activist:{own_activist.pk}", {
        "action": "export_xlsx", "_selected_action": [e.pk for e in shown],
    })
    book = load_workbook(io.BytesIO(export.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == world.users["chair"].username


def test_the_purge_command_deletes_only_what_is_past_retention(db, world):
    from django.core.management import call_command

    AccessRecord.objects.create(
        username="staff", action="card", model="committees.activist", model_name="активисты",
        at=timezone.now() - datetime.timedelta(days=access_log.retention_days() + 1),
    )
    young = access_log.record_access(
        user=world.users["staff"], action="card", model=Activist, object_ids=[1]
    )
    out = io.StringIO()
    call_command("purge_access_log", stdout=out)
    assert "Удалено записей журнала старше" in out.getvalue() and ": 1." in out.getvalue()
    assert AccessRecord.objects.filter(pk=young.pk).exists()
