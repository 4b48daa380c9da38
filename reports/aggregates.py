"""The figures of the annual report (docs/design.md, figures 1-22), computed.

Plain functions: each takes a year (and optionally a territory) and returns
data; nothing here renders. The web page, the spreadsheet and the PDF booklet
all call `annual_report()`.

The number of queries is fixed: one grouped query per table, conditional
aggregation (`filter=Q(...)`) for the variants, grouping by territory so that
the totals and the territory breakdowns come from the same rows. Rows fetched
grow with the number of territories, months and contests, never with the
number of events or activists.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from centers.models import Center, Club, ClubYear, PreventionRecord, Reception
from centers.querysets import YEAR_MEMBERS
from committees.models import Activist, DistrictCommittee, Territory, TosBody
from contests.models import (
    Application,
    Contest,
    ContestEdition,
    EditionOutcome,
    InitiativeProject,
    Nomination,
    Result,
)
from core.admin_base.sums import register_total
from core.admin_filters import year_of
from core.models import year_bounds
from events.models import Campaign, Event, EventPhoto

from .models import NarrativeBlock, YearPlan

CULTURAL_KINDS = (Event.Kind.CULTURAL,)
ACTION_KINDS = (Event.Kind.ACTION, Event.Kind.CLEANUP)

INITIATIVE_PROGRAM = "твой кузбасс"


def normalise(name: str) -> str:
    name = name.lower().replace("ё", "е")
    name = re.sub(r"[«»\"'“”„‐‑‒–—―\-]", " ", name)
    return " ".join(name.split())


class Tally(dict):
    """A figure by territory id (None: no territory, e.g. city events)."""

    @property
    def total(self) -> int:
        return sum(self.values())

    def add(self, territory_id, value) -> None:
        self[territory_id] = self.get(territory_id, 0) + (value or 0)


def _tallies(rows, key: str, *names: str, via: dict | None = None) -> dict[str, Tally]:
    """The `names` of grouped `rows` by territory: `key` is the territory
    id, or with `via` an organiser's id mapped to its territory."""
    out = {name: Tally() for name in names}
    for row in rows:
        territory_id = row[key] if via is None else via.get(row[key])
        for name in names:
            out[name].add(territory_id, row[name])
    return out


def _of_organisers(rows, key: str, organisers: dict, territory):
    """`rows` grouped by the organiser column `key`, only of the organisers
    of `territory` (the keys of `organisers`) when one is given."""
    if territory is not None:
        rows = rows.filter(**{f"{key}__in": list(organisers)})
    return rows.values(key).order_by()


def _where(territory, path: str) -> Q:
    return Q(**{path: territory}) if territory is not None else Q()


# What each figure counts -----------------------------------------------------
#
# Every figure is declared once, beside the function that computes it: a
# Russian sentence saying what it counts, and the records it counts as the
# admin list of `Records.model` filtered by `Records.params`. The params are
# plain query parameters of that list (lookups of the model's own fields, or
# the parameter of one of its list filters: «active_in», «edition»), and the
# computation reads the same records through `records_queryset()`, so the
# sentence, the link and the number cannot drift apart.

ACTIVE_IN = "active_in"  # core.admin_filters.ActiveInYearFilter
EDITION = "edition"  # contests.admin.EditionFilter
TERRITORY = "territory"  # committees.admin_filters.TerritoryFilter
TOTAL = "_sum"  # core.admin_base.sums: the column the list totals
# Lists whose territory is a field filtered by Django's own related filter.
TERRITORY_FIELD = {"contests.InitiativeProject": "territory__id__exact"}


@dataclass(frozen=True)
class Records:
    """The records behind a figure: the admin list of `model` filtered by
    `params`, counted, or with the column `total` summed."""

    model: type
    params: dict
    total: str = ""
    # Records picked by their ids, already of the report's territory.
    by_ids: bool = False

    def in_territory(self, territory_id) -> "Records":
        """The same records of one territory (None: of no territory, the
        events of the city administration)."""
        if self.by_ids:
            return self
        label = self.model._meta.label
        if territory_id is None:
            extra = {"territory__isnull": True}
        else:
            extra = {TERRITORY_FIELD.get(label, TERRITORY): territory_id}
        return Records(self.model, {**self.params, **extra}, self.total)

    @property
    def params_text(self) -> dict[str, str]:
        """The params as the admin list reads them from its URL."""
        def text(value):
            if isinstance(value, bool):
                return "1" if value else "0"
            if isinstance(value, (list, tuple, set)):
                return ",".join(text(v) for v in value)
            return str(value)
        out = {name: text(value) for name, value in self.params.items()}
        if self.total:
            out[TOTAL] = self.total
        return out


@dataclass(frozen=True)
class Measure:
    """A figure's declaration: its sentence and its records, each a
    function of what the figure is of (a year, a contest edition, ...)."""

    define: object  # of -> str
    records: object  # of -> Records


def records_queryset(records: Records):
    """The rows of `records`, read as the admin list reads its params."""
    params = dict(records.params)
    rows = records.model._default_manager.all()
    if ACTIVE_IN in params:
        rows = rows.active_in(int(params.pop(ACTIVE_IN)))
    if EDITION in params:
        params["edition_id"] = params.pop(EDITION)
    return rows.filter(**params)


