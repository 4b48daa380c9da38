from django.db import models

from core.history import HistoricalQuerySet


class EditionQuerySet(HistoricalQuerySet):
    def in_year(self, year: int):
        return self.filter(year=year)


class ApplicationQuerySet(HistoricalQuerySet):
    def in_year(self, year: int):
        return self.filter(edition__year=year)

    def reached(self, stage: str):
        """Applications that got at least as far as the stage."""
        from .models import Application

        return self.filter(stage__in=Application.Stage.at_least(stage))


class ProjectQuerySet(HistoricalQuerySet):
    def built_in(self, year: int):
        return self.filter(status="built", year_built=year)


class ResultQuerySet(HistoricalQuerySet):
    def for_edition_page(self, edition):
        """An edition's results with everything a results page prints, in the
        order of nominations, then places, then special prizes."""
        return (
            self.filter(edition=edition)
            .select_related(
                "application__nomination",
                "application__tos_body",
                "application__committee",
                "application__center",
                "application__territory",
            )
            .order_by(
                models.F("application__nomination__order").asc(nulls_first=True),
                "application__nomination__name",
                "application__nomination__category",
                models.F("place").asc(nulls_last=True),
                "pk",  # special prizes in the order they were awarded
            )
        )
