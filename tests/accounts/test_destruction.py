"""Destroying personal data on time (152-ФЗ, art. 21): a withdrawal puts the
person in the officer's queue; destroying (confirmed by the officer, or by
the daily command once due) leaves no trace of their name, phone or e-mail
in any table, history included, writes the act, and changes no figure of
the report."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from accounts import destruction
from accounts.models import DestructionAct
from accounts.roles import OFFICER_GROUP
from committees.models import Activist, Consent, TosBody
from committees.services import record_consent, withdraw_consent
from reports.aggregates import annual_report, headline_figures
from tests import factories as f

DAY0 = datetime.date(2022, 11, 1)
QUEUE = "admin:accounts_erasurequeue_changelist"


def traces(*values) -> list[tuple[str, str]]:
    """(table, column) of every text cell of every table that holds one of
    `values`."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [c.name for c in connection.introspection.get_table_description(
                cursor, table)]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for column, cell in zip(columns, row, strict=True):
                    text = cell.decode(errors="replace") if isinstance(cell, bytes) else str(cell)
                    if any(value in text for value in values):
                        found.append((table, column))
    return found


@pytest.fixture
def person(world):
    """Committee A's activist, who gave consent and then changed their phone."""
    activist = Activist.objects.get(tos_body__committee=world.committee)
    activist.email = "ivanova.tos@example.ru"
    activist.save()
    activist.phone = "+7 (384) 299-99-99"
    activist.save()
    if not activist.consents.exists():
        record_consent(consent=Consent(activist=activist, given=datetime.date(2022, 1, 10),
                                       form=Consent.Form.WRITTEN))
    return activist


@pytest.fixture
def officer_client(client, world):
    user = world.users["staff"]
    user.groups.add(Group.objects.get(name=OFFICER_GROUP))
    client.force_login(user)
    return client


def figures(year=2022):
    """Every figure of the year's report, by key."""
    return {figure.key: figure.value for figure in headline_figures(annual_report(year))}


def withdraw(person, user, day=DAY0):
    with mock.patch("django.utils.timezone.localdate", return_value=day):
        for consent in person.consents.filter(purpose=Consent.Purpose.PARTICIPATION):
            withdraw_consent(consent=consent, day=day, user=user)


def test_a_withdrawal_puts_the_person_in_the_queue_on_day_0(world, person):
    withdraw(person, world.users["chair"])

    items = {item.activist.pk: item for item in destruction.queue(DAY0)}
    assert items[person.pk].reason == destruction.WITHDRAWAL
    assert items[person.pk].due == DAY0 + datetime.timedelta(days=30)
    assert not destruction.due_now(DAY0)


def test_the_officer_confirms_and_nothing_of_the_person_remains(
    world, person, officer_client
):
    withdraw(person, world.users["chair"])
    name, phone, email = person.full_name, person.phone, person.email
    assert traces(name, phone, email)  # the check can see them
    before = figures()

    page = officer_client.get(reverse(QUEUE))
    assert name in page.content.decode()
    asked = officer_client.post(reverse(QUEUE), {
        "action": "destroy_selected", "_selected_action": [person.pk],
    })
    assert "Будут безвозвратно уничтожены" in asked.content.decode()
    assert Activist.objects.get(pk=person.pk).full_name == name  # not yet
    done = officer_client.post(reverse(QUEUE), {
        "action": "destroy_selected", "_selected_action": [person.pk], "confirm": "yes",
    }, follow=True)

    assert "Данные уничтожены" in done.content.decode()
    assert traces(name, phone, email) == []
    act = DestructionAct.objects.exclude(basis="world").get()
    assert act.object_ids == [str(person.pk)]
    assert act.file.read(5) == b"%PDF-"
    assert figures() == before


def test_without_action_the_daily_command_destroys_once_due(world, person):
    withdraw(person, world.users["chair"])
    name = person.full_name

    with mock.patch("django.utils.timezone.localdate",
                    return_value=DAY0 + datetime.timedelta(days=29)):
        call_command("destroy_personal_data", verbosity=0)
    assert Activist.objects.get(pk=person.pk).full_name == name

    before = figures()
    with mock.patch("django.utils.timezone.localdate",
                    return_value=DAY0 + datetime.timedelta(days=30)):
        call_command("destroy_personal_data", verbosity=0)
    assert traces(name, person.phone, person.email) == []
    assert DestructionAct.objects.exclude(basis="world").count() == 1
    assert figures() == before


def test_who_left_is_destroyed_after_the_retention_period(world, person, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    left = datetime.date(2022, 12, 31)
    Activist.objects.filter(pk=person.pk).update(closed=left)

    assert not destruction.due_now(left + datetime.timedelta(days=364))
    act = destruction.run_daily(left + datetime.timedelta(days=365))
    assert act.reasons == {str(person.pk): destruction.LEFT}
    assert Activist.objects.get(pk=person.pk).anonymised is not None


def test_nobody_without_consent_is_destroyed_by_the_daily_run(world):
    nobody = f.ActivistFactory(tos_body=world.own("chair", TosBody), consent_date=None,
                               consent_form="")
    nobody.consents.all().delete()

    listed = {item.activist.pk: item for item in destruction.queue()}
    assert listed[nobody.pk].reason == destruction.NO_CONSENT
    assert destruction.run_daily() is None
    assert Activist.objects.get(pk=nobody.pk).anonymised is None


def test_only_the_officer_sees_the_queue_and_the_acts(client_for, world, officer_client):
    assert officer_client.get(reverse(QUEUE)).status_code == 200
    for role in ("staff", "chair", "center", "viewer"):
        client = client_for(role)
        if role == "staff":
            world.users["staff"].groups.remove(Group.objects.get(name=OFFICER_GROUP))
        assert client.get(reverse(QUEUE)).status_code == 403, role
        assert client.get(reverse("admin:accounts_destructionact_changelist")).status_code == 403


def test_a_published_editions_figures_stay_after_a_destruction(world, person):
    from reports import editions, services

    edition = editions.publish(user=world.users["staff"], year=2022)
    editions.run_edition(edition.pk)
    edition.refresh_from_db()
    published = {figure["key"]: figure["value"] for figure in edition.snapshot["figures"]}
    pdf = edition.pdf.read()
    withdraw(person, world.users["chair"])

    destruction.run_daily(DAY0 + datetime.timedelta(days=30))

    assert Activist.objects.get(pk=person.pk).anonymised is not None
    assert editions.changes(edition, services.data_version()) == {}
    assert figures() == published
    edition.refresh_from_db()
    assert edition.pdf.read() == pdf
