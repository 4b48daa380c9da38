"""Formula injection: a cell that begins with one of these characters is
run by Excel or LibreOffice as a formula. On export such text gets a
leading apostrophe; on import that apostrophe is dropped again, so an
exported file imports back unchanged.

Every export of the admin goes through `export_cell`, by way of
`EscapedExport`, the first base of every export resource: the registry's
formats (core/imports/resources.py) and the lists without one
(core/admin_base/resources.py); RegistryAdmin refuses any other.
"""

import datetime
import decimal
import re

from django.utils import timezone

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
# What openpyxl refuses in a cell (openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE):
# control characters but tab and line breaks.
ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


def unescape_formula(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(DANGEROUS_STARTS):
        return text[1:]
    return text


def export_cell(value, native: bool):
    """A value as a cell of an exported file: yes or no in words, dates as
    dates in xlsx (`native`) and as text otherwise, text formula-safe."""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):  # Excel knows no time zones
            value = timezone.make_naive(value)
        return value if native else f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, datetime.date):
        return value if native else f"{value:%d.%m.%Y}"
    if not isinstance(value, (str, int, float, decimal.Decimal)):
        value = str(value)  # a file's name, a related record's name
    if isinstance(value, str):
        value = ILLEGAL.sub("", value)
    return escape_formula(value)


class EscapedExport:
    """Mixed into an import-export resource: every cell it exports passes
    `export_cell`."""

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return export_cell(value, kwargs.get("force_native_type", False))
