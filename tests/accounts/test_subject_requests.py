"""A person's request for their data (152-ФЗ, art. 14): the answer's
workbook holds every row about them and nothing about anyone else; the due
date is ten working days later."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import AccessRecord, SubjectRequest
from accounts.subject_requests import due_date
from committees.models import Activist
from tests import factories as f


@pytest.mark.parametrize(("received", "due"), [
    (datetime.date(2026, 12, 1), datetime.date(2026, 12, 15)),  # Tuesday: two weeks
    (datetime.date(2026, 12, 25), datetime.date(2027, 1, 18)),  # over the New Year holidays
    (datetime.date(2026, 11, 2), datetime.date(2026, 11, 17)),  # 4 November is a holiday
])
def test_the_answer_is_due_ten_working_days_later(received, due):
    assert due_date(received) == due


def cells(book):
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def test_the_answer_holds_everything_about_the_person_and_nothing_else(client_for, world):
    person = Activist.objects.get(tos_body__committee=world.committee)
    person.phone = "+7 (384) 211-11-11"
    person.save()  # a second version in the history
    other = Activist.objects.exclude(pk=person.pk).first()
    mine = f.ApplicationFactory(
        applicant_kind="person", tos_body=None, applicant_name=person.full_name,
        committee=world.committee, territory=world.territory,
    )
    namesake = f.ApplicationFactory(
        applicant_kind="person", tos_body=None, applicant_name=person.full_name,
        committee=other.committee, territory=other.committee.territory,
    )
    request = SubjectRequest.objects.create(activist=person)
    client = client_for("staff")

    response = client.post(
        reverse("admin:accounts_subjectrequest_changelist"),
        {"action": "download_answer", "_selected_action": [request.pk]},
    )

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheets = cells(book)
    assert list(sheets) == ["Реестр", "История изменений", "Заявки на конкурсы",
                            "Журнал доступа"]
    text = repr(sheets)
    assert person.full_name in text and "+7 (384) 211-11-11" in text
    assert len(sheets["История изменений"]) - 1 == person.history.count() >= 2
    application_ids = [row[0] for row in sheets["Заявки на конкурсы"][1:]]
    assert application_ids == [mine.pk]
    assert namesake.pk not in application_ids
    for value in (other.full_name, other.phone, other.email):
        assert not value or value not in text
    # The answer itself is an export of their data: on record.
    assert AccessRecord.objects.filter(action="export", object_ids=[str(person.pk)]).exists()


def test_open_requests_show_their_due_date_and_overdue_ones_say_so(client_for, world):
    person = Activist.objects.get(tos_body__committee=world.committee)
    late = SubjectRequest.objects.create(activist=person, received=datetime.date(2020, 3, 2))
    page = client_for("staff").get(reverse("admin:accounts_subjectrequest_changelist"))
    content = page.content.decode()
    assert f"{late.due:%d.%m.%Y} — просрочен" in content


@pytest.mark.parametrize("role", ["chair", "center", "viewer"])
def test_only_staff_handle_requests(client_for, world, role):
    page = client_for(role).get(reverse("admin:accounts_subjectrequest_changelist"))
    assert page.status_code == 403
