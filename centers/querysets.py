from core.history import HistoricalQuerySet
from core.models import LifespanQuerySet


class CenterQuerySet(LifespanQuerySet):
    pass


class ClubQuerySet(LifespanQuerySet):
    pass


class ReceptionQuerySet(HistoricalQuerySet):
    def in_year(self, year: int):
        return self.filter(date__year=year)


class PreventionQuerySet(HistoricalQuerySet):
    def in_year(self, year: int):
        return self.filter(month__year=year)
