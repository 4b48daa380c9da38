"""Cells as clerks and their programs write them (issue 20, items 1–4 and
8–10): what would be imported wrong is refused with a Russian message that
names the cell, what is unambiguous is read, and the reading is said."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command

from contests.models import InitiativeProject
from core.imports.blank import blank_workbook
from core.imports.columns import CellError, Date, Integer
from core.imports.engine import Context, run_import
from core.imports.files import FileRejected, read_table
from core.imports.registry import get_kind
from events.models import Event
from tests.factories import CommitteeFactory, ProgramFactory, TerritoryFactory

from .books import csv_bytes, rewrite_part, xlsx

HEADERS = ["Дата", "Название", "Вид", "Окружной комитет", "Участников"]
SHEET = "xl/worksheets/sheet1.xml"


def row(n, date="20.05.2022", participants=10):
    return [date, f"Праздник двора № {n}", "Субботник", 7, participants]


def events_csv(rows, **kwargs) -> bytes:
    return csv_bytes(HEADERS, rows, **kwargs)


# 1. Merged data cells


def test_a_value_merged_over_data_rows_is_refused_naming_the_range():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(row(1))
    sheet.append(["21.05.2022", "Праздник двора № 2", None, 7, 12])
    sheet.append(["22.05.2022", "Праздник двора № 3", None, 7, 14])
    sheet.merge_cells("C2:C4")  # one «Субботник» for three rows
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(FileRejected) as refused:
        read_table(buffer.getvalue(), "events.xlsx")
    message = str(refused.value)
    assert "C2:C4" in message
    assert "Разъедините ячейки и заполните значение в каждой строке" in message


def test_merged_empty_cells_beside_the_table_are_harmless():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(row(1))
    sheet.merge_cells("G5:H9")  # empty, right of the table
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(read_table(buffer.getvalue(), "events.xlsx").rows) == 1


# 2. Slash dates


@pytest.mark.django_db
def test_an_ambiguous_slash_date_is_refused_naming_the_accepted_forms():
    CommitteeFactory(number=7)
    data = events_csv([row(1, date="3/5/2022")])
    outcome = run_import(get_kind("events"), read_table(data, "events.csv"))
    assert not outcome.saved and not Event.objects.exists()
    [problem] = outcome.problems
    assert problem.column == "Дата"
    assert "«3/5/2022» неоднозначна" in problem.message
    assert "ДД.ММ.ГГГГ (05.03.2022)" in problem.message


@pytest.mark.django_db
def test_slash_dates_fixed_by_the_file_are_read_and_the_reading_is_said():
    # A LibreOffice en-US CSV: 3/25/2022 can only be month first.
    CommitteeFactory(number=7)
    data = events_csv([row(1, date="3/5/2022"), row(2, date="3/25/2022")])
    outcome = run_import(get_kind("events"), read_table(data, "events.csv"))
    assert outcome.problems == []
    assert sorted(Event.objects.values_list("date", flat=True)) == [
        datetime.date(2022, 3, 5), datetime.date(2022, 3, 25)]
    [notice] = outcome.notices
    assert "Столбец «Дата»" in notice
    assert "месяц/день/год" in notice and "«3/25/2022» (25.03.2022)" in notice


@pytest.mark.django_db
def test_slash_dates_in_both_orders_are_refused():
    CommitteeFactory(number=7)
    data = events_csv([row(1, date="25/3/2022"), row(2, date="3/25/2022"),
                       row(3, date="3/5/2022")])
    outcome = run_import(get_kind("events"), read_table(data, "events.csv"))
    assert not Event.objects.exists()
    assert [p.row for p in outcome.problems] == [2, 3, 4]
    assert "то как день/месяц/год, то как месяц/день/год" in outcome.problems[0].message


@pytest.mark.django_db
def test_the_command_prints_the_reading_of_slash_dates(tmp_path, capsys):
    CommitteeFactory(number=7)
    path = tmp_path / "events.csv"
    path.write_bytes(events_csv([row(1, date="13/5/2022"), row(2, date="3/5/2022")]))
    call_command("import_xlsx", "events", str(path), verbosity=0)
    out = capsys.readouterr().out
    assert "прочитаны как день/месяц/год" in out
    assert set(Event.objects.values_list("date", flat=True)) == {
        datetime.date(2022, 5, 13), datetime.date(2022, 5, 3)}


# 3. Numbers


@pytest.mark.parametrize(("text", "number"), [
    ("12 345", 12345), ("12\u00a0345", 12345), ("12\u202f345", 12345),
    ("1 234 567", 1234567), (" 15 ", 15), ("10,0", 10), ("40.00", 40),
])
def test_a_thousands_separator_and_a_zero_fraction_are_read(text, number):
    assert Integer()(text) == number


@pytest.mark.parametrize(("text", "reason"), [
    ("5 5", "тройки цифр"),
    ("12 15", "тройки цифр"),
    ("1e3", "с порядком"),
    ("\u0661\u0662", "цифрами 0–9"),  # Arabic-Indic 12
    ("\uff11\uff12", "цифрами 0–9"),  # fullwidth 12
    ("1,000", "неясно"),
    ("12,5", "целое число"),
])
def test_a_number_that_would_be_read_wrong_is_refused(text, reason):
    with pytest.raises(CellError, match=reason):
        Integer()(text)


@pytest.mark.django_db
def test_two_numbers_in_one_cell_are_not_glued_together():
    CommitteeFactory(number=7)
    data = events_csv([row(1, participants="12 15")])
    outcome = run_import(get_kind("events"), read_table(data, "events.csv"))
    assert [(p.row, p.column) for p in outcome.problems] == [(2, "Участников")]
    assert not Event.objects.exists()


# 4. A byte-order mark before bytes that are not UTF-8


def test_a_bom_before_invalid_utf8_is_refused():
    data = b"\xef\xbb\xbf" + events_csv([row(1)]) + b"\xd0\x9f\xff\xfe;\r\n"
    with pytest.raises(FileRejected, match="UTF-8") as refused:
        read_table(data, "events.csv")
    assert "строке 3" in str(refused.value)


def test_bytes_of_no_known_encoding_are_refused_not_replaced():
    data = events_csv([row(1)], encoding="cp1251") + b"\x98;\r\n"  # 0x98: not cp1251
    with pytest.raises(FileRejected, match="Windows-1251"):
        read_table(data, "events.csv")


# 8. NUL and control characters


def test_a_nul_after_the_first_4_kb_is_refused_naming_row_and_column():
    rows = [row(n) for n in range(1, 200)]
    rows[150][1] = "Праздник\x00двора"
    data = events_csv(rows)
    assert data.index(b"\x00") > 4096
    with pytest.raises(FileRejected) as refused:
        read_table(data, "events.csv")
    assert "строка 152, столбец «Название» (B)" in str(refused.value)
    assert "U+0000 (NUL)" in str(refused.value)


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f"])
def test_control_characters_in_a_csv_are_refused(char):
    data = events_csv([row(1), ["20.05.2022", f"Праздник{char}", "Субботник", 7, 10]])
    with pytest.raises(FileRejected, match="строка 3, столбец «Название»"):
        read_table(data, "events.csv")


def test_tab_and_line_breaks_in_a_text_cell_are_kept():
    data = events_csv([row(1)]).replace(
        "Праздник двора № 1".encode(), '"Праздник\tдвора\r\nи улицы"'.encode())
    [cells] = read_table(data, "events.csv").rows
    assert cells[1] == "Праздник\tдвора\r\nи улицы"


def test_control_characters_in_an_xlsx_are_refused():
    # Excel writes a control character as _x0007_; calamine decodes it.
    data = rewrite_part(xlsx(HEADERS, [row(1), row(2)]), SHEET,
                        lambda part: part.replace("двора № 2".encode(), b"_x0007_ 2"))
    with pytest.raises(FileRejected, match=r"строка 3, столбец «Название» \(B\): "
                                           "недопустимый управляющий символ U\\+0007"):
        read_table(data, "events.xlsx")


# 9. A DOCTYPE anywhere in any XML part


@pytest.mark.parametrize("part", [SHEET, "docProps/core.xml"])
def test_a_doctype_after_padding_is_found(part):
    def pad(xml):  # openpyxl writes no XML declaration: the root comes first
        padding = b"<!--" + b" " * 8000 + b"-->"
        return padding + b'<!DOCTYPE x [<!ENTITY a "b">]>' + xml

    data = rewrite_part(xlsx(HEADERS, [row(1)]), part, pad)
    with pytest.raises(FileRejected, match="XML-сущностей"):
        read_table(data, "events.xlsx")


def test_a_broken_xml_part_is_refused():
    data = rewrite_part(xlsx(HEADERS, [row(1)]), SHEET, lambda xml: xml[:-40])
    with pytest.raises(FileRejected, match="не является правильным XML"):
        read_table(data, "events.xlsx")


# 10. Messages and encodings


def test_a_csv_cell_over_128_kb_gets_a_russian_message():
    data = events_csv([row(1), ["20.05.2022", "я" * 140_000, "Субботник", 7, 10]])
    with pytest.raises(FileRejected) as refused:
        read_table(data, "events.csv")
    message = str(refused.value)
    assert "в строке 3 ячейка длиннее 131\u00a0072 знаков (128 КБ)" in message
    assert "field" not in message


def test_an_unclosed_quote_gets_a_russian_message():
    data = events_csv([row(1), row(2)]).replace(b"\r\n20.05.2022;", b'\r\n"20.05.2022;', 1)
    with pytest.raises(FileRejected) as refused:
        read_table(data, "events.csv")
    assert "в строке 2 открыта кавычка, которая не закрыта до конца файла" in str(
        refused.value)


def test_a_megabyte_cell_in_an_xlsx_is_called_a_long_cell_not_a_bomb():
    data = rewrite_part(xlsx(HEADERS, [row(1)]), SHEET,
                        lambda xml: xml.replace("Праздник двора № 1".encode(),
                                                b"x" * 1024 * 1024))
    with pytest.raises(FileRejected) as refused:
        read_table(data, "events.xlsx")
    message = str(refused.value)
    assert "небезопасный" not in message
    assert ("строка 2, столбец «Название» (B): в ячейке 1\u00a0048\u00a0576 знаков, а в "
            "одной ячейке допускается не больше 131\u00a0072 (128 КБ)") in message


@pytest.mark.django_db
def test_excel_unicode_text_utf16_with_tabs_is_read():
    CommitteeFactory(number=7)
    text = "\r\n".join("\t".join(map(str, cells)) for cells in [HEADERS, row(1), row(2)])
    data = b"\xff\xfe" + text.encode("utf-16-le")
    outcome = run_import(get_kind("events"), read_table(data, "events.txt"))
    assert outcome.problems == []
    assert Event.objects.count() == 2


@pytest.mark.parametrize("text", [
    "5 марта 2022", "5 мар 2022", "05 марта 2022 г.", "5 Марта 2022 года", "5 мар. 2022",
])
def test_a_date_in_words_is_read(text):
    assert Date()(text) == datetime.date(2022, 3, 5)


def test_a_date_not_understood_is_quoted_whole():
    with pytest.raises(CellError, match="указано «5 мартобря 2022»"):
        Date()("5 мартобря 2022")


@pytest.mark.django_db
def test_the_projects_templates_own_example_row_imports():
    ProgramFactory()
    TerritoryFactory(name="Кировский район")  # as in the city's registry
    kind = get_kind("projects")
    outcome = run_import(kind, read_table(blank_workbook(kind), "", kind.title))
    assert outcome.problems == []
    assert InitiativeProject.objects.get().territory.name == "Кировский район"


@pytest.mark.django_db
def test_a_district_is_found_without_the_word_district_unless_ambiguous():
    from committees import lookups

    kirov = TerritoryFactory(name="Кировский район")
    ctx = Context(None)
    lookups.load_territories(ctx)
    assert lookups.territory(ctx, "Кировский", "Территория") == kirov
    named = TerritoryFactory(name="Кировский")
    ctx = Context(None)
    lookups.load_territories(ctx)
    assert lookups.territory(ctx, "Кировский", "Территория") == named
    assert lookups.territory(ctx, "Кировский район", "Территория") == kirov
