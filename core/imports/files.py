"""Reading an uploaded spreadsheet safely: limits first, then the parser.

An .xlsx is a zip of XML parts. Everything that can be refused cheaply is
refused before a parser sees the bytes: the file's size, the number of zip
entries and their declared uncompressed sizes (a zip bomb), and a DTD in
any XML part, found by parsing every part whole with defusedxml
(forbid_dtd: an entity bomb or an external entity; calamine's XML reader
never expands entities, but a DTD has no business in a workbook). Then
python-calamine reads the sheet, which is several times faster than openpyxl.

What the reader gives is checked before any parser of a column sees it:
merged cells in the data (a merged value stays in its first cell only, the
rows below it would be saved empty), cells longer than MAX_CELL_CHARS and
control characters (a NUL is refused by PostgreSQL, a BEL or an ESC is
never meant). A CSV is decoded strictly: UTF-8 (with or without its BOM),
UTF-16 with its BOM (Excel's «Текст Юникод») or Windows-1251; bytes that
are none of these are refused, never replaced.

Every failure is a FileRejected with a message in Russian for the user.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from python_calamine import CalamineWorkbook

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_ROWS = 30_000
MAX_COLUMNS = 60
MAX_ZIP_ENTRIES = 200
MAX_UNCOMPRESSED_BYTES = 120 * 1024 * 1024
MAX_COMPRESSION_RATIO = 300
# A part this large that compresses more than MAX_COMPRESSION_RATIO times is
# a bomb; a smaller one may be a sheet with one long cell of repeated text,
# refused as such after reading (MAX_CELL_CHARS).
MIN_BOMB_BYTES = 16 * 1024 * 1024
XML_CHUNK_BYTES = 64 * 1024
# The longest cell a file may hold, as the csv module's own limit (128 KB);
# a column's parser has its own, shorter limit.
MAX_CELL_CHARS = 128 * 1024
# Characters no cell may hold: C0 controls but tab and line breaks, DEL and
# C1 controls. A NUL would fail at PostgreSQL's COPY.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Cells named in one refusal, the rest counted.
MAX_NAMED_CELLS = 10
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
            entry.file_size > MIN_BOMB_BYTES
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
            if "content.xml" in names:  # OpenDocument: what LibreOffice saves by default
                raise FileRejected(
                    "Это таблица LibreOffice (.ods), а загружаются книги Excel (.xlsx) и "
                    "CSV. В LibreOffice: «Файл» → «Сохранить как…» → тип «Книга Excel "
                    "2007-365 (.xlsx)», и загрузите ее."
                )
            raise FileRejected("Файл не является книгой Excel (.xlsx).")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                check_xml_part(archive, entry)


class _Discard:
    """A parser target that keeps nothing: the part is only checked."""

    def close(self):
        return None


def check_xml_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Parse one XML part whole, as it is unpacked, with defusedxml
    forbidding a DTD, entity declarations and external references: a
    DOCTYPE anywhere in the part is found, not only in its first bytes.
    Nothing is built (the target keeps nothing, expat's default handler is
    off), so a 12 MB sheet is checked in a few hundredths of a second."""
    parser = DefusedXMLParser(target=_Discard(), forbid_dtd=True)
    parser.parser.DefaultHandlerExpand = None
    try:
        with archive.open(entry) as part:
            while chunk := part.read(XML_CHUNK_BYTES):
                parser.feed(chunk)
        parser.close()
    except DefusedXmlException as error:
        raise FileRejected(
            "Книга Excel содержит объявления XML-сущностей (DOCTYPE): "
            "файл отклонен как небезопасный."
        ) from error
    except ParseError as error:
        raise FileRejected(
            f"Файл поврежден: часть книги «{entry.filename}» не является правильным XML."
        ) from error
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
        raise FileRejected("Файл поврежден: не удалось распаковать книгу.") from error


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


def _table(raw_rows, sheet: str, check_cells: bool = True) -> Table:
    """Split raw rows into the header row and the data rows below it; each
    kept row's cells are checked (_check_cells) unless the caller knows
    they are clean."""
    check = _check_cells if check_cells else _no_check
    rows = iter(enumerate(raw_rows, 1))
    bad: list[str] = []
    for number, row in rows:
        if not _is_empty(row):
            headers = [_clean_header(value) for value in row]
            check(row, number, [], bad)
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
        check(row, number, headers, bad)
        table.rows.append(row)
        table.numbers.append(number)
    if bad:
        raise FileRejected(_bad_cells_message(bad))
    return table


def _check_cells(row, number: int, headers: list[str], bad: list[str]) -> None:
    """Note in `bad` each text cell of `row` too long or holding a control
    character. The row's text is checked at once; only a row that fails is
    looked at cell by cell."""
    texts = [value for value in row if value.__class__ is str]
    joined = "\n".join(texts)
    if len(joined) <= MAX_CELL_CHARS and CONTROL_CHARS.search(joined) is None:
        return
    for index, value in enumerate(row):
        if value.__class__ is not str:
            continue
        where = f"строка {number}, столбец {_column_name(headers, index)}"
        if len(value) > MAX_CELL_CHARS:
            bad.append(f"{where}: в ячейке {_count(len(value))} знаков, а в одной ячейке "
                       f"допускается не больше {_count(MAX_CELL_CHARS)} "
                       f"({MAX_CELL_CHARS // 1024} КБ)")
        elif (found := CONTROL_CHARS.search(value)) is not None:
            bad.append(f"{where}: недопустимый управляющий символ {_char_name(found[0])}")


def _no_check(row, number: int, headers: list[str], bad: list[str]) -> None:
    return None


