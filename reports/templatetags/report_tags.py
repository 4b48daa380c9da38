from django import template

from core.scoping import may_read_report
from reports.formatting import change, number

register = template.Library()


@register.filter
def ru_number(value):
    """24 318 for numbers (see reports.formatting.number); text as it is."""
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return number(value)


@register.filter
def ru_change(figure):
    """The change of a figure against the previous year: «+12», «−3»."""
    if figure.previous is None:
        return "—"
    return change(figure.value, figure.previous)


@register.filter
def is_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@register.simple_tag
def may_see_annual_report(user) -> bool:
    """Whether to link the report: core.scoping.may_read_report, the rule
    the report's views enforce."""
    return may_read_report(user)
