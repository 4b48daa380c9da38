"""The figures of a year as an .xlsx workbook: one sheet per section."""

import io

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .document import Document
from .tables import Table

HEADER_FILL = PatternFill("solid", fgColor="EAF1F6")
BOLD = Font(bold=True)


def _link(cell, url: str) -> None:
    """The cell opens the records it counts (reports.document.drilldown_url)
    in the registry's admin; its value stays the number."""
    if url:
        cell.hyperlink = settings.SITE_URL + url
        cell.style = "Hyperlink"


def _sheet(workbook, title: str):
    # Excel allows 31 characters and no []:*?/\ in a sheet title.
    clean = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    return workbook.create_sheet(clean)


def _write_table(ws, table: Table, row: int) -> int:
    ws.cell(row, 1, table.title).font = Font(bold=True, size=12)
    row += 1
    for col, text in enumerate(table.header, 1):
        cell = ws.cell(row, col, text)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cells in table.row_cells:
        row += 1
        for col, (value, url) in enumerate(cells, 1):
            _link(ws.cell(row, col, value), url)
    if table.footer:
        row += 1
        for col, (value, url) in enumerate(table.footer_cells, 1):
            cell = ws.cell(row, col, value)
            _link(cell, url)
            cell.font = BOLD
    return row + 2


def _widths(ws, first: int = 40, other: int = 16) -> None:
    ws.column_dimensions["A"].width = first
    for col in range(2, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(col)].width = other


def _figures_sheet(workbook, doc: Document) -> None:
    ws = workbook.active
    ws.title = "Показатели"
    header = ["№", "Показатель", str(doc.year)]
    if doc.comparable:
        header += [str(doc.previous_year), "Изменение"]
    header.append("Как считается")
    title = f"Годовой отчет {doc.year}"
    if doc.report.territory is not None:
        title += f": {doc.report.territory}"
    ws.cell(1, 1, title).font = Font(bold=True, size=13)
    for col, text in enumerate(header, 1):
        cell = ws.cell(3, col, text)
        cell.font, cell.fill = BOLD, HEADER_FILL
    # The reader's row numbers 1, 2, 3 …: figure.number is docs/design.md's
    # row, an internal mapping several figures share.
    for row, figure in enumerate(doc.figures, 4):
        values = [row - 3, figure.label, figure.value]
        if doc.comparable:
            values += [figure.previous, figure.delta]
        values.append(figure.definition)
        for col, value in enumerate(values, 1):
            ws.cell(row, col, value)
        _link(ws.cell(row, 3), figure.url)
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 60
    for col in "CDE":
        ws.column_dimensions[col].width = 14
    ws.column_dimensions[get_column_letter(len(header))].width = 80
    ws.freeze_panes = "C4"


def _text_sheet(workbook, title: str, section) -> None:
    ws = _sheet(workbook, title)
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 120
    ws.cell(1, 1, "№").font = BOLD
    ws.cell(1, 2, "Текст отчета").font = BOLD
    row = 2
    for block in section.blocks:
        if block.figure:
            ws.cell(row, 1, block.figure)
        cell = ws.cell(row, 2, block.text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
        for item in block.items:
            ws.cell(row, 2, f"— {item}").alignment = Alignment(wrap_text=True)
            row += 1


def workbook_bytes(doc: Document) -> bytes:
    workbook = Workbook()
    _figures_sheet(workbook, doc)
    tables = doc.tables

    ws = _sheet(workbook, "ТОС")
    row = _write_table(ws, tables["tos"], 1)
    campaigns = Table("campaigns", "Городские акции, в которых были мероприятия", ["Акция"],
                      [[name] for name in doc.report.campaigns])
    _write_table(ws, campaigns, row)
    _widths(ws)

    ws = _sheet(workbook, "Конкурсы")
    row = 1
    if tables["applications"].rows:
        row = _write_table(ws, tables["applications"], row)
    stages = Table("stages", "Заявки по этапам (дошли до этапа не ниже)",
                   ["Конкурс", "Районный", "Городской", "Региональный", "Федеральный",
                    "Участников"])
    for item in doc.report.contests["editions"]:
        stages.rows.append([item.contest.name, *item.reached.values(), item.participants]
                           if item.reached else [item.contest.name, 0, 0, 0, 0, 0])
    row = _write_table(ws, stages, row)
    for table in tables["winners"]:
        row = _write_table(ws, table, row)
    _widths(ws, first=44, other=24)

    if tables["projects"] is not None:
        ws = _sheet(workbook, "Инициативные проекты")
        _write_table(ws, tables["projects"], 1)
        _widths(ws, first=24, other=40)

    ws = _sheet(workbook, "ЦРН")
    row = _write_table(ws, tables["centers"], 1)
    _write_table(ws, tables["prevention"], row)
    _widths(ws)

    for section in doc.sections:
        _text_sheet(workbook, f"Текст — {section.title}", section)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
