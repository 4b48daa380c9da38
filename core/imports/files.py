"""Reading an uploaded spreadsheet safely: limits first, then the parser.

An .xlsx is a zip of XML parts. Everything that can be refused cheaply is
refused before a parser sees the bytes: the file's size, the number of zip
entries and their declared uncompressed sizes (a zip bomb), and a DOCTYPE in
any XML part (an entity bomb or an external entity; openpyxl with defusedxml
would refuse it too, calamine's XML reader never expands entities). Then
python-calamine reads the sheet, which is several times faster than openpyxl.

Every failure is a FileRejected with a message in Russian for the user.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from python_calamine import CalamineWorkbook

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_ROWS = 30_000
MAX_COLUMNS = 60
MAX_ZIP_ENTRIES = 200
MAX_UNCOMPRESSED_BYTES = 120 * 1024 * 1024
MAX_COMPRESSION_RATIO = 300
XML_HEAD_BYTES = 4096
# A sheet is read into a dense grid spanning its farthest cells: one stray
# cell at XFD59999 would ask for 31 GB. Cells are placed before anything is
# built (check_sheet_extent), and a sheet reaching beyond these is refused.
MAX_SHEET_ROWS = 2 * MAX_ROWS
MAX_SHEET_COLUMNS = 2 * MAX_COLUMNS

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


class FileRejected(Exception):
    """The file as a whole cannot be imported; the message is for the user."""


@dataclass
class Table:
    """The rows of one sheet: a header and the data rows under it."""

    headers: list[str]
    rows: list[list] = field(default_factory=list)
    # The spreadsheet row number of each data row, for error messages.
    numbers: list[int] = field(default_factory=list)
    sheet: str = ""


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} МБ"


def check_size(data: bytes) -> None:
    if not data:
        raise FileRejected("Файл пуст.")
    if len(data) > MAX_FILE_BYTES:
        raise FileRejected(
            f"Файл слишком большой: {_megabytes(len(data))}, допускается не больше "
            f"{_megabytes(MAX_FILE_BYTES)}. Разделите его на несколько файлов."
        )


def check_zip(data: bytes) -> None:
    """Refuse a zip bomb or an XML entity bomb before any parser runs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise FileRejected(
            "Файл поврежден или не является книгой Excel (.xlsx)."
        ) from error
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise FileRejected(
                f"Книга Excel содержит слишком много частей ({len(entries)}): "
                "файл отклонен как небезопасный."
            )
        total = sum(entry.file_size for entry in entries)
        ratio_exceeded = any(
            entry.file_size > 1024 * 1024
            and entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1)
            for entry in entries
        )
        if total > MAX_UNCOMPRESSED_BYTES or ratio_exceeded:
            raise FileRejected(
                "Книга Excel после распаковки слишком велика "
                f"({_megabytes(total)}): файл отклонен как небезопасный. "
                "Удалите пустые строки и лишние листы."
            )
        names = {entry.filename for entry in entries}
        if "xl/workbook.xml" not in names:
            raise FileRejected("Файл не является книгой Excel (.xlsx).")
        for entry in entries:
            if not entry.filename.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(entry) as part:
                    head = part.read(XML_HEAD_BYTES)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
                raise FileRejected("Файл поврежден: не удалось распаковать книгу.") from error
            if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                raise FileRejected(
                    "Книга Excel содержит объявления XML-сущностей (DOCTYPE): "
                    "файл отклонен как небезопасный."
                )


_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")
# The form Excel and LibreOffice write: the position first in every tag.
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_REF = re.compile(rb'<row r="([0-9]{1,7})"')
_PREFIXED = re.compile(rb"<\w+:(?:row|c)[\s/>]")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_extent(xml: bytes) -> tuple[int, int]:
    """The farthest row and column a sheet's XML places a cell in. Where
    every row and cell names its position (as Excel and LibreOffice write
    them) regular expressions find them at C speed; otherwise each tag is
    walked, positions without an `r` attribute taking the next place."""
    cells = _CELL_REF.findall(xml)
    rows = _ROW_REF.findall(xml)
    cell_tags = xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/>")
    row_tags = xml.count(b"<row ") + xml.count(b"<row>") + xml.count(b"<row/>")
    if (len(cells) == cell_tags and len(rows) == row_tags
            and _PREFIXED.search(xml) is None):
        letters = {letters for letters, _number in cells}
        numbers = [number for _letters, number in cells]
        return (
            max([0, *map(int, rows), *map(int, numbers)]),
            max([0, *map(_column_number, letters)]),
        )
    far_row = far_column = row = column = 0
    for match in _TAG.finditer(xml):
        ref = _REF.search(match.group(2))
        if match.group(1) == b"row":
            row = int(ref.group(2)) if ref and ref.group(2) else row + 1
            column = 0
        else:
            column = _column_number(ref.group(1)) if ref and ref.group(1) else column + 1
            if ref and ref.group(2):
                row = int(ref.group(2))
        far_row, far_column = max(far_row, row), max(far_column, column)
    return far_row, far_column


