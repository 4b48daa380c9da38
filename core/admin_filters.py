"""List filters and columns shared by the registry's admin pages.

A filter's value comes from the URL, so each filter checks it: a value it
cannot use (not a number, out of range, a territory it does not offer)
lists no rows; it is never a server error.
"""

import datetime

from django.contrib import admin
from django.utils.html import format_html_join

from core.models import MONTHS, year_bounds
from core.scoping import scope_queryset


def whole_number(value, low: int, high: int) -> int | None:
    """`value` (a URL parameter) as a number in [low, high], or None: plain
    digits only, no sign, no spaces, no digits of other scripts."""
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    if len(value) > len(str(high)):
        return None
    number = int(value)
    return number if low <= number <= high else None


def year_of(value) -> int | None:
    return whole_number(value, datetime.MINYEAR, datetime.MAXYEAR)


class YearChoiceFilter(admin.SimpleListFilter):
    """A filter by a year from this one back to `first_year`; subclasses
    say which rows a year holds (`in_year`)."""

    first_year = 2017

    def lookups(self, request, model_admin):
        this_year = datetime.date.today().year
        return [(str(y), str(y)) for y in range(this_year, self.first_year - 1, -1)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        year = year_of(self.value())
        if year is None:
            return queryset.none()
        return self.in_year(queryset, year)

    def in_year(self, queryset, year: int):
        raise NotImplementedError


class ActiveInYearFilter(YearChoiceFilter):
    """Records (with founded/closed dates) active in a chosen year."""

    title = "действует в году"
    parameter_name = "active_in"

    def in_year(self, queryset, year):
        return queryset.active_in(year)


class YearFilter(YearChoiceFilter):
    """A year filter on a date field; subclasses name the field."""

    title = "год"
    parameter_name = "year"
    field = "date"

    def in_year(self, queryset, year):
        return queryset.filter(**{f"{self.field}__range": year_bounds(year)})


class LifespanColumn:
    """A "срок деятельности" column for records with founded/closed dates:
    one short column instead of two long-titled ones."""

    @admin.display(description="срок деятельности", ordering="founded")
    def period(self, obj):
        return obj.period


class MonthFilter(admin.SimpleListFilter):
    title = "месяц"
    parameter_name = "month"
    field = "date"

    def lookups(self, request, model_admin):
        return [(str(n), name) for n, name in enumerate(MONTHS, 1)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        month = whole_number(self.value(), 1, 12)
        if month is None:
            return queryset.none()
        return queryset.filter(**{f"{self.field}__month": month})


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A foreign-key filter offering only the rows the user may see: a chair
    is not shown the names of the other committees.

    Past LINKS_UP_TO choices it is a drop-down list instead of a column of
    links: nobody reads 54 committees (560 at ten times the city) down a
    sidebar, and a link built and rendered for each took most of the
    events list's time at that size."""

    LINKS_UP_TO = 20
    select_template = "admin/filter_select.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        # Django's "-" for the rows without one reads as a typo here.
        self.empty_value_display = "не указан"
        if len(self.lookup_choices) > self.LINKS_UP_TO:
            self.template = self.select_template

    def choices(self, changelist):
        if self.template != self.select_template or changelist.add_facets:
            yield from super().choices(changelist)
            return
        own = (self.lookup_kwarg, self.lookup_kwarg_isnull)
        # The other filters, search and order stay: a GET form sends them
        # again as hidden fields beside the chosen value.
        hidden = [
            (name, value)
            for name, values in changelist.filter_params.items()
            if not name.startswith(own)
            for value in values
        ]
        chosen = self.lookup_val or []
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((pk, " selected" if str(pk) in chosen else "", label)
             for pk, label in self.lookup_choices),
        )
        empty = None
        if self.include_empty_choice:
            empty = {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]),
                "display": self.empty_value_display,
            }
        yield {
            "name": self.lookup_kwarg,
            "hidden": hidden,
            "options": options,
            "any_selected": bool(chosen),
            "empty": empty,
        }

    def field_choices(self, field, request, model_admin):
        model = field.remote_field.model
        queryset = scope_queryset(request.user, model._default_manager.all())
        return [(obj.pk, str(obj)) for obj in queryset]


def year_filter(field: str) -> type[YearFilter]:
    return type("YearFilter", (YearFilter,), {"field": field})


def month_filter(field: str) -> type[MonthFilter]:
    return type("MonthFilter", (MonthFilter,), {"field": field})
