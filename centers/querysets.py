import datetime

from django.db.models import F, FilteredRelation, Q
from django.db.models.functions import Coalesce

from core.history import HistoricalQuerySet
from core.models import LifespanQuerySet


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


# A club's members in the year given to ClubQuerySet.of_year(): that year's
# own count, else the club's count kept before counts were kept per year.
YEAR_MEMBERS = Coalesce(F("this_year__members"), F("members"))


class CenterQuerySet(LifespanQuerySet):
    pass


class ClubQuerySet(LifespanQuerySet):
    def of_year(self, year: int):
        """Clubs with their count of `year` joined (one LEFT JOIN), to be
        read as YEAR_MEMBERS."""
        return self.alias(this_year=FilteredRelation("years", condition=Q(years__year=year)))


class ReceptionQuerySet(HistoricalQuerySet):
    def in_year(self, year: int):
        return self.filter(date__year=year)

    def in_month(self, month: datetime.date):
        """Receptions of the month starting on `month` (a range, so the
        date index serves it)."""
        return self.filter(date__gte=month, date__lt=next_month(month))


class PreventionQuerySet(HistoricalQuerySet):
    def in_year(self, year: int):
        return self.filter(month__year=year)
