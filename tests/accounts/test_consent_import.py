"""The activists' import turns each row's consent date and form into a
participation consent, as the portal records one, so that imported people
are in the consent lists and out of the queue «На уничтожение»."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import destruction
from committees.models import Activist, Consent
from core.imports.engine import run_import
from core.imports.files import read_table
from core.imports.registry import get_kind
from tests.factories import CommitteeFactory, TosBodyFactory
from tests.imports.books import xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["Окружной комитет", "Орган ТОС", "ФИО", "Роль", "Дата согласия на обработку ПДн",
           "Форма согласия", "Дата создания"]


@pytest.fixture
def body():
    return TosBodyFactory(committee=CommitteeFactory(number=3), address="ул. Весенняя, 12")


def row(name, consent="10.01.2022", form="Электронное"):
    return [3, "ул. Весенняя, 12", name, "Член комитета", consent, form, "01.09.2020"]


def imported(rows, **kwargs):
    return run_import(get_kind("activists"), read_table(xlsx(HEADERS, rows), "a.xlsx"),
                      **kwargs)


def test_a_rows_consent_becomes_a_consent_row(body):
    outcome = imported([row("Иванова Мария Петровна"), row("Петров Петр Ильич", None, "")])
    assert outcome.saved, outcome.problems
    maria = Activist.objects.get(full_name="Иванова Мария Петровна")
    [consent] = Consent.objects.all()
    assert (consent.activist, consent.purpose, consent.given, consent.form) == (
        maria, Consent.Purpose.PARTICIPATION, datetime.date(2022, 1, 10),
        Consent.Form.ELECTRONIC)
    assert consent.history.get().history_change_reason == "Согласие из загруженного файла"
    # In the lists, and only the person without consent is in the queue.
    reasons = {d.activist.full_name: d.reason for d in destruction.queue()}
    assert reasons == {"Петров Петр Ильич": destruction.NO_CONSENT}


def test_imported_people_are_in_the_consent_filter(admin_client, body):
    imported([row("Иванова Мария Петровна"), row("Петров Петр Ильич", None, "")])
    url = reverse("admin:committees_activist_changelist")
    for status, name in (("participation", "Иванова Мария Петровна"),
                         ("none", "Петров Петр Ильич")):
        page = admin_client.get(url, {"consent": status})
        assert [a.full_name for a in page.context["cl"].result_list] == [name]


def test_importing_again_neither_doubles_nor_revives_a_consent(body):
    imported([row("Иванова Мария Петровна")])
    Consent.objects.update(withdrawn=datetime.date(2022, 3, 1))
    outcome = imported([row("Иванова Мария Петровна", form="Письменное")])
    assert outcome.saved, outcome.problems
    assert list(Consent.objects.values_list("withdrawn", flat=True)) == [
        datetime.date(2022, 3, 1)]


def test_a_new_consent_date_in_a_later_file_adds_a_consent(body):
    imported([row("Иванова Мария Петровна")])
    imported([row("Иванова Мария Петровна", consent="01.02.2023")])
    assert sorted(Consent.objects.values_list("given", flat=True)) == [
        datetime.date(2022, 1, 10), datetime.date(2023, 2, 1)]


def test_a_dry_run_writes_no_consent(body):
    outcome = imported([row("Иванова Мария Петровна")], dry_run=True)
    assert not outcome.problems
    assert not Consent.objects.exists() and not Activist.objects.exists()


def test_a_consent_dated_in_the_future_is_refused_at_its_row(body):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    outcome = imported([row("Иванова Мария Петровна", consent=tomorrow.strftime("%d.%m.%Y"))])
    assert not outcome.saved and not Consent.objects.exists()
    [problem] = outcome.problems
    assert problem.column == "Дата согласия на обработку ПДн"


def test_many_rows_cost_the_same_queries_as_few(body, django_assert_max_num_queries):
    imported([row(f"Активист {n}") for n in range(3)])
    with CaptureQueriesContext(connection) as few:
        imported([row(f"Новый {n}") for n in range(3)])
    with django_assert_max_num_queries(len(few)):
        imported([row(f"Другой {n}") for n in range(60)])
    assert Consent.objects.count() == 66
