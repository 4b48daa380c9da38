"""The columns of an import format and the parsers of their cells.

A parser turns one cell (as python-calamine or the CSV reader gives it:
str, float, int, bool, date, datetime or None) into a Python value, or
raises CellError with a Russian reason. Parsers also describe themselves
for docs/import-formats.md and the blank template.
"""

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .escaping import unescape_formula

FOLD_DROP = re.compile(r"[«»\"'№ ]")


class CellError(ValueError):
    """A cell's value is not acceptable; the message is for the user."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def squash(text: str) -> str:
    """Collapse whitespace, as people type it into cells."""
    return " ".join(str(text).split())


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    text = " ".join(text.split()).casefold().replace("ё", "е")
    return FOLD_DROP.sub("", text)


def fold(text) -> str:
    """The form in which natural keys are compared: case and spaces ignored,
    «ё» as «е», quotes and the "№" sign dropped."""
    return _fold(text if text.__class__ is str else str(text))


@dataclass(frozen=True)
class Text:
    max_length: int = 300

    def __call__(self, value):
        if type(value) is str:  # the common cell: one line of text
            text = value.strip()
            if "\n" not in text:
                if text.startswith("'"):
                    text = unescape_formula(text)
                text = " ".join(text.split())
                if len(text) > self.max_length:
                    raise CellError(f"слишком длинный текст: {len(text)} знаков, "
                                    f"допускается {self.max_length}")
                return text
        return self.parse(value)

    def parse(self, value):
        if is_blank(value):
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            value = unescape_formula(value.strip())
        text = squash(value) if not isinstance(value, str) or "\n" not in value else value
        if len(text) > self.max_length:
            raise CellError(f"слишком длинный текст: {len(text)} знаков, "
                            f"допускается {self.max_length}")
        return text

    def describe(self) -> str:
        return f"текст до {self.max_length} знаков"


@dataclass(frozen=True)
class Integer:
    minimum: int = 0
    maximum: int = 10_000_000

    def __call__(self, value):
        if is_blank(value):
            return None
        if isinstance(value, bool):
            raise CellError("ожидается число")
        if isinstance(value, float):
            if not value.is_integer():
                raise CellError(f"ожидается целое число, указано {value:g}")
            number = int(value)
        elif isinstance(value, int):
            number = value
        else:
            text = re.sub(r"\s", "", str(value)).replace(",", ".")
            try:
                number = float(text)
            except ValueError:
                raise CellError(f"ожидается число, указано «{squash(value)}»") from None
            if not number.is_integer():
                raise CellError(f"ожидается целое число, указано «{squash(value)}»")
            number = int(number)
        if number < self.minimum:
            if number < 0 <= self.minimum:
                raise CellError(f"число не может быть отрицательным: {number}")
            raise CellError(f"число должно быть не меньше {self.minimum}: {number}")
        if number > self.maximum:
            raise CellError(f"слишком большое число: {number}")
        return number

    def describe(self) -> str:
        return f"целое число от {self.minimum}"


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y")


@functools.lru_cache(maxsize=8192)
def parse_date_text(text: str) -> datetime.date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Date:
    """A date as ДД.ММ.ГГГГ or ISO (ГГГГ-ММ-ДД), or a date cell of Excel.

    Dates outside [min_year, this year + ahead] are refused: a typo such as
    2202 for 2022 would silently fall out of every yearly report.
    """

    min_year: int = 1990
    ahead: int = 1

    def __call__(self, value):
        if is_blank(value):
            return None
        if isinstance(value, datetime.datetime):
            day = value.date()
        elif isinstance(value, datetime.date):
            day = value
        else:
            text = squash(value)
            if isinstance(value, float | int):
                raise CellError(f"ожидается дата ДД.ММ.ГГГГ, указано «{text}»")
            text = text.split(" ")[0]  # "2022-05-01 00:00:00" from some exports
            day = parse_date_text(text)
            if day is None:
                raise CellError(f"ожидается дата ДД.ММ.ГГГГ, указано «{text}»")
        last = datetime.date.today().year + self.ahead
        if not self.min_year <= day.year <= last:
            raise CellError(
                f"дата {day:%d.%m.%Y} вне допустимого периода ({self.min_year}–{last} гг.)"
            )
        return day

    def describe(self) -> str:
        return "дата: ДД.ММ.ГГГГ или ГГГГ-ММ-ДД (или ячейка-дата Excel)"


@dataclass(frozen=True)
class Month(Date):
    """A month as ММ.ГГГГ, or any date in it; stored as its first day."""

    def __call__(self, value):
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(\d{1,2})[./](\d{4})\s*", value)
            if match:
                month, year = int(match[1]), int(match[2])
                if not 1 <= month <= 12:
                    raise CellError(f"нет такого месяца: «{squash(value)}»")
                value = datetime.date(year, month, 1)
        day = super().__call__(value)
        return day.replace(day=1) if day else None

    def describe(self) -> str:
        return "месяц: ММ.ГГГГ (или любая дата этого месяца)"


@dataclass(frozen=True)
class Choice:
    """One of a model's choices, by its Russian label (or its code)."""

    choices: tuple[tuple[str, str], ...]

    def __call__(self, value):
        if is_blank(value):
            return None
        code = _choice_index(self.choices).get(fold(value))
        if code is not None:
            return code
        allowed = "; ".join(label for code, label in self.choices if code)
        raise CellError(f"неизвестное значение «{squash(value)}»; допустимы: {allowed}")

    def labels(self) -> list[str]:
        return [label for code, label in self.choices if code]

    def describe(self) -> str:
        return "одно из: " + "; ".join(f"«{label}»" for label in self.labels())


@functools.lru_cache(maxsize=256)
def _choice_index(choices: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Folded label and folded code of each choice, to its code."""
    index = {}
    for code, label in choices:
        index.setdefault(fold(label), code)
        index.setdefault(fold(code), code)
    return index


YES = {"да", "1", "true", "истина", "+", "x", "х", "yes", "д"}
NO = {"нет", "0", "false", "ложь", "-", "no", "н"}


@dataclass(frozen=True)
class Boolean:
    def __call__(self, value):
        if is_blank(value):
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            value = str(int(value)) if float(value).is_integer() else str(value)
        key = squash(value).casefold()
        if key in YES:
            return True
        if key in NO:
            return False
        raise CellError(f"ожидается «да» или «нет», указано «{squash(value)}»")

    def describe(self) -> str:
        return "«да» или «нет» (пусто — нет)"


@dataclass
class Column:
    """One column of a format.

    `key` names the parsed value; `fields` are the model attributes that the
    column decides (compared and updated on re-import). `export` turns a
    saved record into the cell value.
    """

    header: str
    key: str
    parse: Callable[[Any], Any]
    required: bool = False
    fields: tuple[str, ...] | None = None
    example: Any = ""
    help: str = ""
    export: Callable[[Any], Any] | None = None
    aliases: tuple[str, ...] = ()
    # The model field whose visibility core.personal_data decides.
    personal: str = ""
    default: Any = None
    allowed: Callable[[], list[str]] | None = field(default=None, repr=False)

    def __post_init__(self):
        if self.fields is None:
            self.fields = (self.key,)

    def matches(self, header: str) -> bool:
        wanted = {fold(name) for name in (self.header, *self.aliases)}
        return fold(header.rstrip("*")) in wanted

    def describe(self) -> str:
        describe = getattr(self.parse, "describe", None)
        return describe() if describe else ""
