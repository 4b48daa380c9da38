"""The board's list of whom to call: who has not submitted a month."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from core.imports.escaping import export_cell
from returns.services import STATE_NAMES

from .board_selectors import MONTHS, BoardRow

KIND_NAMES = {"committee": "Окружной комитет ТОС", "center": "Центр по работе с населением"}


def missing_xlsx(rows: list[tuple[BoardRow, str]], year: int, month: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Не сдали отчет"
    sheet.append([f"Не сдали отчет за {MONTHS[month - 1]} {year} года"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    header = ["Вид", "Название", "Территория", "Руководитель", "Телефон", "Состояние"]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row, state in rows:
        organiser = row.organiser
        head = organiser.chair_name if row.kind == "committee" else organiser.head_name
        # Names and phones are typed by people: formula-safe like every
        # export (core/imports/escaping.py).
        values = [KIND_NAMES[row.kind], str(organiser), str(organiser.territory), head,
                  organiser.phone, STATE_NAMES[state]]
        sheet.append([export_cell(value, native=True) for value in values])
    for column, width in zip("ABCDEF", (30, 40, 24, 30, 20, 14), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
