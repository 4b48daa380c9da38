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
from dataclasses import dataclass, field, replace
from typing import Any

from core.models import MONTHS_SHORT

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


# An integer as people type it: ASCII digits, a sign, groups of three
# digits split by a space, a no-break space or a narrow no-break space, and a
# fraction of zeros («10,0»); nothing else is taken out or read in.
INTEGER_TEXT = re.compile(
    r"([+-]?)([0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)(?:[.,]([0-9]+))?"
)
GROUP_SPACES = re.compile(r"[ \u00a0\u202f]")


def _integer_text(value) -> int:
    """The integer a text cell holds, or a CellError saying what is wrong."""
    text = str(value).strip()
    shown = squash(value)
    match = INTEGER_TEXT.fullmatch(text)
    if match is None:
        if any(char.isdigit() and not char.isascii() for char in text):
            raise CellError(f"ожидается число обычными цифрами 0–9, указано «{shown}»")
        if re.fullmatch(r"[+-]?[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+", text):
            raise CellError(f"запись числа с порядком («{shown}») не принимается: "
                            "напишите число полностью, например 1000")
        if re.fullmatch(r"[+-]?[0-9][0-9\s]*[0-9](?:[.,][0-9]+)?", text):
            raise CellError(f"пробел внутри числа «{shown}»: пробелом можно отделять только "
                            "тройки цифр (12 345); если это два числа, оставьте одно")
        raise CellError(f"ожидается число, указано «{shown}»")
    sign, digits, fraction = match.groups()
    if fraction and fraction.strip("0"):
        raise CellError(f"ожидается целое число, указано «{shown}»")
    if fraction and len(fraction) == 3 and not GROUP_SPACES.search(digits):
        raise CellError(f"неясно, что значит «{shown}»: {digits} или {digits}{fraction}? "
                        "Напишите число без точки и запятой")
    number = int(GROUP_SPACES.sub("", digits))
    return -number if sign == "-" else number


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
            number = _integer_text(value)
        if number < self.minimum:
            if number < 0 <= self.minimum:
                raise CellError(f"число не может быть отрицательным: {number}")
            raise CellError(f"число должно быть не меньше {self.minimum}: {number}")
        if number > self.maximum:
            raise CellError(f"слишком большое число: {number}")
        return number

    def describe(self) -> str:
        return f"целое число от {self.minimum}"


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")
ACCEPTED_DATES = "ДД.ММ.ГГГГ (05.03.2022), ГГГГ-ММ-ДД (2022-03-05) или «5 марта 2022»"
# «3/5/2022» is 3 May in Russia and 5 March in a LibreOffice en-US file: a
# slash date is read only in the order the whole column fixes (Date.settle).
SLASH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})")
DAY_FIRST, MONTH_FIRST, MIXED = "dmy", "mdy", "mixed"
SLASH_READINGS = {DAY_FIRST: "день/месяц/год", MONTH_FIRST: "месяц/день/год"}
# Months in words, as in «5 марта 2022», «5 мар 2022», «05 марта 2022 г.».
MONTH_WORDS = {
    **{name: n for n, name in enumerate(
        ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
         "сентября", "октября", "ноября", "декабря"], 1)},
    **{name: n for n, name in enumerate(MONTHS_SHORT, 1)},
    "февр": 2, "сент": 9, "нояб": 11,
}
WORDS_DATE = re.compile(r"([0-9]{1,2}) ([а-я]+)\.? ([0-9]{4})(?: ?(?:г|года?)\.?)?")


@functools.lru_cache(maxsize=8192)
def parse_date_text(text: str) -> datetime.date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    match = WORDS_DATE.fullmatch(text.casefold().replace("ё", "е"))
    if match and match[2] in MONTH_WORDS:
        try:
            return datetime.date(int(match[3]), MONTH_WORDS[match[2]], int(match[1]))
        except ValueError:
            return None
    return None


def _slash_parts(text: str) -> tuple[int, int, int] | None:
    match = SLASH_DATE.fullmatch(text)
    if match is None:
        return None
    year = int(match[3])
    if len(match[3]) == 2:  # as strptime's %y
        year += 1900 if year >= 69 else 2000
    return int(match[1]), int(match[2]), year


