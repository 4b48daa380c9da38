"""The staff board's month cells, rendered in Python.

At 10 times the 2022 registry the board has a thousand rows of twelve
cells; as template nodes they took a second per page, here a tenth of it
(docs/performance.md).
"""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

MISSING = mark_safe('<span class="visually-hidden">нет данных</span>—')


def _cell(cell, month):
    css = "is-missing" if cell.missing else "" if cell.due else "is-future"
    if cell.month == month:
        css += " is-current"
    text = MISSING if cell.missing else cell.count if cell.due or cell.count else ""
    return cell.month, css, text


@register.simple_tag
def board_cells(row, month):
    """The <td> of each month of a BoardRow; `month` is the one chosen."""
    return format_html_join(
        "", '<td data-month="{}" class="{}">{}</td>', (_cell(c, month) for c in row.cells)
    )
