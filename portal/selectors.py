"""What the portal's pages show, read through core.scoping.

Each function runs a fixed number of aggregate queries, however many
events there are: the pages' query counts are pinned by tests.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear

from contests.models import Application
from core.scoping import scope_queryset
from events.models import Event

ACTION_KINDS = [Event.Kind.ACTION, Event.Kind.CLEANUP]


def same_day_last_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Total:
    label: str
    now: int
    then: int

    @property
    def change(self) -> int:
        return self.now - self.then


def years_with_data(user, today: datetime.date) -> list[int]:
    """The years in which the user's committee or center entered events or
    applications, newest first, never after today's year. One query."""
    events = (
        scope_queryset(user, Event.objects.filter(date__lte=today))
        .annotate(year=ExtractYear("date")).order_by().values_list("year", flat=True)
    )
    applications = (
        scope_queryset(user, Application.objects.filter(submitted__lte=today))
        .annotate(year=ExtractYear("submitted")).order_by().values_list("year", flat=True)
    )
    return sorted(set(events.distinct().union(applications.distinct())), reverse=True)


def home_years(user, today: datetime.date, asked: str | None) -> tuple[int, list[int]]:
    """The year the home shows and the years its switch offers (those with
    data, and the current year). Without a valid `asked` year the home
    opens on the latest year with data, so that a committee whose records
    end in 2022 sees 2022, not an empty current year."""
    with_data = years_with_data(user, today)
    offered = sorted({*with_data, today.year}, reverse=True)
    if asked and asked.isdigit() and int(asked) in offered:
        return int(asked), offered
    return (with_data[0] if with_data else today.year), offered


def year_so_far(user, today: datetime.date, year: int | None = None) -> list[Total]:
    """The user's committee's or center's year up to today, beside last
    year up to the same date; for a past `year`, the whole year beside the
    whole year before. Two queries."""
    if year is not None and year < today.year:
        today = datetime.date(year, 12, 31)
    then = same_day_last_year(today)
    this_year = Q(date__gte=datetime.date(today.year, 1, 1), date__lte=today)
    last_year = Q(date__gte=datetime.date(then.year, 1, 1), date__lte=then)
    actions = Q(kind__in=ACTION_KINDS)
    events = scope_queryset(user, Event.objects.all()).aggregate(
        events_now=Count("pk", filter=this_year),
        events_then=Count("pk", filter=last_year),
        people_now=Coalesce(Sum("participants", filter=this_year), 0),
        people_then=Coalesce(Sum("participants", filter=last_year), 0),
        actions_now=Count("pk", filter=this_year & actions),
        actions_then=Count("pk", filter=last_year & actions),
    )
    submitted_now = Q(submitted__gte=datetime.date(today.year, 1, 1), submitted__lte=today)
    submitted_then = Q(submitted__gte=datetime.date(then.year, 1, 1), submitted__lte=then)
    applications = scope_queryset(user, Application.objects.all()).aggregate(
        now=Count("pk", filter=submitted_now), then=Count("pk", filter=submitted_then)
    )
    return [
        Total("Мероприятия", events["events_now"], events["events_then"]),
        Total("Участники", events["people_now"], events["people_then"]),
        Total("Акции и субботники", events["actions_now"], events["actions_then"]),
        Total("Заявки на конкурсы", applications["now"], applications["then"]),
    ]