def in_year(year: int, field_name: str = "date") -> dict:
    first, last = year_bounds(year)
    return {f"{field_name}__gte": first, f"{field_name}__lte": last}


def kinds(*values) -> str:
    return ", ".join(f"«{Event.Kind(v).label.lower()}»" for v in values)


# Figures 1-3 ---------------------------------------------------------------

REGISTRY = {
    "committees": Measure(
        lambda year: f"Окружные комитеты ТОС, действовавшие в {year} году: созданы не позже "
        "его последнего дня и не упразднены до его начала.",
        lambda year: Records(DistrictCommittee, {ACTIVE_IN: year})),
    "bodies": Measure(
        lambda year: f"Органы ТОС, действовавшие в {year} году (по датам создания и "
        "прекращения деятельности).",
        lambda year: Records(TosBody, {ACTIVE_IN: year})),
    "activists": Measure(
        lambda year: f"Активисты органов ТОС, состоявшие в них в {year} году (по датам "
        "начала и окончания).",
        lambda year: Records(Activist, {ACTIVE_IN: year})),
}


def registry(year: int, territory=None, orgs=None) -> dict[str, Tally]:
    """Figures 1-3: committees, TOS bodies and activists active in the year.

    Bodies and activists are counted by committee, each from an index of
    (committee, founded, closed) alone (an activist stores its body's
    committee), and mapped to territories through `orgs`."""
    orgs = orgs or organisers(year, territory)
    out = {"committees": orgs.active_committees}
    for name in ("bodies", "activists"):
        rows = _of_organisers(records_queryset(REGISTRY[name].records(year)), "committee_id",
                              orgs.committees, territory).annotate(n=Count("*"))
        out[name] = _tallies(rows, "committee_id", "n", via=orgs.committees)["n"]
    return out


# Figures 4, 6, 17, 19 and the event charts: one query ------------------------

BY_COMMITTEES = {"committee__isnull": False}
BY_CENTERS = {"center__isnull": False}
# The events each event figure counts, as lookups of Event: _events() counts
# them with these lookups, the drill-down filters the admin list with them.
EVENT_SETS = {
    "cultural": {**BY_COMMITTEES, "kind__in": CULTURAL_KINDS},
    "youth": {**BY_COMMITTEES, "kind__in": CULTURAL_KINDS, "is_youth": True},
    "actions": {**BY_COMMITTEES, "kind__in": ACTION_KINDS},
    "committee_events": BY_COMMITTEES,
    "center_events": BY_CENTERS,
    "at_risk": {**BY_CENTERS, "is_at_risk": True},
}
# EventFigures' sums of participants: the Tally and the events it sums.
EVENT_PEOPLE = {
    "cultural_people": "cultural",
    "action_people": "actions",
    "committee_people": "committee_events",
    "center_people": "center_events",
}


def _event_records(key: str, total: str = ""):
    return lambda year: Records(Event, {**in_year(year), **EVENT_SETS[key]}, total)


EVENTS = {
    "cultural": Measure(
        lambda year: f"Мероприятия окружных комитетов ТОС вида {kinds(*CULTURAL_KINDS)} "
        f"с датой в {year} году.",
        _event_records("cultural")),
    "youth": Measure(
        lambda year: "Из культурно-массовых мероприятий окружных комитетов за год — "
        "отмеченные как мероприятия по развитию молодежного движения.",
        _event_records("youth")),
    "cultural_people": Measure(
        lambda year: "Сумма участников культурно-массовых мероприятий окружных комитетов "
        f"ТОС с датой в {year} году.",
        _event_records("cultural", "participants")),
    "actions": Measure(
        lambda year: f"Мероприятия окружных комитетов ТОС видов {kinds(*ACTION_KINDS)} "
        f"с датой в {year} году.",
        _event_records("actions")),
    "action_people": Measure(
        lambda year: f"Сумма участников акций и субботников окружных комитетов ТОС в {year} "
        "году.",
        _event_records("actions", "participants")),
    "committee_events": Measure(
        lambda year: f"Все мероприятия окружных комитетов ТОС с датой в {year} году.",
        _event_records("committee_events")),
    "committee_people": Measure(
        lambda year: "Сумма участников всех мероприятий окружных комитетов ТОС с датой "
        f"в {year} году.",
        _event_records("committee_events", "participants")),
    "center_events": Measure(
        lambda year: f"Мероприятия центров по работе с населением с датой в {year} году.",
        _event_records("center_events")),
    "center_people": Measure(
        lambda year: f"Сумма участников мероприятий центров по работе с населением в {year} "
        "году.",
        _event_records("center_events", "participants")),
    "at_risk": Measure(
        lambda year: f"Мероприятия центров {year} года, отмеченные как проведенные с "
        "участием семей и подростков «группы риска».",
        _event_records("at_risk")),
}


