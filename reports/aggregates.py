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

from centers.models import Center, Club, PreventionRecord, Reception
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


# Figures 1-3 ---------------------------------------------------------------


def registry(year: int, territory=None, orgs=None) -> dict[str, Tally]:
    """Figures 1-3: committees, TOS bodies and activists active in the year.

    Bodies and activists are counted by committee, each from an index of
    (committee, founded, closed) alone (an activist stores its body's
    committee), and mapped to territories through `orgs`."""
    orgs = orgs or organisers(year, territory)
    out = {"committees": orgs.active_committees}
    for name, model in (("bodies", TosBody), ("activists", Activist)):
        rows = _of_organisers(model.objects.active_in(year), "committee_id", orgs.committees,
                              territory).annotate(n=Count("*"))
        out[name] = _tallies(rows, "committee_id", "n", via=orgs.committees)["n"]
    return out


# Figures 4, 6, 17, 19 and the event charts: one query ------------------------


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
    by territory, organiser, kind, month and campaign. Returns
    (EventFigures, campaigns)."""
    year_events = Event.objects.in_year(year)
    if territory is not None:
        year_events = year_events.in_territory(territory)
    rows = (
        year_events.annotate(
            no_committee=ExpressionWrapper(Q(committee_id__isnull=True), BooleanField()),
            no_center=ExpressionWrapper(Q(center_id__isnull=True), BooleanField()),
            month=Month("date"),
        )
        .values("territory_id", "no_committee", "no_center", "kind", "month", "campaign_id")
        .annotate(
            # Conditional counts of "date", a column of the index: Count("*")
            # takes no filter, and the key would make PostgreSQL read the table.
            n=Count("*"),
            people=Coalesce(Sum("participants"), 0),
            youth=Count("date", filter=Q(is_youth=True)),
            at_risk=Count("date", filter=Q(is_at_risk=True)),
        )
        .order_by()
        .values_list("territory_id", "no_committee", "no_center", "kind", "month",
                     "campaign_id", "n", "people", "youth", "at_risk")
    )
    out = EventFigures()
    campaign_ids = set()
    for terr, no_committee, no_center, kind, month, campaign, n, people, youth, at_risk in rows:
        out.by_kind[kind] += n
        if not no_committee:
            org = "committee"
            out.committee_events.add(terr, n)
            out.committee_people.add(terr, people)
            if kind in CULTURAL_KINDS:
                out.cultural.add(terr, n)
                out.youth.add(terr, youth)
                out.cultural_people.add(terr, people)
            elif kind in ACTION_KINDS:
                out.actions.add(terr, n)
                out.action_people.add(terr, people)
        elif not no_center:
            org = "center"
            out.center_events.add(terr, n)
            out.center_people.add(terr, people)
            out.at_risk.add(terr, at_risk)
        else:
            org = "city"
        out.by_territory.add(terr, n)
        out.people.add(terr, people)
        out.by_month[org][month - 1] += n
        out.people_by_month[org][month - 1] += people
        if campaign is not None:
            campaign_ids.add(campaign)
    names = Campaign.objects.filter(pk__in=campaign_ids).values_list("name", flat=True) \
        if campaign_ids else []
    return out, sorted(names)


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


def centers(year: int, territory=None, orgs=None) -> dict:
    """Figures 14-16 and 18: centers, receptions, prevention work, clubs."""
    orgs = orgs or organisers(year, territory)

    def of_centers(rows):
        return _of_organisers(rows, "center_id", orgs.centers, territory)

    clubs = _tallies(
        of_centers(Club.objects.active_in(year).of_year(year))
        .annotate(n=Count("pk"), members=Coalesce(Sum(YEAR_MEMBERS), 0)),
        "center_id", "n", "members", via=orgs.centers)
    receptions = _tallies(
        of_centers(Reception.objects.in_year(year))
        .annotate(n=Count("pk"), visitors=Coalesce(Sum("visitors"), 0)),
        "center_id", "n", "visitors", via=orgs.centers)
    prevention = {kind: Tally() for kind in PreventionRecord.Kind.values}
    for row in of_centers(PreventionRecord.objects.in_year(year)).values(
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
    committees_regional: int = 0  # distinct committees at the regional stage or beyond
    centers: int = 0  # distinct centers that applied
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
        .annotate(
            n=Count("pk"),
            people=Coalesce(Sum("participants"), 0),
            committees_regional=Count(
                "committee",
                distinct=True,
                filter=Q(stage__in=Application.Stage.at_least(Application.Stage.REGIONAL)),
            ),
            centers=Count("center", distinct=True),
            **reached,
        )
        .order_by()
    ):
        item = figures[row["edition_id"]]
        item.applications = row["n"]
        item.participants = row["people"]
        item.committees_regional = row["committees_regional"]
        item.centers = row["centers"]
        item.reached = {stage: row[f"reached_{stage}"] for stage in stages}
    by_stage = apps.values("edition_id", "territory_id", "stage").annotate(n=Count("pk"))
    for row in by_stage.order_by():
        item = figures[row["edition_id"]]
        item.by_territory.add(row["territory_id"], row["n"])
        item.stages_by_territory[row["territory_id"]][row["stage"]] = row["n"]


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

    @property
    def built_total(self) -> int:
        return self.built_sport + self.built_playground + self.built_other


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


# The whole report --------------------------------------------------------------


@dataclass
class Figure:
    number: int  # the row of docs/design.md's table
    key: str
    label: str
    value: int
    previous: int | None = None

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
    of the page, the spreadsheet and the year-over-year comparison."""
    reg, ev, cen = report.registry, report.events, report.centers
    prevention = cen["prevention"]
    Kind = PreventionRecord.Kind
    rows = [
        (1, "committees", "Окружные комитеты ТОС", reg["committees"].total),
        (2, "bodies", "Органы ТОС", reg["bodies"].total),
        (3, "activists", "Активисты ТОС", reg["activists"].total),
        (4, "cultural", "Культурно-массовые мероприятия комитетов", ev.cultural.total),
        (4, "youth", "из них по развитию молодежного движения", ev.youth.total),
        (4, "cultural_people", "Участники культурно-массовых мероприятий",
         ev.cultural_people.total),
        (5, "campaigns", "Городские акции по месту жительства", len(report.campaigns)),
        (6, "actions", "Акции и субботники", ev.actions.total),
        (6, "action_people", "Участники акций и субботников", ev.action_people.total),
    ]
    Key = Contest.ReportKey
    practice = report.contest(Key.BEST_PRACTICE)
    if practice:
        rows.append((7, "practice_committees", "«Лучшая практика ТОС»: комитеты на "
                     "региональном этапе", practice.committees_regional))
    if report.initiative:
        rows += [
            (8, "initiative_built", "Инициативные проекты, реализованные за год",
             len(report.initiative.built_this_year)),
            (8, "initiative_voters", "Жители, участвовавшие в выборе проектов (всего)",
             report.initiative.voters),
        ]
    rows.append((9, "contest_people", "Участники городских конкурсов",
                 report.contests["city_participants"]))
    yard = report.contest(Key.BEAUTIFUL_YARD)
    if yard:
        rows += [
            (10, "yard_district", "«Красивый дом и двор»: заявки на районный этап",
             yard.reached.get(Application.Stage.DISTRICT, 0)),
            (10, "yard_city", "«Красивый дом и двор»: заявки на городском этапе",
             yard.reached.get(Application.Stage.CITY, 0)),
        ]
    committee = report.contest(Key.BEST_COMMITTEE)
    if committee:
        rows.append((11, "committee_people", "«Лучший комитет ТОС»: участники",
                     committee.participants))
    snow = report.contest(Key.SNOW)
    if snow:
        rows.append((12, "snow_applications", "«Снежный калейдоскоп»: заявки",
                     snow.applications))
    spartakiad = report.contest(Key.SPARTAKIAD)
    if spartakiad:
        rows.append((13, "spartakiad_teams", "Спартакиада: команды и заявки",
                     spartakiad.applications))
    rows += [
        (14, "centers", "Центры по работе с населением", cen["centers"].total),
        (15, "receptions", "Консультативные приемы граждан", cen["receptions"].total),
        (15, "visitors", "Обратившиеся граждане", cen["visitors"].total),
        (16, "family_raids", "Рейды в неблагополучные семьи", prevention[Kind.FAMILY_RAID].total),
        (16, "teen_raids", "Рейды к подросткам «группы риска»", prevention[Kind.TEEN_RAID].total),
        (16, "family_calls", "Беседы по телефону с неблагополучными семьями",
         prevention[Kind.FAMILY_CALL].total),
        (16, "risk_child_calls", "Беседы по телефону с семьями детей «группы риска»",
         prevention[Kind.RISK_CHILD_CALL].total),
        (16, "informations", "Информации в правоохранительные и контролирующие органы",
         prevention[Kind.INFORMATION].total),
        (17, "at_risk", "Мероприятия с участием семей и подростков «группы риска»",
         ev.at_risk.total),
        (18, "clubs", "Кружки и клубы по интересам", cen["clubs"].total),
        (18, "club_members", "Занимающиеся в кружках и клубах", cen["club_members"].total),
        (19, "center_events", "Мероприятия центров", ev.center_events.total),
        (19, "center_people", "Участники мероприятий центров", ev.center_people.total),
    ]
    best_center = report.contest(Key.BEST_CENTER)
    if best_center:
        rows.append((20, "best_center_centers", "«Лучший центр»: центры-участники",
                     best_center.centers))
    return [Figure(number=n, key=k, label=label, value=v) for n, k, label, v in rows]


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
