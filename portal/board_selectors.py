"""What the staff's completeness board shows, read through core.scoping.

Each month of each committee and center is in one of three states (and
«не наступил» before the organiser worked or the month began):
«не начат», «внесено» (anything of any kind: events, receptions,
prevention work) and «сдан» (the monthly return, returns.MonthlyReturn).
They come from the returns and the per-month tally (returns.MonthTally),
never from the events themselves, and the table is shown a page of
organisers at a time, so the board's cost depends neither on the number
of events nor on the number of committees: a fixed number of queries,
each reading at most a page of organisers' months (pinned by tests).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, Min, OuterRef, Q

from centers.models import Center
from committees.models import DistrictCommittee, Territory
from core.models import MONTHS, MONTHS_SHORT  # noqa: F401 (views and exports read them)
from core.scoping import scope_queryset
from returns.models import MonthlyReturn, MonthTally
from returns.services import (
    ENTERED,
    NOT_DUE,
    NOT_STARTED,
    SUBMITTED,
    is_due,
    month_end,
    state_of,
)
from returns.services import previous_month as previous_month_start

PAGE_SIZE = 50
STATES = (NOT_STARTED, ENTERED, SUBMITTED)
KINDS = (("committee", DistrictCommittee), ("center", Center))


def previous_month(today: datetime.date) -> tuple[int, int]:
    first = previous_month_start(today)
    return first.year, first.month


@dataclass
class Cell:
    month: int
    state: str
    count: int = 0  # records of every kind entered
    nothing: bool = False  # submitted as «мероприятий не было»

    @property
    def due(self) -> bool:
        return self.state != NOT_DUE

    @property
    def missing(self) -> bool:
        return self.state == NOT_STARTED


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

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.organiser.pk}"


@dataclass
class Board:
    year: int
    month: int
    counts: dict  # state -> organisers in it in the chosen month; "all"
    rows: list[BoardRow]
    page: int
    pages: int


def data_span(user, today: datetime.date) -> dict:
    """The first month with data and the latest one up to last month:
    one query on the tally's month index."""
    tallies = scope_queryset(user, MonthTally.objects.all())
    return tallies.aggregate(
        first=Min("month"), latest=Max("month", filter=Q(month__lte=previous_month_start(today)))
    )


def default_month(span: dict, today: datetime.date) -> tuple[int, int]:
    """Last month when something was entered in it (it is due); otherwise
    the latest month that has data, so that a board over old data opens on
    it and not on an empty month."""
    last = previous_month_start(today)
    latest = span["latest"]
    first = last if latest is None or latest == last else latest
    return first.year, first.month


def years(span: dict, today: datetime.date) -> list[int]:
    """From this year back to the first year with data."""
    first = span["first"].year if span["first"] else today.year
    return list(range(today.year, min(first, today.year) - 1, -1))


def _annotated(queryset, kind: str, first: datetime.date, today: datetime.date):
    """Organisers with the state of the month of `first` as annotations."""
    own = {kind: OuterRef("pk"), "month": first}
    entered = MonthTally.objects.filter(**own).filter(
        Q(events__gt=0) | Q(receptions__gt=0) | Q(prevention_records__gt=0)
    )
    submitted = MonthlyReturn.objects.filter(**own, state=MonthlyReturn.State.SUBMITTED)
    due = Q(founded__lte=month_end(first)) & (Q(closed__isnull=True) | Q(closed__gte=first))
    if first > today:
        due = Q(pk__isnull=True)  # nothing is due in a month to come
    return queryset.annotate(is_submitted=Exists(submitted), is_entered=Exists(entered)), due


def _state_q(state: str, due: Q) -> Q:
    if state == SUBMITTED:
        return Q(is_submitted=True)
    if state == ENTERED:
        return Q(is_submitted=False, is_entered=True)
    if state == NOT_STARTED:
        return Q(is_submitted=False, is_entered=False) & due
    return Q()