def _column_name(headers: list[str], index: int) -> str:
    letters = _column_letters(index + 1)
    if index < len(headers) and headers[index]:
        return f"«{headers[index]}» ({letters})"
    return letters


def _count(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


def _char_name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    return f"{code} (NUL)" if char == "\x00" else code


def _bad_cells_message(bad: list[str]) -> str:
    named = "; ".join(bad[:MAX_NAMED_CELLS])
    rest = len(bad) - MAX_NAMED_CELLS
    more = f"; и еще в {rest} ячейк{_plural(rest, 'е', 'ах', 'ах')}" if rest > 0 else ""
    advice = []
    if any("символ" in line for line in bad):
        advice.append("управляющие символы (кроме табуляции и переноса строки) в таблице "
                      "не допускаются, удалите их")
    if any("знаков" in line for line in bad):
        advice.append("сократите текст слишком длинных ячеек")
    return f"Файл не принят: {named}{more}. Исправьте файл: {'; '.join(advice)}."


def _plural(number: int, one: str, few: str, many: str) -> str:
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


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
    check_merged_data(raw, merged, header, len(table.headers), name)
    return table


def _range_name(start: tuple[int, int], end: tuple[int, int]) -> str:
    return (f"{_column_letters(start[1] + 1)}{start[0] + 1}:"
            f"{_column_letters(end[1] + 1)}{end[0] + 1}")


def check_merged_data(raw, merged, header: int, width: int, sheet: str) -> None:
    """Refuse merged cells holding a value below the header: the reader
    gives the value to the first cell only, so the other rows (or columns)
    of the range would be saved empty. Guessing that the value was meant
    for every row is not safe either; the clerk unmerges and fills."""
    ranges = []
    for start, end in merged:
        if start[0] <= header or start[1] >= width:
            continue
        row = raw[start[0]] if start[0] < len(raw) else []
        value = row[start[1]] if start[1] < len(row) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        ranges.append(_range_name(start, end))
    if ranges:
        names = ", ".join(ranges[:MAX_NAMED_CELLS])
        if len(ranges) > MAX_NAMED_CELLS:
            names += f" и еще {len(ranges) - MAX_NAMED_CELLS}"
        several = len(ranges) > 1
        raise FileRejected(
            f"На листе «{sheet}» объединены ячейки с данными: {names}. Значение "
            f"объединенн{'ых ячеек' if several else 'ой ячейки'} хранится только в первой "
            "ячейке, остальные ячейки диапазона были бы загружены пустыми. Разъедините "
            "ячейки и заполните значение в каждой строке."
        )


def _header_row_index(raw_rows) -> int:
    for index, row in enumerate(raw_rows):
        if not _is_empty(row):
            return index
    return -1


UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _undecodable(data: bytes, error: UnicodeDecodeError, what: str) -> FileRejected:
    line = data[:error.start].count(b"\n") + 1
    return FileRejected(
        f"Файл CSV не читается как {what}: в строке {line} файла есть байты, которые "
        "не являются текстом в этой кодировке (файл поврежден или сохранен в другой "
        "кодировке). Сохраните таблицу снова как «CSV UTF-8» или «CSV (разделители — "
        "точка с запятой)»."
    )


def _decode(data: bytes) -> str:
    """The text of a CSV file, decoded strictly: a byte that does not
    belong to the encoding is refused, never replaced with U+FFFD."""
    if data.startswith(UTF8_BOM):
        try:
            return data[len(UTF8_BOM):].decode("utf-8")
        except UnicodeDecodeError as error:
            raise _undecodable(data[len(UTF8_BOM):], error, "UTF-8, как заявляет его "
                               "метка кодировки (BOM)") from error
    if data.startswith(UTF16_BOMS):  # Excel's «Текст Юникод»
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _undecodable(data, error, "UTF-16, как заявляет его метка "
                               "кодировки (BOM)") from error
    if data[:4096].count(b"\x00") > 1:
        raise FileRejected("Файл не похож на таблицу CSV: в нем есть двоичные данные.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Excel in a Russian locale saves "CSV" in Windows-1251.
        return data.decode("cp1251")
    except UnicodeDecodeError as error:
        raise _undecodable(data, error, "UTF-8 или Windows-1251") from error


def _csv_rows(reader):
    """The reader's rows; its errors (in English) become a Russian refusal
    naming the row where the broken record starts."""
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileRejected(_csv_error(str(error), number)) from error
        yield row


def _csv_error(text: str, number: int) -> str:
    if "field limit" in text:
        return (f"Файл CSV не принят: в строке {number} ячейка длиннее "
                f"{_count(MAX_CELL_CHARS)} знаков ({MAX_CELL_CHARS // 1024} КБ). Возможно, "
                "в ней не закрыта кавычка, и вся остальная часть файла стала одной ячейкой.")
    if "end of data" in text:
        return (f"Файл CSV не принят: в строке {number} открыта кавычка, которая не "
                "закрыта до конца файла. Проверьте кавычки в этой строке.")
    if "expected after" in text:
        return (f"Файл CSV не принят: в строке {number} после закрывающей кавычки идут "
                "другие знаки вместо разделителя. Кавычку внутри ячейки в кавычках "
                "пишут дважды (\"\").")
    return f"Файл CSV поврежден: строка {number} не читается."


def read_csv(data: bytes) -> Table:
    check_size(data)
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    # The csv module refuses a cell over its limit (MAX_CELL_CHARS, unless
    # someone raised it) itself; cells are looked at one by one only when
    # the text holds a control character somewhere.
    check_cells = (CONTROL_CHARS.search(text) is not None
                   or csv.field_size_limit() > MAX_CELL_CHARS)
    return _table(_csv_rows(reader), "", check_cells=check_cells)


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
