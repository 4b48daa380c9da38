"""Workbooks and CSV files for the import tests."""

import io
import zipfile

import openpyxl


def xlsx(headers, rows, title="Лист1") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers, rows, delimiter=";", encoding="utf-8") -> bytes:
    lines = [delimiter.join(headers)]
    lines += [delimiter.join("" if v is None else str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def zip_bomb() -> bytes:
    """A small file that declares 130 MB of sheet XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b"<row/>" * (1024 * 1024 // 6)
            for _ in range(130):
                part.write(chunk)
    return buffer.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>
</worksheet>"""


def entity_bomb(valid: bytes) -> bytes:
    """A real workbook whose sheet XML declares nested entities."""
    source = zipfile.ZipFile(io.BytesIO(valid))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = BILLION_LAUGHS
            archive.writestr(entry, data)
    return buffer.getvalue()


def rewrite_part(data: bytes, name: str, change) -> bytes:
    """The workbook `data` with its part `name` replaced by change(part)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            part = source.read(entry)
            if entry.filename == name:
                part = change(part)
            archive.writestr(entry, part)
    return buffer.getvalue()
