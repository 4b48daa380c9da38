"""Building blocks shared by the registry's models."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from core.history import HistoricalQuerySet

# Meta.default_permissions of every registry model: Django's four and the
# import/export pair that the admin's import and export pages check.
REGISTRY_PERMISSIONS = ("add", "change", "delete", "view", "import", "export")

# The months' names as a list or a heading shows them, January first.
MONTHS = [
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
]
MONTHS_SHORT = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class LifespanQuerySet(HistoricalQuerySet):
    """Records that are founded on one date and may be closed on another."""

    def active_in(self, year: int):
        first, last = year_bounds(year)
        return self.filter(Q(founded__lte=last), Q(closed__isnull=True) | Q(closed__gte=first))

    def active_on(self, day: datetime.date):
        return self.filter(Q(founded__lte=day), Q(closed__isnull=True) | Q(closed__gt=day))


class Lifespan(models.Model):
    founded = models.DateField("дата создания")
    closed = models.DateField("дата прекращения деятельности", null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.closed and self.founded and self.closed < self.founded:
            raise ValidationError(
                {"closed": "Дата прекращения деятельности раньше даты создания."}
            )

    @classmethod
    def lifespan_constraint(cls, prefix: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=Q(closed__isnull=True) | Q(closed__gte=models.F("founded")),
            name=f"{prefix}_closed_after_founded",
            violation_error_message="Дата прекращения деятельности раньше даты создания.",
        )

    @property
    def period(self) -> str:
        """"с 01.03.2010" or "01.03.2010 — 31.12.2021", as lists show it."""
        if self.closed:
            return f"{self.founded:%d.%m.%Y} — {self.closed:%d.%m.%Y}"
        return f"с {self.founded:%d.%m.%Y}"

    def is_active_in(self, year: int) -> bool:
        first, last = year_bounds(year)
        return self.founded <= last and (self.closed is None or self.closed >= first)


def not_negative(prefix: str, field: str, message: str) -> models.CheckConstraint:
    """`field` is never below zero: the constraint `<prefix>_<field>_not_negative`,
    with `message` as the form's error."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0}),
        name=f"{prefix}_{field}_not_negative",
        violation_error_message=message,
    )


def related_count(model: type[models.Model], field: str) -> Coalesce:
    """The number of `model` rows whose `field` points at the outer row.

    A scalar subquery rather than Count(): the page's COUNT(*) leaves it
    out, and the database computes it only for the rows of the page, not
    by joining and grouping the whole table.
    """
    rows = (
        model._base_manager.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=models.IntegerField()), 0)


def related_values(descriptor, objs, column: str) -> dict:
    """{related key: its `column`} for the relation `descriptor` of `objs`:
    from the related objects already loaded, the rest in one query."""
    field = descriptor.field
    out, missing = {}, set()
    for obj in objs:
        key = getattr(obj, field.attname)
        if key is None:
            continue
        if field.is_cached(obj):
            out[key] = getattr(field.get_cached_value(obj), column)
        else:
            missing.add(key)
    missing -= out.keys()
    if missing:
        out.update(field.related_model._base_manager.filter(pk__in=missing)
                   .values_list("pk", column))
    return out


class StoredDerivation:
    """A queryset mixin for a model that stores columns derived from its
    relations (a model with a `derive(objs)` classmethod, e.g. an event's
    territory): bulk_create() fills them as save() does. The import
    engine's INSERTs call `derive` too (imports.sql.set_auto_values)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        self.model.derive(objs)
        return super().bulk_create(objs, *args, **kwargs)


class IndexedYears:
    """A queryset mixin for a table with an index on its date: the years
    that have rows, as the admin's date hierarchy and the report's year
    list ask for them (`dates(field, "year")`), without the DISTINCT over
    every row's year that reads the whole table (50 ms for the events at
    ten times the city). The first and last dates come from the index; a
    year between them is probed with one indexed EXISTS (none when the
    rows span two years). A filtered or searched queryset keeps Django's
    DISTINCT: its rows are found through their own index, and the date
    index walked for a MIN/MAX could pass most of the table first."""

    def dates(self, field_name, kind, order="ASC"):
        if kind != "year" or self.query.where:
            return super().dates(field_name, kind, order)
        span = self.aggregate(first=models.Min(field_name), last=models.Max(field_name))
        if span["first"] is None:
            return []
        first, last = span["first"].year, span["last"].year
        years = [datetime.date(first, 1, 1)]
        for year in range(first + 1, last):
            if self.filter(**{f"{field_name}__year": year}).exists():
                years.append(datetime.date(year, 1, 1))
        if last != first:
            years.append(datetime.date(last, 1, 1))
        return years if order == "ASC" else years[::-1]
