"""List filters and columns shared by the registry's admin pages."""

import datetime

from django.contrib import admin
from django.db.models import Q

from accounts.scoping import scope_queryset


class ActiveInYearFilter(admin.SimpleListFilter):
    """Records (with founded/closed dates) active in a chosen year."""

    title = "действует в году"
    parameter_name = "active_in"
    first_year = 2017

    def lookups(self, request, model_admin):
        this_year = datetime.date.today().year
        return [(str(y), str(y)) for y in range(this_year, self.first_year - 1, -1)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            year = int(self.value())
        except ValueError:
            return queryset.none()
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return queryset.filter(Q(founded__lte=last), Q(closed__isnull=True) | Q(closed__gte=first))


class LifespanColumn:
    """A "срок деятельности" column for records with founded/closed dates:
    one short column instead of two long-titled ones."""

    @admin.display(description="срок деятельности", ordering="founded")
    def period(self, obj):
        return obj.period


class YearFilter(admin.SimpleListFilter):
    """A year filter on a date field; subclasses name the field."""

    title = "год"
    parameter_name = "year"
    field = "date"
    first_year = 2017

    def lookups(self, request, model_admin):
        this_year = datetime.date.today().year
        return [(str(y), str(y)) for y in range(this_year, self.first_year - 1, -1)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            year = int(self.value())
        except ValueError:
            return queryset.none()
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return queryset.filter(**{f"{self.field}__range": (first, last)})


MONTHS = [
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
]


class MonthFilter(admin.SimpleListFilter):
    title = "месяц"
    parameter_name = "month"
    field = "date"

    def lookups(self, request, model_admin):
        return [(str(n), name) for n, name in enumerate(MONTHS, 1)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            month = int(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(**{f"{self.field}__month": month})


class TerritoryFilter(admin.SimpleListFilter):
    """Territory through a path (one or more, OR-ed) from the listed model."""

    title = "территория"
    parameter_name = "territory"
    paths: tuple[str, ...] = ("territory",)

    def lookups(self, request, model_admin):
        from committees.models import Territory

        return [(str(t.pk), t.name) for t in Territory.objects.all()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        q = Q()
        for path in self.paths:
            q |= Q(**{f"{path}_id": self.value()})
        return queryset.filter(q)


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A foreign-key filter offering only the rows the user may see: a chair
    is not shown the names of the other committees."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        # Django's "-" for the rows without one reads as a typo here.
        self.empty_value_display = "не указан"

    def field_choices(self, field, request, model_admin):
        model = field.remote_field.model
        queryset = scope_queryset(request.user, model._default_manager.all())
        return [(obj.pk, str(obj)) for obj in queryset]


def territory_filter(*paths: str) -> type[TerritoryFilter]:
    return type("TerritoryFilter", (TerritoryFilter,), {"paths": paths})


def year_filter(field: str) -> type[YearFilter]:
    return type("YearFilter", (YearFilter,), {"field": field})


def month_filter(field: str) -> type[MonthFilter]:
    return type("MonthFilter", (MonthFilter,), {"field": field})