@dataclass
class EventFigures:
    cultural: Tally = field(default_factory=Tally)  # figure 4
    youth: Tally = field(default_factory=Tally)
    cultural_people: Tally = field(default_factory=Tally)
    committee_people: Tally = field(default_factory=Tally)
    actions: Tally = field(default_factory=Tally)  # figure 6
    action_people: Tally = field(default_factory=Tally)
    center_events: Tally = field(default_factory=Tally)  # figure 19
    center_people: Tally = field(default_factory=Tally)
    at_risk: Tally = field(default_factory=Tally)  # figure 17
    committee_events: Tally = field(default_factory=Tally)
    # organiser ("committee", "center", "city") -> month (1-12) -> count
    by_month: dict = field(default_factory=lambda: defaultdict(lambda: [0] * 12))
    people_by_month: dict = field(default_factory=lambda: defaultdict(lambda: [0] * 12))
    by_kind: dict = field(default_factory=lambda: defaultdict(int))  # kind -> count
    by_territory: Tally = field(default_factory=Tally)  # all events
    people: Tally = field(default_factory=Tally)
    campaign_ids: list = field(default_factory=list)  # figure 5


@dataclass
class Organisers:
    """The committees and centers (small tables: hundreds of rows at ten
    times the city) with their territories, read in one query. The event
    figures group by the organiser's id and are mapped to territories here
    instead of joining every event."""

    committees: dict  # committee id -> territory id
    centers: dict  # center id -> territory id
    active_committees: Tally  # figure 1
    active_centers: Tally  # figure 14


def organisers(year: int, territory=None) -> Organisers:
    columns = ("pk", "territory_id", "founded", "closed")
    committees = (
        DistrictCommittee.objects.filter(_where(territory, "territory"))
        .annotate(organiser=Value("committee"))
        .values_list("organiser", *columns)
        .order_by()
    )
    centers_ = (
        Center.objects.filter(_where(territory, "territory"))
        .annotate(organiser=Value("center"))
        .values_list("organiser", *columns)
        .order_by()
    )
    first, last = year_bounds(year)
    out = Organisers({}, {}, Tally(), Tally())
    for organiser, pk, territory_id, founded, closed in committees.union(centers_, all=True):
        active = founded <= last and (closed is None or closed >= first)
        if organiser == "committee":
            out.committees[pk] = territory_id
            if active:
                out.active_committees.add(territory_id, 1)
        else:
            out.centers[pk] = territory_id
            if active:
                out.active_centers.add(territory_id, 1)
    return out


def events(year: int, territory=None) -> EventFigures:
    """Every event figure of the year (figures 4, 6, 17, 19, the charts)."""
    return _events(year, territory)[0]


def campaigns(year: int, territory=None) -> list[str]:
    """Figure 5: the city-wide campaigns that had events in the year."""
    return _events(year, territory)[1]


class Month(Func):
    """The month (1-12) of a date, natively on both engines (Django's
    ExtractMonth calls a Python function per row on SQLite)."""

    output_field = IntegerField()
    template = "CAST(EXTRACT(MONTH FROM %(expressions)s) AS integer)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection,
                           template="CAST(strftime('%%%%m', %(expressions)s) AS integer)", **extra)


def _events(year: int, territory) -> tuple[EventFigures, list[str]]:
    """Every event figure of the year, and figure 5 (the campaigns), from one
    grouped query that reads the year's events from the index
    `event_year_figures` alone (an event stores its organiser's territory):
    by territory, organiser, kind, month and campaign, each figure a
    conditional count (and sum) of its EVENT_SETS lookups. Returns
    (EventFigures, campaigns)."""
    year_events = Event.objects.filter(**in_year(year))
    if territory is not None:
        year_events = year_events.in_territory(territory)
    # Conditional counts of "date", a column of the index: Count("*")
    # takes no filter, and the key would make PostgreSQL read the table.
    figures = {f"n_{key}": Count("date", filter=Q(**lookups))
               for key, lookups in EVENT_SETS.items()}
    figures.update({f"p_{key}": Coalesce(Sum("participants", filter=Q(**EVENT_SETS[key])), 0)
                    for key in set(EVENT_PEOPLE.values())})
    rows = (
        year_events.annotate(
            no_committee=ExpressionWrapper(Q(committee_id__isnull=True), BooleanField()),
            no_center=ExpressionWrapper(Q(center_id__isnull=True), BooleanField()),
            month=Month("date"),
        )
        .values("territory_id", "no_committee", "no_center", "kind", "month", "campaign_id")
        .annotate(n=Count("*"), people=Coalesce(Sum("participants"), 0), **figures)
        .order_by()
    )
    out = EventFigures()
    campaign_ids = set()
    for row in rows:
        terr, kind, month, n, people = (row["territory_id"], row["kind"], row["month"],
                                        row["n"], row["people"])
        for key in EVENT_SETS:
            getattr(out, key).add(terr, row[f"n_{key}"])
        for name, key in EVENT_PEOPLE.items():
            getattr(out, name).add(terr, row[f"p_{key}"])
        out.by_kind[kind] += n
        if not row["no_committee"]:
            org = "committee"
        elif not row["no_center"]:
            org = "center"
        else:
            org = "city"
        out.by_territory.add(terr, n)
        out.people.add(terr, people)
        out.by_month[org][month - 1] += n
        out.people_by_month[org][month - 1] += people
        if row["campaign_id"] is not None:
            campaign_ids.add(row["campaign_id"])
    names = Campaign.objects.filter(pk__in=campaign_ids).values_list("pk", "name") \
        if campaign_ids else []
    out.campaign_ids = sorted(pk for pk, _ in names)
    return out, sorted(name for _, name in names)


