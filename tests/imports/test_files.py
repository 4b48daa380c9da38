"""Broken, hostile and oddly encoded files get a clear message, never a crash."""

import io
import os
import zipfile

import openpyxl
import pytest

from core.imports.engine import run_import
from core.imports.files import MAX_FILE_BYTES, FileRejected, read_table
from core.imports.registry import get_kind
from events.models import Event
from tests.factories import CommitteeFactory

from .books import csv_bytes, entity_bomb, xlsx, zip_bomb

HEADERS = ["Дата", "Название", "Вид", "Окружной комитет", "Участников"]


def event_row(n, committee=7):
    return ["20.05.2022", f"Праздник двора № {n}", "Субботник", committee, 10 + n]


def test_openpyxl_refuses_entities_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_random_bytes_named_xlsx_are_refused():
    with pytest.raises(FileRejected, match="не является книгой Excel"):
        read_table(os.urandom(5000), "events.xlsx")


def test_zip_of_garbage_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(FileRejected, match="не является книгой Excel"):
        read_table(buffer.getvalue(), "events.xlsx")


def test_a_libreoffice_ods_is_refused_with_how_to_save_it_as_xlsx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(FileRejected, match=r"\(\.ods\).*Книга Excel 2007-365"):
        read_table(buffer.getvalue(), "events.ods")


# How fast the two bombs are refused: bench/time_targets.py prints it.


def test_zip_bomb_is_refused_before_unpacking():
    bomb = zip_bomb()
    assert len(bomb) < MAX_FILE_BYTES
    with pytest.raises(FileRejected, match="небезопасный"):
        read_table(bomb, "bomb.xlsx")


def test_xml_entity_bomb_is_refused():
    bomb = entity_bomb(xlsx(HEADERS, [event_row(1)]))
    with pytest.raises(FileRejected, match="XML-сущностей"):
        read_table(bomb, "events.xlsx")


def test_oversized_file_of_empty_rows_is_refused_by_size():
    data = b";;;;\r\n" * (10 * 1024 * 1024 // 6)
    with pytest.raises(FileRejected, match="слишком большой"):
        read_table(data, "events.csv")


def test_xlsx_with_many_empty_rows_reads_only_the_data():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(event_row(1))
    sheet.cell(row=50000, column=1, value=" ")  # a stray space far below
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "events.xlsx")
    assert len(table.rows) == 1


def test_empty_file_is_refused():
    with pytest.raises(FileRejected, match="Файл пуст"):
        read_table(b"", "events.csv")


def test_merged_header_cells_are_named():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.merge_cells("A1:B1")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(FileRejected, match="объединены ячейки"):
        read_table(buffer.getvalue(), "events.xlsx")


def test_old_xls_is_refused_with_advice():
    with pytest.raises(FileRejected, match=r"\.xls"):
        read_table(b"\xd0\xcf\x11\xe0" + b"\0" * 600, "events.xls")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "cp1251"), (",", "utf-8"), (";", "utf-8-sig"), ("\t", "utf-8")],
)
def test_csv_in_any_usual_encoding_and_separator_imports(delimiter, encoding):
    CommitteeFactory(number=7)
    data = csv_bytes(HEADERS, [event_row(1), event_row(2)], delimiter, encoding)
    outcome = run_import(get_kind("events"), read_table(data, "events.csv"))
    assert outcome.problems == []
    assert set(Event.objects.values_list("title", flat=True)) == {
        "Праздник двора № 1", "Праздник двора № 2"}


@pytest.mark.django_db
def test_missing_required_columns_are_listed():
    data = xlsx(["Дата", "Название"], [["20.05.2022", "Праздник"]])
    outcome = run_import(get_kind("events"), read_table(data))
    assert not outcome.saved
    assert "нет обязательных столбцов: «Вид», «Участников»" in str(outcome.problems[0])


@pytest.mark.django_db
def test_wrong_sheet_is_reported_as_missing_columns():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Что-то", "Другое"])
    workbook.active.title = "Сводка"
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = run_import(get_kind("events"), read_table(buffer.getvalue()))
    assert "нет обязательных столбцов" in str(outcome.problems[0])
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_header_only_file_says_there_are_no_rows():
    outcome = run_import(get_kind("events"), read_table(xlsx(HEADERS, [])))
    assert "нет ни одной строки данных" in str(outcome.problems[0])
