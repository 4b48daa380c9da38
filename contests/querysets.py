from django.db import models


class EditionQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(year=year)


class ApplicationQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(edition__year=year)

    def reached(self, stage: str):
        """Applications that got at least as far as the stage."""
        from .models import Application

        return self.filter(stage__in=Application.Stage.at_least(stage))


class ProjectQuerySet(models.QuerySet):
    def built_in(self, year: int):
        return self.filter(status="built", year_built=year)