CAMPAIGNS = Measure(
    lambda report: "Городские акции, к которым относится хотя бы одно мероприятие "
    f"{report.year} года.",
    # The campaigns by their ids: the admin's list of campaigns has no filter
    # by their events' dates.
    lambda report: Records(Campaign, {"id__in": report.events.campaign_ids or [0]},
                           by_ids=True),
)


@dataclass
class Gathering:
    ordinal: int
    title: str
    place: str
    date: object
    participants: int


def gathering(year: int) -> Gathering | None:
    """Figure 21: the city gathering of the public, an event of the city,
    with its ordinal: the years up to `year` that had a gathering, counted
    (a year without one does not advance the number). One query: the
    gatherings so far, one a year."""
    so_far = list(
        Event.objects.by_city().of_kind(Event.Kind.GATHERING)
        .filter(date__year__lte=year).order_by("date", "pk")
    )
    event = next((e for e in so_far if e.date.year == year), None)
    if event is None:
        return None
    return Gathering(
        ordinal=len({e.date.year for e in so_far}),
        title=event.title,
        place=event.place,
        date=event.date,
        participants=event.participants,
    )


# Figures 14-16, 18 -----------------------------------------------------------

PREVENTION_WORDS = {
    PreventionRecord.Kind.FAMILY_RAID: "рейдов в неблагополучные семьи",
    PreventionRecord.Kind.TEEN_RAID: "рейдов к подросткам «группы риска»",
    PreventionRecord.Kind.FAMILY_CALL: "бесед по телефону с неблагополучными семьями",
    PreventionRecord.Kind.RISK_CHILD_CALL: "бесед по телефону с семьями детей «группы риска»",
    PreventionRecord.Kind.INFORMATION: "информаций в правоохранительные и контролирующие "
    "органы",
}


def _prevention(kind):
    return Measure(
        lambda year: f"Сумма {PREVENTION_WORDS[kind]} в записях профилактической работы "
        f"центров за месяцы {year} года.",
        lambda year: Records(PreventionRecord, {**in_year(year, "month"), "kind": kind},
                             "count"))


CENTERS = {
    "centers": Measure(
        lambda year: f"Центры по работе с населением, действовавшие в {year} году.",
        lambda year: Records(Center, {ACTIVE_IN: year})),
    "clubs": Measure(
        lambda year: f"Кружки и клубы центров, действовавшие в {year} году.",
        lambda year: Records(Club, {ACTIVE_IN: year})),
    "club_members": Measure(
        lambda year: f"Сумма занимающихся в кружках и клубах, действовавших в {year} году: "
        "число за этот год, а где его нет — число из карточки кружка.",
        lambda year: Records(Club, {ACTIVE_IN: year}, "members")),
    "receptions": Measure(
        lambda year: f"Консультативные приемы граждан в центрах с датой в {year} году.",
        lambda year: Records(Reception, in_year(year))),
    "visitors": Measure(
        lambda year: f"Сумма обратившихся граждан по приемам {year} года.",
        lambda year: Records(Reception, in_year(year), "visitors")),
    **{kind: _prevention(kind) for kind in PreventionRecord.Kind.values},
}


def _club_members_total(clubs, params) -> int:
    """The «занимающихся» total of a list of clubs, as figure 18 sums it:
    the count of the year the list is filtered by (?active_in=), if any."""
    year = year_of(params.get(ACTIVE_IN))
    if year is None:
        return clubs.aggregate(n=Coalesce(Sum("members"), 0))["n"]
    return clubs.of_year(year).aggregate(n=Coalesce(Sum(YEAR_MEMBERS), 0))["n"]


register_total("centers.Club", "members", _club_members_total)


def centers(year: int, territory=None, orgs=None) -> dict:
    """Figures 14-16 and 18: centers, receptions, prevention work, clubs."""
    orgs = orgs or organisers(year, territory)

    def of_centers(rows):
        return _of_organisers(rows, "center_id", orgs.centers, territory)

    clubs = _tallies(
        of_centers(records_queryset(CENTERS["clubs"].records(year)).of_year(year))
        .annotate(n=Count("pk"), members=Coalesce(Sum(YEAR_MEMBERS), 0)),
        "center_id", "n", "members", via=orgs.centers)
    receptions = _tallies(
        of_centers(records_queryset(CENTERS["receptions"].records(year)))
        .annotate(n=Count("pk"), visitors=Coalesce(Sum("visitors"), 0)),
        "center_id", "n", "visitors", via=orgs.centers)
    prevention = {kind: Tally() for kind in PreventionRecord.Kind.values}
    # Every kind's records, but for the kind itself, which is grouped by.
    year_records = {k: v for k, v in CENTERS[PreventionRecord.Kind.FAMILY_RAID].records(
        year).params.items() if k != "kind"}
    for row in of_centers(PreventionRecord.objects.filter(**year_records)).values(
            "center_id", "kind").annotate(n=Coalesce(Sum("count"), 0)):
        prevention[row["kind"]].add(orgs.centers.get(row["center_id"]), row["n"])
    return {
        "centers": orgs.active_centers,
        "clubs": clubs["n"],
        "club_members": clubs["members"],
        "receptions": receptions["n"],
        "visitors": receptions["visitors"],
        "prevention": prevention,
    }


