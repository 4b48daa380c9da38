"""A dry run (the command's --dry-run, the admin's preview) refuses exactly
the rows the real run refuses, the database's constraints included; the
admin's confirm step shows a refusal as the preview does."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from committees.models import Activist, TosBody
from core.imports.engine import run_import
from core.imports.files import read_table
from core.imports.registry import get_kind
from tests.factories import (
    CenterFactory,
    ClubFactory,
    CommitteeFactory,
    ProgramFactory,
    TerritoryFactory,
    TosBodyFactory,
)

from .books import xlsx

pytestmark = pytest.mark.django_db

BODY = ["Окружной комитет", "Вид", "Адрес или границы", "Собственное название",
        "Дата создания", "Дата прекращения"]
HOUSE = "Домовый комитет"
TAKEN = "Орган ТОС с таким названием уже есть."
RAID = "Рейд в неблагополучную семью"


def body_row(address, name="", founded="01.03.2015", closed=""):
    return [7, HOUSE, address, name, founded, closed]


def world():
    committee = CommitteeFactory(number=7)
    TosBodyFactory(committee=committee, name="Рудник", address="ул. Шахтеров, 1")
    TosBodyFactory(committee=committee, address="ул. Весенняя, 1")
    center = CenterFactory(name="Импульс")
    ClubFactory(center=center, name="Шахматы")
    TerritoryFactory(name="Кировский район")
    ProgramFactory()


# Each unique and check constraint of the import formats a file can reach:
# (format, headers, rows, the message the row gets).
CASES = {
    # Only the database knows these two: clean() sees one row at a time.
    "tosbody_unique_name, taken by a saved body": (
        "tos_bodies", BODY, [body_row("ул. Весенняя, 12", "Рудник")], TAKEN),
    "tosbody_unique_name, twice in the file": (
        "tos_bodies", BODY, [body_row("ул. Весенняя, 12", "Заря"),
                             body_row("ул. Весенняя, 14", "Заря")], TAKEN),
    "tosbody_unique_name, given to a saved body": (
        "tos_bodies", BODY, [body_row("ул. Весенняя, 1", "Рудник")], TAKEN),
    "tosbody_unique_address": (
        "tos_bodies", BODY, [body_row("ул. Весенняя, 12"), body_row("ул. весенняя,12")],
        "строка повторяет строку 2"),
    "tosbody_closed_after_founded": (
        "tos_bodies", BODY, [body_row("ул. Весенняя, 12", closed="01.01.2014")],
        "Дата прекращения деятельности раньше даты создания."),
    "activist_consent_has_form": (
        "activists",
        ["Окружной комитет", "Орган ТОС", "ФИО", "Роль", "Дата создания",
         "Дата согласия на обработку ПДн"],
        [[7, "ул. Весенняя, 1", "Иванова Мария", "Член комитета", "01.09.2020",
          "10.01.2022"]],
        "Укажите форму согласия на обработку ПДн."),
    "club_unique_name_per_center": (
        "clubs", ["Центр", "Название", "Дата создания"],
        [["Импульс", "Клуб", "01.09.2020"], ["Импульс", "клуб", "01.09.2020"]],
        "строка повторяет строку 2"),
    "club_members_not_negative": (
        "clubs", ["Центр", "Название", "Занимающихся", "Дата создания"],
        [["Импульс", "Клуб", -3, "01.09.2020"]], "отрицательным"),
    "prevention_one_per_center_month_kind": (
        "prevention", ["Центр", "Месяц", "Вид работы", "Количество"],
        [["Импульс", "03.2022", RAID, 3], ["Импульс", "03.2022", RAID, 4]],
        "строка повторяет строку 2"),
    "project_built_after_submitted": (
        "projects", ["Год подачи", "Год реализации", "Территория", "Объект", "Адрес", "Вид",
                     "Статус"],
        [[2022, 2021, "Кировский район", "Площадка", "ул. Институтская, 1",
          "Спортивная площадка", "Реализован"]],
        "Проект не может быть реализован раньше, чем подан."),
    "project_built_has_year": (
        "projects", ["Год подачи", "Территория", "Объект", "Адрес", "Вид", "Статус"],
        [[2022, "Кировский район", "Площадка", "ул. Институтская, 1",
          "Спортивная площадка", "Реализован"]],
        "Укажите год реализации."),
}


@pytest.mark.parametrize("case", CASES)
def test_dry_run_refuses_what_the_real_run_refuses(case):
    world()
    key, headers, rows, message = CASES[case]
    table = read_table(xlsx(headers, rows))

    rehearsed = run_import(get_kind(key), table, dry_run=True)
    real = run_import(get_kind(key), table)

    assert not real.saved and not rehearsed.saved
    assert [str(p) for p in rehearsed.problems] == [str(p) for p in real.problems]
    assert any(message in p.message and p.row for p in rehearsed.problems), rehearsed.problems


def test_dry_run_names_the_row_and_column_of_a_taken_name():
    world()
    table = read_table(xlsx(BODY, [body_row("ул. Весенняя, 10"),
                                   body_row("ул. Весенняя, 12", "Рудник")]))

    outcome = run_import(get_kind("tos_bodies"), table, dry_run=True)

    assert [str(p) for p in outcome.problems] == [
        f"Строка 3, столбец «Собственное название»: {TAKEN}"]
    assert TosBody.objects.count() == 2


def test_dry_run_of_a_good_file_saves_nothing_and_keeps_no_keys():
    world()
    table = read_table(xlsx(BODY, [body_row("ул. Весенняя, 10", "Заря")]))

    outcome = run_import(get_kind("tos_bodies"), table, dry_run=True)

    assert outcome.ok and not outcome.saved and outcome.count("new") == 1
    assert outcome.created[0].pk is None
    assert not TosBody.objects.filter(name="Заря").exists()
    assert not TosBody.history.filter(name="Заря").exists()


def test_command_dry_run_reports_the_taken_name(tmp_path, capsys):
    world()
    path = tmp_path / "bodies.xlsx"
    path.write_bytes(xlsx(BODY, [body_row("ул. Весенняя, 12", "Рудник")]))

    with pytest.raises(CommandError, match="Ошибок: 1"):
        call_command("import_xlsx", "tos_bodies", str(path), "--dry-run")

    assert f"Строка 2, столбец «Собственное название»: {TAKEN}" in capsys.readouterr().err


def upload(client, data):
    return client.post(reverse("admin:committees_tosbody_import"),
                       {"import_file": SimpleUploadedFile("bodies.xlsx", data), "format": 0})


def test_admin_preview_shows_the_refusal_and_offers_no_confirm(admin_client):
    world()
    response = upload(admin_client, xlsx(BODY, [body_row("ул. Весенняя, 12", "Рудник")]))

    page = response.content.decode()
    assert "confirm_form" not in response.context
    assert "Ошибки в строках: 1" in page and TAKEN in page and "<td>2</td>" in page


def test_admin_confirm_shows_a_refusal_like_the_preview(admin_client):
    """The name is free at the preview and taken by the time of the confirm."""
    world()
    response = upload(admin_client, xlsx(BODY, [body_row("ул. Весенняя, 12", "Заря")]))
    assert "Будет добавлено: <strong>1</strong>" in response.content.decode()
    TosBodyFactory(committee__number=8, name="Заря")

    response = admin_client.post(reverse("admin:committees_tosbody_process_import"),
                                 response.context["confirm_form"].initial, follow=True)

    page = response.content.decode()
    assert "Импорт завершен" not in page
    assert "Ошибки в строках: 1" in page and TAKEN in page and "<td>2</td>" in page
    assert not TosBody.objects.filter(committee__number=7, name="Заря").exists()
    assert Activist.objects.count() == 0
