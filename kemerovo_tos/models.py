"""Building blocks shared by the registry's models."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class LifespanQuerySet(models.QuerySet):
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

    def is_active_in(self, year: int) -> bool:
        first, last = year_bounds(year)
        return self.founded <= last and (self.closed is None or self.closed >= first)
