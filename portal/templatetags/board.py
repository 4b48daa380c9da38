"""The staff board's month cells, rendered in Python.

At 10 times the 2022 registry the board has a thousand rows of twelve
cells; as template nodes they took a second per page, here a tenth of it
(docs/performance.md).
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

MISSING = '<span class="visually-hidden">нет данных</span>—'


def _cell(cell, month):
    css = "is-missing" if cell.missing else "" if cell.due else "is-future"
    if cell.month == month:
        css += " is-current"
    text = MISSING if cell.missing else f"{cell.count:d}" if cell.due or cell.count else ""
    return f'<td data-month="{cell.month:d}" class="{css}">{text}</td>'


@register.simple_tag
def board_cells(row, month):
    """The <td> of each month of a BoardRow; `month` is the one chosen.

    Nothing in a cell comes from a user: month numbers and counts are
    integers (formatted with :d, which fails on anything else), the classes
    and the marker are the constants above; so the row is built as one
    string, without format_html's escaping of every value (a third of the
    page's time).
    """
    return mark_safe("".join(_cell(c, month) for c in row.cells))
