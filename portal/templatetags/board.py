"""The staff board's month cells, rendered in Python.

At 10 times the 2022 registry the board had a thousand rows of twelve
cells; as template nodes they took a second per page, here a tenth of it
(docs/performance.md). The board now shows a page of rows at a time.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# The text of a cell by its state (portal.board_selectors.Cell.state); a
# screen reader hears the state, the eye sees the mark and the count.
HIDDEN = '<span class="visually-hidden">{}</span>'
CLASSES = {
    "not_started": "is-missing",
    "entered": "is-entered",
    "submitted": "is-submitted",
    "not_due": "is-future",
}


def _text(cell) -> str:
    if cell.state == "not_started":
        return HIDDEN.format("не начат") + "—"
    if cell.state == "entered":
        return HIDDEN.format("внесено: ") + f"{cell.count:d}"
    if cell.state == "submitted":
        shown = "0" if cell.nothing else f"{cell.count:d}"
        return '<span aria-hidden="true">✓</span>' + HIDDEN.format("сдан: ") + shown
    return f"{cell.count:d}" if cell.count else ""


def _cell(cell, month):
    css = CLASSES[cell.state]
    if cell.month == month:
        css += " is-current"
    return (f'<td data-month="{cell.month:d}" data-state="{cell.state}" class="{css}">'
            f"{_text(cell)}</td>")


@register.simple_tag
def board_cells(row, month):
    """The <td> of each month of a BoardRow; `month` is the one chosen.

    Nothing in a cell comes from a user: month numbers and counts are
    integers (formatted with :d, which fails on anything else), the states
    are keys of CLASSES (a KeyError on anything else) and the markers are
    the constants above; so the row is built as one string, without
    format_html's escaping of every value.
    """
    return mark_safe("".join(_cell(c, month) for c in row.cells))


@register.filter
def board_cell(row, month):
    """The chosen month's cell of a row."""
    return row.cell(month)
