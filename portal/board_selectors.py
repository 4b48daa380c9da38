"""What the staff's completeness board shows, read through core.scoping.

A fixed number of aggregate queries, however many events there are: the
board's query count is pinned by tests.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractMonth

from centers.models import Center
from committees.models import DistrictCommittee, Territory
from core.models import MONTHS, MONTHS_SHORT  # noqa: F401 (views and exports read them)
from core.scoping import scope_queryset
from events.models import Event


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
        key = (
            ("committee", row["committee_id"])
            if row["committee_id"]
            else ("center", row["center_id"])
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
