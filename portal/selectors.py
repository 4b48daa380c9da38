"""What the portal's pages show, read through core.scoping.

Each function runs a fixed number of aggregate queries, however many
events there are: the pages' query counts are pinned by tests.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth

from centers.models import Center
from committees.models import DistrictCommittee, Territory
from contests.models import Application
from core.models import MONTHS, MONTHS_SHORT  # noqa: F401 (views and exports read them)
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


def year_so_far(user, today: datetime.date) -> list[Total]:
    """The user's committee's or center's year up to today, beside last
    year up to the same date. Two queries."""
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


def previous_month(today: datetime.date) -> tuple[int, int]:
    first = today.replace(day=1)
    last_month = first - datetime.timedelta(days=1)
    return last_month.year, last_month.month


@dataclass
class Cell:
    month: int
    count: int
    due: bool  # the organiser existed then and the month has begun

    @property
    def missing(self) -> bool:
        return self.due and not self.count


@dataclass
class BoardRow:
    kind: str  # "committee" or "center"
    organiser: object
    cells: list[Cell] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells)

    def cell(self, month: int) -> Cell:
        return self.cells[month - 1]


def _active_months(organiser, year: int, today: datetime.date) -> list[bool]:
    due = []
    for month in range(1, 13):
        first = datetime.date(year, month, 1)
        if month == 12:
            last = datetime.date(year, 12, 31)
        else:
            last = datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)
        due.append(
            first <= today
            and organiser.founded <= last
            and (organiser.closed is None or organiser.closed >= first)
        )
    return due


def completeness(
    user, year: int, today: datetime.date, territory_id: int | None = None
) -> list[BoardRow]:
    """Committees and centers (in the user's scope) x months of the year:
    events entered per month. Three queries: the committees, the centers,
    and one aggregate of events by organiser and month."""
    committees = scope_queryset(user, DistrictCommittee.objects.active_in(year))
    centers = scope_queryset(user, Center.objects.active_in(year))
    events = scope_queryset(user, Event.objects.in_year(year)).filter(by_city=False)
    if territory_id:
        committees = committees.filter(territory_id=territory_id)
        centers = centers.filter(territory_id=territory_id)
        events = events.in_territory(territory_id)
    counts = {}
    for row in (
        events.values("committee_id", "center_id", month=ExtractMonth("date"))
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = ("committee", row["committee_id"]) if row["committee_id"] else (
            "center", row["center_id"]
        )
        counts[key, row["month"]] = row["n"]

    rows = []
    for kind, organisers in (
        ("committee", committees.select_related("territory").order_by("number")),
        ("center", centers.select_related("territory").order_by("name")),
    ):
        for organiser in organisers:
            due = _active_months(organiser, year, today)
            rows.append(
                BoardRow(
                    kind,
                    organiser,
                    [
                        Cell(m, counts.get(((kind, organiser.pk), m), 0), due[m - 1])
                        for m in range(1, 13)
                    ],
                )
            )
    return rows


def missing_in(rows: list[BoardRow], month: int) -> list[BoardRow]:
    """The rows that entered nothing in a month they were due."""
    return [row for row in rows if row.cell(month).missing]


def territories(user):
    return scope_queryset(user, Territory.objects.all())