# Figures 7, 9-13, 20: contests -----------------------------------------------


@dataclass
class ContestFigures:
    key: str  # Contest.report_key: the keyed figure it feeds, "" for none
    edition: ContestEdition
    nominations: list = field(default_factory=list)
    applications: int = 0
    participants: int = 0
    # stage -> applications that reached at least that stage
    reached: dict = field(default_factory=dict)
    # the committees with an application at the regional stage or beyond
    regional_committee_ids: set = field(default_factory=set)
    center_ids: set = field(default_factory=set)  # the centers that applied
    by_territory: Tally = field(default_factory=Tally)  # applications
    # territory id -> stage -> applications at exactly that stage
    stages_by_territory: dict = field(default_factory=lambda: defaultdict(dict))
    results: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)

    @property
    def contest(self) -> Contest:
        return self.edition.contest

    @property
    def periods(self) -> int:
        """Figure 20: the distinct periods of the nominations (as
        ContestEdition.periods, from the nominations already read)."""
        return len({n.period for n in self.nominations if n.period})

    def results_at(self, stage: str) -> list:
        return [r for r in self.results if r.stage == stage]

    @property
    def committees_regional(self) -> int:  # figure 7
        return len(self.regional_committee_ids)

    @property
    def centers(self) -> int:  # figure 20
        return len(self.center_ids)


REGIONAL = Application.Stage.REGIONAL


def _contest(item) -> str:
    return f"«{item.contest.name}» {item.edition.year} года"


def _applications(*, total: str = "", stage: str = ""):
    def records(item):
        params = {EDITION: item.edition.pk}
        if stage:
            params["stage__in"] = Application.Stage.at_least(stage)
        return Records(Application, params, total)
    return records


def _stage_words(stage: str) -> str:
    return Application.Stage(stage).label.lower()


# Each edition's figures: of a ContestFigures.
CONTESTS = {
    "committees_regional": Measure(
        lambda item: f"Окружные комитеты ТОС, чьи заявки на конкурс {_contest(item)} "
        f"дошли до этапа «{_stage_words(REGIONAL)}» или дальше.",
        lambda item: Records(DistrictCommittee,
                             {"id__in": sorted(item.regional_committee_ids) or [0]},
                             by_ids=True)),
    "centers": Measure(
        lambda item: f"Центры по работе с населением, подавшие заявки на конкурс "
        f"{_contest(item)}.",
        lambda item: Records(Center, {"id__in": sorted(item.center_ids) or [0]}, by_ids=True)),
    "applications": Measure(
        lambda item: f"Заявки на конкурс {_contest(item)}.",
        _applications()),
    "participants": Measure(
        lambda item: f"Сумма участников по заявкам на конкурс {_contest(item)}.",
        _applications(total="participants")),
    **{f"reached_{stage}": Measure(
        lambda item, stage=stage: f"Заявки на конкурс {_contest(item)}, дошедшие до этапа "
        f"«{_stage_words(stage)}» или дальше.",
        _applications(stage=stage))
       for stage in Application.Stage.values},
}
CITY_PARTICIPANTS = Measure(
    lambda report: f"Сумма участников по заявкам на городские конкурсы {report.year} года.",
    lambda report: Records(Application, {"edition__id__in": [
        item.edition.pk for item in report.contests["editions"]
        if item.contest.level == Contest.Level.CITY] or [0]}, "participants"))


def contests(year: int, territory=None) -> dict:
    """Every contest edition of the year with its applications and results.

    Returns {"editions": [ContestFigures, ...], "by_key": {key: ContestFigures},
    "city_participants": figure 9}; `by_key` holds the editions whose contest
    names a report figure (Contest.report_key).
    """
    editions = list(
        ContestEdition.objects.in_year(year).select_related("contest").order_by("contest__name")
    )
    figures = {e.pk: ContestFigures(key=e.contest.report_key, edition=e) for e in editions}
    if not figures:
        return {"editions": [], "by_key": {}, "city_participants": 0}
    ids = list(figures)
    for nomination in Nomination.objects.filter(edition_id__in=ids).order_by(
        "edition_id", "order", "name", "category"
    ):
        figures[nomination.edition_id].nominations.append(nomination)

    _count_applications(figures, territory)
    _add_results(figures, territory)

    # A key names one contest, and a contest has one edition a year.
    by_key = {item.key: item for item in figures.values() if item.key}
    city_participants = sum(
        item.participants for item in figures.values()
        if item.contest.level == Contest.Level.CITY
    )
    return {
        "editions": list(figures.values()),
        "by_key": by_key,
        "city_participants": city_participants,
    }


