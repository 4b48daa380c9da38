"""What a center's portal pages show, read through core.scoping.

Each function runs a fixed number of queries however many rows the center
has: the pages' query counts are pinned by tests/scale/test_center_pages.py.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from centers.models import Center, Club, PreventionRecord, Reception, RentalItem
from centers.querysets import YEAR_MEMBERS, next_month
from core.models import MONTHS
from core.scoping import scope_queryset
from events.models import Event

MONTH_PARAM = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR = 2000


def month_title(month: datetime.date) -> str:
    """«декабрь 2022»."""
    return f"{MONTHS[month.month - 1]} {month.year}"


def previous_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def parse_month(value: str | None, today: datetime.date) -> datetime.date | None:
    """A month asked for as «2022-12», never after the current one; None
    when the value is missing or is no month."""
    match = MONTH_PARAM.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (FIRST_YEAR <= year <= today.year and 1 <= month <= 12):
        return None
    return min(datetime.date(year, month, 1), today.replace(day=1))


def parse_year(value: str | None, today: datetime.date) -> int | None:
    if not (value or "").isdigit():
        return None
    year = int(value)
    return year if FIRST_YEAR <= year <= today.year else None


def _latest(queryset, field_name: str):
    return Subquery(
        queryset.filter(center=OuterRef("pk")).order_by(f"-{field_name}").values(field_name)[:1]
    )


def center_with_latest(user, today: datetime.date) -> tuple[Center | None, datetime.date]:
    """The user's center and the latest month up to today in which it
    entered anything (an event, a reception, prevention work); the current
    month when it entered nothing yet. One query."""
    center = (
        scope_queryset(user, Center.objects.all())
        .annotate(
            last_event=_latest(Event.objects.filter(date__lte=today), "date"),
            last_reception=_latest(Reception.objects.filter(date__lte=today), "date"),
            last_prevention=_latest(PreventionRecord.objects.filter(month__lte=today), "month"),
        )
        .first()
    )
    if center is None:
        return None, today.replace(day=1)
    days = [d for d in (center.last_event, center.last_reception, center.last_prevention) if d]
    return center, (max(days) if days else today).replace(day=1)


@dataclass
class MonthSwitch:
    """The month shown and the ways to the others."""

    month: datetime.date
    today: datetime.date
    latest: datetime.date

    @property
    def title(self) -> str:
        return month_title(self.month)

    @property
    def param(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def previous(self) -> str | None:
        month = previous_month(self.month)
        return f"{month:%Y-%m}" if month.year >= FIRST_YEAR else None

    @property
    def previous_title(self) -> str:
        return month_title(previous_month(self.month))

    @property
    def next(self) -> str | None:
        month = next_month(self.month)
        return f"{month:%Y-%m}" if month <= self.today else None

    @property
    def next_title(self) -> str:
        return month_title(next_month(self.month))

    @property
    def latest_param(self) -> str | None:
        """A way back to the latest month with data, when another is shown."""
        return f"{self.latest:%Y-%m}" if self.latest != self.month else None

    @property
    def latest_title(self) -> str:
        return month_title(self.latest)

    @property
    def max_param(self) -> str:
        return f"{self.today:%Y-%m}"


@dataclass
class CenterMonth:
    """A center's month at a glance (the home)."""

    month: datetime.date
    events: int = 0
    participants: int = 0
    receptions: int = 0
    visitors: int = 0
    prevention: list = field(default_factory=list)  # (label, count or None)
    clubs: int = 0
    club_members: int = 0
    rental_items: int = 0

    @property
    def prevention_total(self) -> int:
        return sum(count or 0 for _, count in self.prevention)

    @property
    def prevention_entered(self) -> bool:
        return any(count is not None for _, count in self.prevention)


def center_month(user, month: datetime.date) -> CenterMonth:
    """Events, receptions, prevention work of the month and the clubs and
    rental stock of its year. Five queries."""
    end = next_month(month)
    out = CenterMonth(month=month)
    events = scope_queryset(user, Event.objects.filter(date__gte=month, date__lt=end))
    totals = events.aggregate(n=Count("pk"), people=Coalesce(Sum("participants"), 0))
    out.events, out.participants = totals["n"], totals["people"]
    totals = scope_queryset(user, Reception.objects.in_month(month)).aggregate(
        n=Count("pk"), people=Coalesce(Sum("visitors"), 0)
    )
    out.receptions, out.visitors = totals["n"], totals["people"]
    counts = dict(
        scope_queryset(user, PreventionRecord.objects.filter(month=month)).values_list(
            "kind", "count"
        )
    )
    out.prevention = [(label, counts.get(kind)) for kind, label in PreventionRecord.Kind.choices]
    clubs = scope_queryset(user, Club.objects.active_in(month.year).of_year(month.year))
    totals = clubs.aggregate(n=Count("pk"), people=Coalesce(Sum(YEAR_MEMBERS), 0))
    out.clubs, out.club_members = totals["n"], totals["people"]
    out.rental_items = scope_queryset(user, RentalItem.objects.all()).count()
    return out


def clubs_of_year(user, year: int):
    """The center's clubs that worked in `year`, each with `year_members`
    (that year's count, else its own) and `year_entered` (whether the year
    has a count of its own). One query."""
    return (
        scope_queryset(user, Club.objects.active_in(year).of_year(year))
        .annotate(year_members=YEAR_MEMBERS, year_entered=Count("this_year"))
        .order_by(F("closed").asc(nulls_first=True), "name")
    )


def receptions_of_month(user, month: datetime.date):
    return scope_queryset(user, Reception.objects.in_month(month)).order_by("-date", "-pk")
