"""Filters of the chair's pages."""

from django import template

from reports.formatting import number, plural

register = template.Library()


@register.filter
def plural_count(n, forms: str) -> str:
    """`{{ n|plural_count:"орган,органа,органов" }}` -> «21 орган»."""
    one, few, many = forms.split(",")
    n = int(n or 0)
    return f"{number(n)} {plural(n, one, few, many)}"