def _count_applications(figures: dict, territory) -> None:
    """Each edition's applications: their number, people, committees at the
    regional stage, centers, the stages reached, by territory."""
    ids = list(figures)
    apps = Application.objects.filter(edition_id__in=ids).filter(_where(territory, "territory"))
    stages = [Application.Stage.DISTRICT, Application.Stage.CITY,
              Application.Stage.REGIONAL, Application.Stage.FEDERAL]
    reached = {
        f"reached_{stage}": Count("pk", filter=Q(stage__in=Application.Stage.at_least(stage)))
        for stage in stages
    }
    for row in (
        apps.values("edition_id")
        .annotate(n=Count("pk"), people=Coalesce(Sum("participants"), 0), **reached)
        .order_by()
    ):
        item = figures[row["edition_id"]]
        item.applications = row["n"]
        item.participants = row["people"]
        item.reached = {stage: row[f"reached_{stage}"] for stage in stages}
    # By applicant too: the committees and centers of figures 7 and 20.
    regional = set(Application.Stage.at_least(REGIONAL))
    by_stage = apps.values("edition_id", "territory_id", "stage", "committee_id",
                           "center_id").annotate(n=Count("pk"))
    for row in by_stage.order_by():
        item = figures[row["edition_id"]]
        item.by_territory.add(row["territory_id"], row["n"])
        stages_of = item.stages_by_territory[row["territory_id"]]
        stages_of[row["stage"]] = stages_of.get(row["stage"], 0) + row["n"]
        if row["committee_id"] is not None and row["stage"] in regional:
            item.regional_committee_ids.add(row["committee_id"])
        if row["center_id"] is not None:
            item.center_ids.add(row["center_id"])


def _add_results(figures: dict, territory) -> None:
    """Each edition's results, in the report's order, and its outcomes."""
    ids = list(figures)
    results = (
        Result.objects.filter(edition_id__in=ids)
        .filter(_where(territory, "application__territory"))
        .select_related(
            "application__nomination",
            "application__tos_body",
            "application__committee__territory",
            "application__center__territory",
            "application__territory",
        )
        .order_by("application__nomination__order", "application__nomination__name",
                  F("place").asc(nulls_last=True), "prize", "pk")
    )
    results = list(results)
    # A resident is named only with a publication consent (152-ФЗ, art. 10.1).
    Application.mark_for_publication([result.application for result in results])
    for result in results:
        figures[result.edition_id].results.append(result)
    for outcome in EditionOutcome.objects.filter(edition_id__in=ids).order_by("order", "pk"):
        figures[outcome.edition_id].outcomes.append(outcome)


# Figure 8: initiative budgeting -----------------------------------------------


@dataclass
class InitiativeFigures:
    program: object
    program_year: int  # which year of the programme this is for the city
    voters: int  # residents who took part in choosing projects, all years so far
    built_sport: int  # built so far
    built_playground: int
    built_other: int
    built_this_year: list
    submitted_next_year: list
    program_ids: list = field(default_factory=list)  # the programmes of the name
    year: int = 0

    @property
    def built_total(self) -> int:
        return self.built_sport + self.built_playground + self.built_other


def _projects(year: int, **params):
    return lambda init: Records(InitiativeProject, {
        "program__id__in": init.program_ids, "year_submitted__lte": year, **params})


INITIATIVE = {
    "initiative_built": Measure(
        lambda init: f"Проекты программы «{init.program.name}», реализованные в {init.year} "
        "году (статус «реализован», год реализации тот же).",
        lambda init: _projects(init.year + 1, status=InitiativeProject.Status.BUILT,
                               year_built=init.year)(init)),
    "initiative_voters": Measure(
        lambda init: f"Сумма жителей, участвовавших в выборе проектов программы "
        f"«{init.program.name}», по проектам, поданным с ее начала по {init.year} год.",
        lambda init: Records(InitiativeProject, {
            "program__id__in": init.program_ids, "year_submitted__lte": init.year},
            "voters")),
}


def initiative(year: int, territory=None) -> InitiativeFigures | None:
    """Figure 8: the projects of «Твой Кузбасс — твоя инициатива»."""
    projects = [
        p for p in InitiativeProject.objects.filter(year_submitted__lte=year + 1)
        .filter(_where(territory, "territory"))
        .select_related("program", "territory")
        .order_by("territory__order", "territory__name", "title")
        if INITIATIVE_PROGRAM in normalise(p.program.name)
    ]
    if not projects:
        return None
    program = projects[0].program
    Status, Kind = InitiativeProject.Status, InitiativeProject.Kind
    built = [p for p in projects if p.status == Status.BUILT and p.year_built <= year]
    return InitiativeFigures(
        program=program,
        program_year=year - program.start_year + 1,
        voters=sum(p.voters for p in projects if p.year_submitted <= year),
        built_sport=sum(p.kind == Kind.SPORT for p in built),
        built_playground=sum(p.kind == Kind.PLAYGROUND for p in built),
        built_other=sum(p.kind == Kind.OTHER for p in built),
        built_this_year=[p for p in built if p.year_built == year],
        # Projects handed to the regional commission for next year: submitted
        # this year or dated next year, not yet built or turned down.
        submitted_next_year=[
            p for p in projects
            if p.status in (Status.SUBMITTED, Status.SELECTED) and p.year_submitted >= year
        ],
        program_ids=sorted({p.program_id for p in projects}),
        year=year,
    )


