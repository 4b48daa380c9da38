"""The blank workbook of a format: headers, an example row and a sheet of
allowed values, so that a person fills in what the import accepts."""

import io

from django.db.models import Model
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from core.scoping import scope_queryset

from .columns import Choice
from .engine import ImportKind

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REFERENCE_SHEET = "Справочник"


# column key -> (model, label of a row, whether the list is the user's scope)
REFERENCES: dict[str, tuple[type[Model], object, bool]] = {}


def register_reference(key: str, model: type[Model], label, *, scoped: bool) -> None:
    """A column `key` whose values are the rows of `model` (each app names
    its own in its lookups module)."""
    REFERENCES[key] = (model, label, scoped)


def _names(user, key: str) -> list[str]:
    model, label, scoped = REFERENCES[key]
    queryset = model._default_manager.all()
    if user is not None and scoped:
        queryset = scope_queryset(user, queryset)
    return [label(obj) for obj in queryset]


def reference_lists(kind: ImportKind, user) -> list[tuple[str, list[str]]]:
    """The allowed values of each column that has a closed list."""
    lists = []
    for column in kind.columns:
        if isinstance(column.parse, Choice):
            lists.append((column.header, column.parse.labels()))
        elif column.key in REFERENCES:
            lists.append((column.header, _names(user, column.key)))
    return lists


def _example(value):
    return value if value not in (None, "") else None


def blank_workbook(kind: ImportKind, user=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind.title[:31]
    sheet.append([column.header for column in kind.columns])
    sheet.append([_example(column.example) for column in kind.columns])
    for index, column in enumerate(kind.columns, 1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=column.required)
        cell.fill = HEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(45, len(column.header) + 4))
        example = sheet.cell(row=2, column=index)
        if hasattr(column.example, "year"):
            example.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"

    reference = workbook.create_sheet(REFERENCE_SHEET)
    lists = reference_lists(kind, user)
    for index, (header, values) in enumerate(lists, 1):
        reference.cell(row=1, column=index, value=header).font = Font(bold=True)
        for row, value in enumerate(values, 2):
            reference.cell(row=row, column=index, value=value)
        reference.column_dimensions[get_column_letter(index)].width = 40
    notes = len(lists) + 2
    reference.cell(row=1, column=notes, value="Обязательные столбцы").font = Font(bold=True)
    for row, column in enumerate((c for c in kind.columns if c.required), 2):
        reference.cell(row=row, column=notes, value=column.header)
    reference.column_dimensions[get_column_letter(notes)].width = 40

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
