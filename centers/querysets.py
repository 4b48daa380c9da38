from django.db import models

from kemerovo_tos.models import LifespanQuerySet


class CenterQuerySet(LifespanQuerySet):
    pass


class ClubQuerySet(LifespanQuerySet):
    pass


class ReceptionQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(date__year=year)


class PreventionQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(month__year=year)