def _slash_date(parts: tuple[int, int, int], order: str) -> datetime.date | None:
    first, second, year = parts
    day, month = (first, second) if order == DAY_FIRST else (second, first)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Date:
    """A date as ДД.ММ.ГГГГ, ISO (ГГГГ-ММ-ДД), in words («5 марта 2022») or a
    date cell of Excel; a slash date only in the order its file fixes.

    Dates outside [min_year, this year + ahead] are refused: a typo such as
    2202 for 2022 would silently fall out of every yearly report.
    """

    min_year: int = 1990
    ahead: int = 1
    # How this file writes slash dates (settle): DAY_FIRST, MONTH_FIRST,
    # MIXED (cells fix both orders), or "" (nothing fixes the order).
    slash: str = ""

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
                raise CellError(f"ожидается дата {ACCEPTED_DATES}, указано «{text}»")
            day = self.parse_text(text)
        last = datetime.date.today().year + self.ahead
        if not self.min_year <= day.year <= last:
            raise CellError(
                f"дата {day:%d.%m.%Y} вне допустимого периода ({self.min_year}–{last} гг.)"
            )
        return day

    def parse_text(self, text: str) -> datetime.date:
        day = parse_date_text(text)
        if day is None and " " in text:
            day = parse_date_text(text.split(" ")[0])  # "2022-05-01 00:00:00"
        if day is not None:
            return day
        parts = _slash_parts(text)
        if parts is None:
            raise CellError(f"ожидается дата {ACCEPTED_DATES}, указано «{text}»")
        first, second, _year = parts
        order = self.slash if self.slash in SLASH_READINGS else DAY_FIRST
        day = _slash_date(parts, order)
        if day is None:
            raise CellError(f"нет такой даты: «{text}»")
        if first == second or self.slash in SLASH_READINGS:
            return day
        if self.slash == MIXED:
            raise CellError(
                f"дата «{text}» записана с косой чертой, а в этом столбце такие даты "
                "записаны то как день/месяц/год, то как месяц/день/год; запишите даты "
                f"как {ACCEPTED_DATES}")
        raise CellError(
            f"дата «{text}» неоднозначна: {first} — это день или месяц? Запишите ее "
            f"как {ACCEPTED_DATES}")

    def settle(self, cells) -> tuple["Date", str]:
        """This parser for one file's column, and a notice for the user.

        A slash date is read day first or month first only when the column
        fixes the order: some cell has a part over 12, and no cell
        contradicts it. Otherwise slash dates whose parts differ are refused."""
        day_first = month_first = True
        evidence = ""
        for cell in cells:
            if cell.__class__ is not str or "/" not in cell:
                continue
            parts = _slash_parts(cell.strip())
            if parts is None:
                continue
            first, second, _year = parts
            if first > 12:
                month_first = False
                evidence = evidence or cell.strip()
            if second > 12:
                day_first = False
                evidence = evidence or cell.strip()
        if day_first and month_first:  # nothing fixes the order
            return self, ""
        if not day_first and not month_first:
            return replace(self, slash=MIXED), ""
        order = DAY_FIRST if day_first else MONTH_FIRST
        example = _slash_date(_slash_parts(evidence), order)
        shown = f" ({example:%d.%m.%Y})" if example else ""
        return replace(self, slash=order), (
            f"даты с косой чертой прочитаны как {SLASH_READINGS[order]}, потому что в "
            f"столбце есть «{evidence}»{shown}; проверьте, что это верно")

    def describe(self) -> str:
        return "дата: ДД.ММ.ГГГГ, ГГГГ-ММ-ДД или «5 марта 2022» (или ячейка-дата Excel)"


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

    def for_file(self, rows: list[list], index: int) -> tuple[Callable[[Any], Any], str]:
        """The parser of this column for one file whose cells are
        `row[index]` of `rows`, and a notice for the user ("" if none): a
        parser with a `settle(cells)` method (Date) reads the whole column
        first, to fix what a single cell cannot (the order of slash dates)."""
        settle = getattr(self.parse, "settle", None)
        if settle is None:
            return self.parse, ""
        return settle(row[index] for row in rows)