def check_sheet_extent(data: bytes) -> None:
    """Refuse a workbook whose sheets place a cell beyond MAX_SHEET_ROWS or
    MAX_SHEET_COLUMNS, before any sheet is read (the reader builds a dense
    grid up to the farthest cell)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            if not (entry.filename.startswith("xl/worksheets/")
                    and entry.filename.endswith(".xml")):
                continue
            row, column = _sheet_extent(archive.read(entry))
            if row > MAX_SHEET_ROWS or column > MAX_SHEET_COLUMNS:
                raise FileRejected(
                    f"Лист доходит до строки {row} и столбца {_column_letters(max(column, 1))}: "
                    f"заполненные ячейки далеко за пределами таблицы (можно до "
                    f"{MAX_SHEET_ROWS} строк и {MAX_SHEET_COLUMNS} столбцов). Удалите "
                    "лишние ячейки справа и снизу и сохраните файл снова."
                )


def _clean_header(value) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _is_empty(row) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def _table(raw_rows, sheet: str) -> Table:
    """Split raw rows into the header row and the data rows below it."""
    rows = iter(enumerate(raw_rows, 1))
    for _number, row in rows:
        if not _is_empty(row):
            headers = [_clean_header(value) for value in row]
            break
    else:
        raise FileRejected(f"На листе «{sheet}» нет ни заголовка, ни данных." if sheet
                           else "В файле нет ни заголовка, ни данных.")
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise FileRejected(f"Слишком много столбцов: {len(headers)}.")
    table = Table(headers=headers, sheet=sheet)
    width = len(headers)
    for number, row in rows:
        if _is_empty(row):
            continue
        if len(table.rows) >= MAX_ROWS:
            raise FileRejected(
                f"В файле больше {MAX_ROWS} строк данных. Разделите его на несколько файлов."
            )
        row = list(row[:width])
        if len(row) < width:
            row.extend([None] * (width - len(row)))
        table.rows.append(row)
        table.numbers.append(number)
    return table


def read_xlsx(data: bytes, sheet_name: str = "") -> Table:
    check_size(data)
    check_zip(data)
    check_sheet_extent(data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = workbook.sheet_names
        if not names:
            raise FileRejected("В книге Excel нет ни одного листа.")
        name = sheet_name[:31] if sheet_name[:31] in names else names[0]
        sheet = workbook.get_sheet_by_name(name)
        if sheet.height > 2 * MAX_ROWS:
            raise FileRejected(
                f"На листе «{name}» больше {MAX_ROWS} строк. Разделите файл на несколько."
            )
        merged = list(sheet.merged_cell_ranges or [])
        raw = sheet.to_python(skip_empty_area=False)
    except FileRejected:
        raise
    except Exception as error:  # calamine raises a type of its own per cause
        raise FileRejected("Файл поврежден или не является книгой Excel (.xlsx).") from error
    header = _header_row_index(raw)
    if any(start[0] <= header <= end[0] for start, end in merged):
        raise FileRejected(
            f"На листе «{name}» объединены ячейки в строке заголовков. "
            "Разъедините их: у каждого столбца должен быть свой заголовок."
        )
    table = _table(raw, name)
    return table


def _header_row_index(raw_rows) -> int:
    for index, row in enumerate(raw_rows):
        if not _is_empty(row):
            return index
    return -1


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Excel in a Russian locale saves "CSV" in Windows-1251.
        return data.decode("cp1251", errors="replace")


def read_csv(data: bytes) -> Table:
    check_size(data)
    if b"\x00" in data[:4096]:
        raise FileRejected("Файл не похож на таблицу CSV: в нем есть двоичные данные.")
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _table(reader, "")
    except csv.Error as error:
        raise FileRejected(f"Файл CSV поврежден: {error}.") from error


def read_table(data: bytes, filename: str = "", sheet_name: str = "") -> Table:
    """Read an .xlsx or a .csv, telling them apart by their content."""
    check_size(data)
    if data.startswith(ZIP_MAGIC):
        return read_xlsx(data, sheet_name)
    if data.startswith(OLE_MAGIC):
        raise FileRejected(
            "Файлы старого формата Excel (.xls) не принимаются: "
            "сохраните файл как книгу Excel (.xlsx)."
        )
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise FileRejected("Файл поврежден или не является книгой Excel (.xlsx).")
    return read_csv(data)
