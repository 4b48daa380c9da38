
from core.history import HistoricalQuerySet
from core.models import IndexedYears, StoredDerivation


class EventQuerySet(IndexedYears, StoredDerivation, HistoricalQuerySet):
    def in_year(self, year: int):
        return self.filter(date__year=year)

    def by_committees(self):
        return self.filter(committee__isnull=False)

    def by_centers(self):
        return self.filter(center__isnull=False)

    def by_city(self):
        return self.filter(by_city=True)

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def in_territory(self, territory):
        return self.filter(territory=territory)

    def highlights(self):
        return self.filter(is_highlight=True)