# Figure 22, the narrative and the photos ------------------------------------


def year_plan(year: int) -> YearPlan | None:
    """Figure 22: the goal and tasks set for the year after the report's."""
    plans = YearPlan.objects.filter(year=year + 1).select_related("program")
    return plans.prefetch_related("tasks").first()


def narrative(year: int) -> dict[str, NarrativeBlock]:
    return {block.key: block for block in NarrativeBlock.objects.filter(year=year)}


def highlight_photos(year: int, territory=None, limit: int = 8) -> list[EventPhoto]:
    """Photos of the year's highlights for the booklet: one per event, the
    first `limit` events by date."""
    where = _where(territory, "event__territory")
    photos = (
        EventPhoto.objects.filter(where, event__is_highlight=True, event__date__year=year)
        .select_related("event")
        .order_by("event__date", "event_id", "pk")[: limit * 4]
    )
    chosen: dict[int, EventPhoto] = {}
    for photo in photos:
        chosen.setdefault(photo.event_id, photo)
    return list(chosen.values())[:limit]


# The years with data -----------------------------------------------------------


def years_with_data() -> list[int]:
    """The years the report has something to say of, newest first: a year
    appears with its first event, reception, prevention record, contest
    edition, initiative project, narrative block or club's count of the
    year. The registry alone does not make a year (see Report.has_data)."""
    years = set()
    for model, name in ((Event, "date"), (Reception, "date"), (PreventionRecord, "month")):
        years.update(d.year for d in model.objects.dates(name, "year"))
    for rows in (
        ContestEdition.objects.values_list("year", flat=True),
        InitiativeProject.objects.values_list("year_submitted", flat=True),
        NarrativeBlock.objects.values_list("year", flat=True),
        ClubYear.objects.values_list("year", flat=True),
    ):
        years.update(rows.order_by().distinct())
    return sorted(years, reverse=True)


# The whole report --------------------------------------------------------------


@dataclass
class Figure:
    number: int  # the row of docs/design.md's table
    key: str
    label: str
    value: int
    previous: int | None = None
    definition: str = ""  # what it counts, in a sentence (its Measure)
    records: Records | None = None  # the records it counts (its Measure)
    url: str = ""  # their admin list (reports.document.drilldown_url)

    @property
    def delta(self) -> int | None:
        return None if self.previous is None else self.value - self.previous


@dataclass
class Report:
    year: int
    territory: Territory | None
    territories: dict  # id -> Territory
    registry: dict
    events: EventFigures
    campaigns: list
    gathering: Gathering | None
    centers: dict
    contests: dict
    initiative: InitiativeFigures | None
    plan: YearPlan | None = None
    narrative: dict = field(default_factory=dict)
    photos: list = field(default_factory=list)

    def contest(self, key: str) -> ContestFigures | None:
        return self.contests["by_key"].get(key)

    @property
    def has_data(self) -> bool:
        """Whether anything was recorded for the year. The registry alone
        does not count: committees founded years ago are "active" in a year
        for which nobody entered a single event."""
        return bool(
            self.events.by_territory.total
            or self.centers["receptions"].total
            or any(t.total for t in self.centers["prevention"].values())
            or self.contests["editions"]
        )


def annual_report(year: int, territory=None, *, full: bool = True) -> Report:
    """The figures of a year; `full` adds the plan, narrative and photos
    (the previous year's report, for the comparison, needs only figures)."""
    orgs = organisers(year, territory)
    event_figures, campaign_names = _events(year, territory)
    report = Report(
        year=year,
        territory=territory,
        territories={t.pk: t for t in Territory.objects.all()},
        registry=registry(year, territory, orgs),
        events=event_figures,
        campaigns=campaign_names,
        gathering=gathering(year),
        centers=centers(year, territory, orgs),
        contests=contests(year, territory),
        initiative=initiative(year, territory),
    )
    if full:
        report.plan = year_plan(year)
        report.narrative = narrative(year)
        report.photos = highlight_photos(year, territory)
    return report


