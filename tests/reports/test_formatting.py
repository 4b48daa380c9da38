"""Russian plural forms and number grouping in the report's sentences."""

import pytest

from reports.formatting import NBSP, change, count, number, ordinal_word, plural, roman

FORMS = ("мероприятие", "мероприятия", "мероприятий")


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (0, "мероприятий"), (1, "мероприятие"), (2, "мероприятия"), (4, "мероприятия"),
        (5, "мероприятий"), (11, "мероприятий"), (12, "мероприятий"), (14, "мероприятий"),
        (21, "мероприятие"), (22, "мероприятия"), (25, "мероприятий"), (101, "мероприятие"),
        (111, "мероприятий"), (1126, "мероприятий"), (1103, "мероприятия"),
    ],
)
def test_plural_picks_the_form_for_the_number(n, form):
    assert plural(n, *FORMS) == form


def test_numbers_are_grouped_by_non_breaking_spaces_from_five_digits():
    assert number(24318) == f"24{NBSP}318"
    assert number(1234567) == f"1{NBSP}234{NBSP}567"
    assert number(7832) == "7832"
    assert number(54) == "54"


def test_count_puts_the_number_before_its_noun():
    assert count(55123, "человек", "человека", "человек") == f"55{NBSP}123 человека"
    assert count(1, *FORMS) == "1 мероприятие"


def test_change_carries_its_sign():
    assert change(12, 10) == "+2"
    assert change(10, 12) == "−2"
    assert change(10, 10) == "0"


def test_ordinals():
    assert roman(15) == "XV"
    assert roman(6) == "VI"
    assert ordinal_word(4) == "Четвертый"
    assert ordinal_word(25) == "25-й"
