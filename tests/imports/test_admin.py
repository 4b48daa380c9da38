"""The admin's import (upload, preview, confirm), export and blank template."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from committees.models import Activist
from committees.resources import ActivistResource
from events.models import Event
from events.resources import EventResource
from tests.factories import (
    PASSWORD,
    ActivistFactory,
    CommitteeFactory,
    EventFactory,
    TosBodyFactory,
)

from .books import csv_bytes, xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["Дата", "Название", "Вид", "Окружной комитет", "Участников"]
XLSX, CSV = 0, 1  # indexes of settings.IMPORT_FORMATS / EXPORT_FORMATS


def upload(client, data, name="events.xlsx", fmt=XLSX):
    return client.post(
        reverse("admin:events_event_import"),
        {"import_file": SimpleUploadedFile(name, data), "format": fmt},
    )


def test_import_previews_every_row_then_saves_on_confirm(admin_client):
    CommitteeFactory(number=7)
    EventFactory(committee__number=8, title="Старое", date=datetime.date(2022, 5, 20))
    data = xlsx(HEADERS, [["20.05.2022", "Праздник двора", "Субботник", 7, 25],
                          ["21.05.2022", "Субботник", "Субботник", 7, 12]])

    response = upload(admin_client, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Будет добавлено: <strong>2</strong>" in page
    assert "Праздник двора" in page and "Новая" in page
    assert Event.objects.count() == 1  # the preview saves nothing
    confirm = response.context["confirm_form"]
    response = admin_client.post(reverse("admin:events_event_process_import"),
                                 confirm.initial)
    assert response.status_code == 302
    assert Event.objects.count() == 3
    assert Event.objects.get(title="Праздник двора").participants == 25


def test_import_lists_row_errors_and_offers_no_confirm(admin_client):
    CommitteeFactory(number=7)
    table = [["20.05.2022", f"Субботник {i}", "Субботник", 7, 10] for i in range(100)]
    table[41][4] = -3
    table[77][3] = "Окружной комитет № 404"

    response = upload(admin_client, xlsx(HEADERS, table))

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "Ошибки в строках: 2" in page
    assert "<td>43</td>" in page and "число не может быть отрицательным: -3" in page
    assert "неизвестный окружной комитет «Окружной комитет № 404»" in page
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x13\x37" * 2000, "events.xlsx", "не является книгой Excel"),
        (xlsx(["Дата", "Название"], [["20.05.2022", "Праздник"]]), "events.xlsx",
         "нет обязательных столбцов"),
        (b";;;;;\r\n" * (2 * 1024 * 1024), "events.csv", "Файл слишком большой"),
    ],
)
def test_broken_file_gets_a_clear_message(admin_client, data, name, message):
    response = upload(admin_client, data, name, fmt=CSV if name.endswith("csv") else XLSX)
    assert response.status_code == 200
    assert "Файл не принят" in response.content.decode()
    assert message in response.content.decode()


def test_cp1251_csv_imports_through_the_admin(admin_client):
    CommitteeFactory(number=7)
    data = csv_bytes(HEADERS, [["20.05.2022", "Ёлка во дворе", "Акция", 7, 30]],
                     encoding="cp1251")
    response = upload(admin_client, data, "events.csv", fmt=CSV)
    assert response.status_code == 200
    assert "Ёлка во дворе" in response.content.decode()


def export(client, fmt, resource=EventResource, model="events_event"):
    fields = {f"{resource.__name__.lower()}_{name}": "on"
              for name in resource().get_export_order()}
    return client.post(reverse(f"admin:{model}_export"), {"format": fmt, **fields})


def test_event_export_has_russian_headers_dates_and_escaped_formulas(admin_client):
    EventFactory(title="=HYPERLINK(\"http://evil\")", date=datetime.date(2022, 5, 20),
                 participants=30, place="-1+1", committee__number=7)

    response = export(admin_client, XLSX)

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == ["Дата", "Название", "Вид", "Окружной комитет"]
    row = dict(zip(headers, [cell.value for cell in sheet[2]], strict=True))
    assert row["Дата"].date() == datetime.date(2022, 5, 20)
    assert row["Название"] == "'=HYPERLINK(\"http://evil\")"
    assert row["Место проведения"] == "'-1+1"
    assert row["Участников"] == 30
    assert row["Вид"] == "Культурно-массовое мероприятие"


def test_csv_export_has_a_bom_and_escapes_the_same_way(admin_client):
    EventFactory(title="@SUM(A1)", date=datetime.date(2022, 5, 20))
    response = export(admin_client, CSV)
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("Дата,Название,Вид")
    assert "20.05.2022,'@SUM(A1)," in text


def test_exported_file_imports_back_unchanged(admin_client):
    EventFactory(title="=1+2", committee__number=7, place="+7 двор")
    exported = export(admin_client, XLSX).content
    response = upload(admin_client, exported)
    assert "Будет добавлено: <strong>0</strong>" in response.content.decode()
    assert "изменено: <strong>0</strong>" in response.content.decode()


def chair_client(client, committee):
    user, _ = create_user_for(username="chair", role=Profile.Role.CHAIR, committee=committee,
                              password=PASSWORD)
    client.force_login(user)
    return client


def test_chair_export_holds_only_their_own_rows(client):
    own = CommitteeFactory(number=7)
    EventFactory(committee=own, title="Свое")
    EventFactory(committee__number=8, title="Чужое")
    response = export(chair_client(client, own), CSV)
    text = response.content.decode("utf-8-sig")
    assert "Свое" in text and "Чужое" not in text


def test_viewer_export_of_activists_leaves_out_personal_data():
    body = TosBodyFactory(committee__number=7)
    ActivistFactory(tos_body=body, full_name="Иванова", phone="+7 000")
    viewer, _ = create_user_for(username="viewer", role=Profile.Role.VIEWER,
                                territory=body.committee.territory)

    dataset = ActivistResource(user=viewer).export(Activist.objects.all())

    assert "ФИО" in dataset.headers and "Телефон" not in dataset.headers
    assert "Иванова" in dataset.csv and "+7 000" not in dataset.csv


def test_chair_upload_naming_another_committee_is_refused(client):
    own = CommitteeFactory(number=7)
    CommitteeFactory(number=8)
    table = [["20.05.2022", f"Субботник {i}", "Субботник", 7, 10] for i in range(4)]
    table[2][3] = 8
    response = upload(chair_client(client, own), xlsx(HEADERS, table))
    page = response.content.decode()
    assert "<td>4</td>" in page and "можно указать только свой комитет" in page
    assert not Event.objects.exists()


def test_blank_template_has_headers_example_and_allowed_values(admin_client):
    CommitteeFactory(number=7, name="Окружной комитет № 7")
    response = admin_client.get(reverse("imports:template", args=["events", "event"]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Мероприятия", "Справочник"]
    sheet = workbook["Мероприятия"]
    assert [c.value for c in sheet[1]][:3] == ["Дата", "Название", "Вид"]
    assert sheet["B2"].value == "Праздник двора"
    reference = [c.value for c in workbook["Справочник"]["A"]]
    assert reference[:2] == ["Вид", "Культурно-массовое мероприятие"]
    values = {c.value for row in workbook["Справочник"].iter_rows() for c in row}
    assert "7 — Окружной комитет № 7" in values


def test_blank_template_imports_as_its_example_row(admin_client):
    CommitteeFactory(number=12)
    TosBodyFactory(committee__number=99)
    response = admin_client.get(reverse("imports:template", args=["committees", "tosbody"]))
    upload_response = admin_client.post(
        reverse("admin:committees_tosbody_import"),
        {"import_file": SimpleUploadedFile("t.xlsx", response.content), "format": XLSX},
    )
    assert "Будет добавлено: <strong>1</strong>" in upload_response.content.decode()


def test_import_page_offers_the_template(admin_client):
    response = admin_client.get(reverse("admin:committees_activist_import"))
    assert "Скачать шаблон" in response.content.decode()
    assert Activist.objects.count() == 0


NO_FORMAT = ["committees_territory", "committees_districtcommittee", "centers_center",
             "centers_rentalitem", "events_campaign", "contests_contest"]


@pytest.mark.parametrize("model", NO_FORMAT)
def test_list_without_an_import_format_offers_no_import(admin_client, model):
    page = admin_client.get(reverse(f"admin:{model}_changelist")).content.decode()
    assert reverse(f"admin:{model}_import") not in page
    assert reverse(f"admin:{model}_export") in page

    assert admin_client.get(reverse(f"admin:{model}_import")).status_code == 404
    response = admin_client.post(reverse(f"admin:{model}_import"), {
        "import_file": SimpleUploadedFile("any.xlsx", xlsx(["Название"], [["Что-то"]])),
        "format": XLSX})
    assert response.status_code == 404
    assert admin_client.post(reverse(f"admin:{model}_process_import"), {
        "import_file_name": "0" * 32, "original_file_name": "any.xlsx", "format": XLSX,
    }).status_code == 404


def test_list_with_an_import_format_offers_it(admin_client):
    page = admin_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert reverse("admin:events_event_import") in page