def headline_figures(report: Report) -> list[Figure]:
    """The figures that have a number, in docs/design.md's order, for the table
    of the page, the spreadsheet and the year-over-year comparison; each with
    its definition and records (its Measure, of the year, the edition or the
    programme it tells of)."""
    reg, ev, cen = report.registry, report.events, report.centers
    prevention = cen["prevention"]
    year = report.year
    Kind = PreventionRecord.Kind
    rows = [
        (1, "committees", "Окружные комитеты ТОС", reg["committees"].total,
         REGISTRY["committees"], year),
        (2, "bodies", "Органы ТОС", reg["bodies"].total, REGISTRY["bodies"], year),
        (3, "activists", "Активисты ТОС", reg["activists"].total, REGISTRY["activists"], year),
        (4, "cultural", "Культурно-массовые мероприятия комитетов", ev.cultural.total,
         EVENTS["cultural"], year),
        (4, "youth", "из них по развитию молодежного движения", ev.youth.total,
         EVENTS["youth"], year),
        (4, "cultural_people", "Участники культурно-массовых мероприятий",
         ev.cultural_people.total, EVENTS["cultural_people"], year),
        (5, "campaigns", "Городские акции по месту жительства", len(report.campaigns),
         CAMPAIGNS, report),
        (6, "actions", "Акции и субботники", ev.actions.total, EVENTS["actions"], year),
        (6, "action_people", "Участники акций и субботников", ev.action_people.total,
         EVENTS["action_people"], year),
    ]
    Key = Contest.ReportKey
    practice = report.contest(Key.BEST_PRACTICE)
    if practice:
        rows.append((7, "practice_committees", "«Лучшая практика ТОС»: комитеты на "
                     "региональном этапе", practice.committees_regional,
                     CONTESTS["committees_regional"], practice))
    init = report.initiative
    if init:
        rows += [
            (8, "initiative_built", "Инициативные проекты, реализованные за год",
             len(init.built_this_year), INITIATIVE["initiative_built"], init),
            (8, "initiative_voters", "Жители, участвовавшие в выборе проектов (всего)",
             init.voters, INITIATIVE["initiative_voters"], init),
        ]
    rows.append((9, "contest_people", "Участники городских конкурсов",
                 report.contests["city_participants"], CITY_PARTICIPANTS, report))
    Stage = Application.Stage
    yard = report.contest(Key.BEAUTIFUL_YARD)
    if yard:
        rows += [
            (10, "yard_district", "«Красивый дом и двор»: заявки на районный этап",
             yard.reached.get(Stage.DISTRICT, 0), CONTESTS[f"reached_{Stage.DISTRICT}"], yard),
            (10, "yard_city", "«Красивый дом и двор»: заявки на городском этапе",
             yard.reached.get(Stage.CITY, 0), CONTESTS[f"reached_{Stage.CITY}"], yard),
        ]
    committee = report.contest(Key.BEST_COMMITTEE)
    if committee:
        rows.append((11, "committee_people", "«Лучший комитет ТОС»: участники",
                     committee.participants, CONTESTS["participants"], committee))
    snow = report.contest(Key.SNOW)
    if snow:
        rows.append((12, "snow_applications", "«Снежный калейдоскоп»: заявки",
                     snow.applications, CONTESTS["applications"], snow))
    spartakiad = report.contest(Key.SPARTAKIAD)
    if spartakiad:
        rows.append((13, "spartakiad_teams", "Спартакиада: команды и заявки",
                     spartakiad.applications, CONTESTS["applications"], spartakiad))
    rows += [
        (14, "centers", "Центры по работе с населением", cen["centers"].total,
         CENTERS["centers"], year),
        (15, "receptions", "Консультативные приемы граждан", cen["receptions"].total,
         CENTERS["receptions"], year),
        (15, "visitors", "Обратившиеся граждане", cen["visitors"].total,
         CENTERS["visitors"], year),
        (16, "family_raids", "Рейды в неблагополучные семьи", prevention[Kind.FAMILY_RAID].total,
         CENTERS[Kind.FAMILY_RAID], year),
        (16, "teen_raids", "Рейды к подросткам «группы риска»", prevention[Kind.TEEN_RAID].total,
         CENTERS[Kind.TEEN_RAID], year),
        (16, "family_calls", "Беседы по телефону с неблагополучными семьями",
         prevention[Kind.FAMILY_CALL].total, CENTERS[Kind.FAMILY_CALL], year),
        (16, "risk_child_calls", "Беседы по телефону с семьями детей «группы риска»",
         prevention[Kind.RISK_CHILD_CALL].total, CENTERS[Kind.RISK_CHILD_CALL], year),
        (16, "informations", "Информации в правоохранительные и контролирующие органы",
         prevention[Kind.INFORMATION].total, CENTERS[Kind.INFORMATION], year),
        (17, "at_risk", "Мероприятия с участием семей и подростков «группы риска»",
         ev.at_risk.total, EVENTS["at_risk"], year),
        (18, "clubs", "Кружки и клубы по интересам", cen["clubs"].total, CENTERS["clubs"], year),
        (18, "club_members", "Занимающиеся в кружках и клубах", cen["club_members"].total,
         CENTERS["club_members"], year),
        (19, "center_events", "Мероприятия центров", ev.center_events.total,
         EVENTS["center_events"], year),
        (19, "center_people", "Участники мероприятий центров", ev.center_people.total,
         EVENTS["center_people"], year),
    ]
    best_center = report.contest(Key.BEST_CENTER)
    if best_center:
        rows.append((20, "best_center_centers", "«Лучший центр»: центры-участники",
                     best_center.centers, CONTESTS["centers"], best_center))
    return [
        Figure(number=n, key=k, label=label, value=v, definition=measure.define(of),
               records=measure.records(of))
        for n, k, label, v, measure, of in rows
    ]


def compare(current: Report, previous: Report | None) -> tuple[list[Figure], bool]:
    """The headline figures of `current` with last year's beside them; the
    second value says whether there is a previous year to compare with."""
    figures = headline_figures(current)
    if previous is None or not previous.has_data:
        return figures, False
    before = {f.key: f.value for f in headline_figures(previous)}
    for figure in figures:
        figure.previous = before.get(figure.key)
    return figures, True