def organisers(user, year: int, territory_id: int | None):
    """(kind, queryset) of the committees and centers of the year in scope."""
    result = []
    for kind, model in KINDS:
        queryset = scope_queryset(user, model.objects.active_in(year))
        if territory_id:
            queryset = queryset.filter(territory_id=territory_id)
        result.append((kind, queryset))
    return result


def _cells(kind, organiser, year, today, tallies, returns) -> list[Cell]:
    cells = []
    for number in range(1, 13):
        first = datetime.date(year, number, 1)
        tally = tallies.get((kind, organiser.pk, number))
        ret = returns.get((kind, organiser.pk, number))
        state = state_of(is_due(organiser, first, today), tally, ret)
        cells.append(Cell(number, state, tally.entered if tally else 0,
                          bool(ret and state == SUBMITTED and ret.nothing_happened)))
    return cells


def board(user, year: int, month: int, today: datetime.date, *, territory_id=None,
          state: str = "", page: int = 1) -> Board:
    """The board of a year, its chosen month's counts by state, and one page
    of organisers (committees, then centers) with their twelve months."""
    first = datetime.date(year, month, 1)
    counts = dict.fromkeys((*STATES, "all"), 0)
    kinds = []
    for kind, queryset in organisers(user, year, territory_id):
        queryset, due = _annotated(queryset, kind, first, today)
        totals = queryset.aggregate(
            all=Count("pk"),
            **{s: Count("pk", filter=_state_q(s, due)) for s in STATES},
        )
        for key, value in totals.items():
            counts[key] += value
        kinds.append((kind, queryset.filter(_state_q(state, due)), totals[state or "all"]))
    shown = sum(n for _kind, _queryset, n in kinds)
    pages = max(1, -(-shown // PAGE_SIZE))
    page = min(max(page, 1), pages)
    start, rows, picked = (page - 1) * PAGE_SIZE, [], {}
    for kind, queryset, n in kinds:
        if start < n and len(rows) < PAGE_SIZE:
            order = "number" if kind == "committee" else "name"
            chosen = list(queryset.select_related("territory").order_by(order)[
                start:start + PAGE_SIZE - len(rows)])
            rows += [BoardRow(kind, o) for o in chosen]
            picked[kind] = [o.pk for o in chosen]
        start = max(0, start - n)
    tallies, returns = _months_of(picked, year)
    for row in rows:
        row.cells = _cells(row.kind, row.organiser, year, today, tallies, returns)
    return Board(year, month, counts, rows, page, pages)


def _months_of(picked: dict, year: int):
    """The tallies and returns of the year of the organisers shown: two
    queries of at most a page's organisers times twelve rows."""
    if not picked:
        return {}, {}
    where = Q(pk__in=[])
    for kind, ids in picked.items():
        where |= Q(**{f"{kind}_id__in": ids})
    found = []
    for model in (MonthTally, MonthlyReturn):
        rows = model.objects.filter(where, month__year=year)
        found.append({
            ("committee" if r.committee_id else "center", r.committee_id or r.center_id,
             r.month.month): r
            for r in rows
        })
    return found[0], found[1]


def not_submitted(user, year: int, month: int, today: datetime.date, territory_id=None):
    """Everyone due in the month whose return is not «сдан», for the
    spreadsheet of whom to call and for the reminders: [(BoardRow with the
    month's cell only, state)]."""
    first = datetime.date(year, month, 1)
    rows = []
    for kind, queryset in organisers(user, year, territory_id):
        queryset, due = _annotated(queryset, kind, first, today)
        order = "number" if kind == "committee" else "name"
        chosen = queryset.filter(Q(is_submitted=False) & due).select_related("territory")
        for organiser in chosen.order_by(order):
            state = ENTERED if organiser.is_entered else NOT_STARTED
            rows.append((BoardRow(kind, organiser), state))
    return rows


def territories(user):
    return scope_queryset(user, Territory.objects.all())

