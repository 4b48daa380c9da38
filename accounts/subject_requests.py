"""A person's request for the data the city holds about them (152-ФЗ,
art. 14): everything about one activist in one workbook, and the due date of
the answer (ten working days).

What is "about them": their registry row (with its TOS body and committee),
every historical version of it, what the apps above register as a subject
source (core.personal_data.register_subject_source: the contest
applications filed in their name), and the access-log entries that name
their record. Nothing about anyone else: the access log names records by id
only, and each source answers for its own rows.
"""

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from committees.models import Activist
from core.imports.escaping import export_cell
from core.personal_data import subject_sources

from .access_log import naming
from .models import AccessRecord

WORKING_DAYS_TO_ANSWER = 10

# Non-working federal holidays of the Labour Code, art. 112 (fixed dates).
# The government's yearly transfers of days off are not in it: a due date
# may come a day or two early, never late.
HOLIDAYS = {(1, day) for day in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12),
                                                 (11, 4)}


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS


def due_date(received: datetime.date, working_days: int = WORKING_DAYS_TO_ANSWER):
    """The last day to answer a request received on `received`."""
    day, left = received, working_days
    while left:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


# Every column of the activist's row but the relations (named in words).
ACTIVIST_FIELDS = [
    field.name for field in Activist._meta.concrete_fields
    if not field.is_relation
]


def _label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def _value(obj, name):
    display = getattr(obj, f"get_{name}_display", None)
    return display() if display and getattr(obj, name) else getattr(obj, name)


def subject_sheets(activist: Activist) -> list[tuple[str, list[str], list[list]]]:
    """(sheet name, header, rows) for each part of what the city holds."""
    body = activist.tos_body
    registry = [[
        *(_value(activist, name) for name in ACTIVIST_FIELDS),
        str(body), str(body.committee),
    ]]
    header = [_label(Activist, name) for name in ACTIVIST_FIELDS] + ["орган ТОС", "комитет"]

    versions = activist.history.order_by("history_date", "history_id")
    history_header = ["дата изменения", "кто изменил", "вид изменения", *header[1:-2]]
    kinds = {"+": "создана", "~": "изменена", "-": "удалена"}
    history = [
        [version.history_date, getattr(version.history_user, "username", "") or "",
         kinds.get(version.history_type, version.history_type),
         *(_value(version, name) for name in ACTIVIST_FIELDS[1:])]
        for version in versions.select_related("history_user")
    ]

    log = [
        [entry.at, entry.username, entry.get_action_display(), entry.address or "",
         entry.detail]
        for entry in AccessRecord.objects.filter(
            naming("committees.activist", activist.pk)
        ).order_by("at")
    ]
    log_header = ["время", "пользователь", "действие", "адрес", "подробности"]
    return [
        ("Реестр", header, registry),
        ("История изменений", history_header, history),
        *(source(activist) for source in subject_sources()),
        ("Журнал доступа", log_header, log),
    ]


def subject_xlsx(activist: Activist) -> bytes:
    """The workbook of subject_sheets, formula-safe like every export."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in subject_sheets(activist):
        sheet = book.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([export_cell(value, native=True) for value in row])
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 22
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
