"""Russian number words for the report's sentences: plurals, grouping, ordinals."""

NBSP = "\u00a0"

_ORDINAL_WORDS = [
    "",
    "Первый",
    "Второй",
    "Третий",
    "Четвертый",
    "Пятый",
    "Шестой",
    "Седьмой",
    "Восьмой",
    "Девятый",
    "Десятый",
    "Одиннадцатый",
    "Двенадцатый",
    "Тринадцатый",
    "Четырнадцатый",
    "Пятнадцатый",
    "Шестнадцатый",
    "Семнадцатый",
    "Восемнадцатый",
    "Девятнадцатый",
    "Двадцатый",
]


def plural(n: int, one: str, few: str, many: str) -> str:
    """The form of a noun that goes with n: 1 мероприятие, 2 мероприятия,
    5 мероприятий, 11 мероприятий, 21 мероприятие, 22 мероприятия."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def number(n: int) -> str:
    """A whole number as Russian print sets it: thousands apart by a
    non-breaking space from five digits on (24 318), four digits together
    (7832), as the seed and Russian typesetting rules do."""
    text = f"{abs(n)}"
    if len(text) > 4:
        text = f"{abs(n):,}".replace(",", NBSP)
    return f"−{text}" if n < 0 else text


def count(n: int, one: str, few: str, many: str) -> str:
    """The number with its noun: «1126 культурно-массовых мероприятий»."""
    return f"{number(n)} {plural(n, one, few, many)}"


def roman(n: int) -> str:
    """VI for the sixth spartakiad, XV for the fifteenth gathering."""
    if n <= 0:
        return str(n)
    numerals = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]
    out = []
    for value, letters in numerals:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def ordinal_word(n: int) -> str:
    """«Четвертый» (год подряд); beyond twenty, «21-й»."""
    if 0 < n < len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[n]
    return f"{n}-й"


def change(current: int, previous: int) -> str:
    """The change against the previous year: «+12», «−3», «0»."""
    delta = current - previous
    if delta > 0:
        return f"+{number(delta)}"
    return number(delta)


def quoted_list(names) -> str:
    """«Все на лыжи», «Мы с Вами» — names in Russian quotes, comma-separated."""
    return ", ".join(f"«{name}»" for name in names)


def place(result) -> str:
    """A contest result as the report names it: «3 место», or its prize."""
    return f"{result.place} место" if result.place else result.prize
