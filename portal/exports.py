"""The board's list of who has not entered data, as a spreadsheet."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .board_selectors import MONTHS, BoardRow

KIND_NAMES = {"committee": "Окружной комитет ТОС", "center": "Центр по работе с населением"}


def missing_xlsx(rows: list[BoardRow], year: int, month: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Не внесли данные"
    sheet.append([f"Не внесли данные за {MONTHS[month - 1]} {year} года"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    header = ["Вид", "Название", "Территория", "Руководитель", "Телефон", "Всего за год"]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        organiser = row.organiser
        head = organiser.chair_name if row.kind == "committee" else organiser.head_name
        sheet.append(
            [
                KIND_NAMES[row.kind],
                str(organiser),
                str(organiser.territory),
                head,
                organiser.phone,
                row.total,
            ]
        )
    for column, width in zip("ABCDEF", (30, 40, 24, 30, 20, 14), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
