"""Demo data of the contests and of initiative budgeting: 2022 as the seed
tells it, and a smaller 2021 of plain generated applications.

What the seed names comes from fixtures/: the contests, their editions of
2021 and 2022, nominations and outcomes and the programmes from
demo_contests.json (loaddata), the counts, winners and sport grounds from
demo_contests.toml. Runs after the registry's demo and reads its
territories, committees, TOS bodies and centers from the database. What the
seed only counts (applications, participants) is generated with a fixed
random seed, so that every load gives the same rows.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Min

from centers.models import Center
from committees.models import DistrictCommittee, Territory, TosBody
from contests.models import (
    Application,
    ContestEdition,
    InitiativeProject,
    Nomination,
    Program,
    Result,
)

from . import data

Stage = Application.Stage
Kind = Application.ApplicantKind

CONTESTS = "demo_contests.json"
PLAN = data.toml("demo_contests.toml")
BEAUTIFUL_YARD = PLAN["beautiful_yard"]["contest"]
BEST_CENTER = PLAN["best_center"]["contest"]
YEAR = 2022


@dataclass
class Registry:
    """What the registry's demo made, read once."""

    territories: dict  # name -> Territory, in the report's order
    committees: list  # DistrictCommittee, by number
    bodies: list  # unnamed TosBody rows active in the year, by pk
    named_bodies: dict  # name -> TosBody
    centers: dict  # name -> Center

    @classmethod
    def read(cls, year: int) -> "Registry":
        bodies = list(
            TosBody.objects.active_in(year)
            .filter(name="")
            .select_related("committee")
            .order_by("pk")
        )
        return cls(
            territories={t.name: t for t in Territory.objects.all()},
            committees=list(DistrictCommittee.objects.active_in(year).order_by("number")),
            bodies=bodies,
            named_bodies={b.name: b for b in TosBody.objects.exclude(name="")
                          .select_related("committee")},
            centers={c.name: c for c in Center.objects.active_in(year).order_by("pk")},
        )

    def bodies_of_kind(self, kind: str | None) -> list:
        chosen = [b for b in self.bodies if kind is None or b.kind == kind]
        return chosen or self.bodies


def _pick(rng: random.Random, pool: list, n: int) -> list:
    """n items of the pool, each once while the pool lasts."""
    if len(pool) >= n:
        return rng.sample(pool, n)
    return [pool[i % len(pool)] for i in rng.sample(range(n), n)]


def _day(rng: random.Random, year: int, first: tuple[int, int], last: tuple[int, int]):
    start = datetime.date(year, *first)
    span = (datetime.date(year, *last) - start).days
    return start + datetime.timedelta(days=rng.randint(0, span))


def _body_application(edition, nomination, body, **fields) -> Application:
    return Application(
        edition=edition,
        nomination=nomination,
        applicant_kind=Kind.TOS_BODY,
        tos_body=body,
        committee_id=body.committee_id,
        territory_id=body.committee.territory_id,
        address=body.address,
        **fields,
    )


def _edition(key: str, year: int) -> tuple[ContestEdition, list[Nomination]]:
    """The fixture's edition of a contest of the plan, and its nominations."""
    edition = ContestEdition.objects.get(contest__name=PLAN[key]["contest"], year=year)
    return edition, list(edition.nominations.order_by("order"))


def _scale(key: str, year: int) -> float:
    return 1.0 if year == YEAR else PLAN[key]["scale_2021"]


def beautiful_yard(registry: Registry, year: int) -> None:
    plan, scale = PLAN["beautiful_yard"], _scale("beautiful_yard", year)
    edition, nominations = _edition("beautiful_yard", year)
    rng = random.Random(f"yard-{year}")
    houses = registry.bodies_of_kind(TosBody.Kind.HOUSE)
    streets = registry.bodies_of_kind(TosBody.Kind.STREET)
    applications = []
    rows = zip(nominations, plan["applications"], plan["city_stage"], strict=True)
    for nomination, count, city in rows:
        count, city = round(count * scale), round(city * scale)
        # The II category is the private sector: street committees.
        pool = streets if nomination.category == Nomination.Category.SECOND else houses
        promoted = set(rng.sample(range(count), city))
        for n, body in enumerate(_pick(rng, pool, count)):
            applications.append(_body_application(
                edition, nomination, body,
                participants=rng.randint(4, 9),
                stage=Stage.CITY if n in promoted else Stage.DISTRICT,
                submitted=_day(rng, year, (5, 10), (6, 30)),
            ))
    Application.objects.bulk_create(applications)


def best_committee(registry: Registry, year: int) -> None:
    plan, scale = PLAN["best_committee"], _scale("best_committee", year)
    edition, nominations = _edition("best_committee", year)
    rng = random.Random(f"committee-{year}")
    applications = []
    for nomination, entry in zip(nominations, plan["nominations"], strict=True):
        count = round(entry["applications"] * scale)
        promoted = set(rng.sample(range(count), 3))
        if entry["applicant"] == Kind.COMMITTEE:
            for n, committee in enumerate(_pick(rng, registry.committees, count)):
                applications.append(Application(
                    edition=edition,
                    nomination=nomination,
                    applicant_kind=Kind.COMMITTEE,
                    committee=committee,
                    territory_id=committee.territory_id,
                    participants=rng.randint(7, 13),
                    stage=Stage.CITY if n in promoted else Stage.DISTRICT,
                    submitted=_day(rng, year, (9, 1), (10, 15)),
                ))
            continue
        pool = registry.bodies_of_kind(entry.get("body_kind"))
        for n, body in enumerate(_pick(rng, pool, count)):
            applications.append(_body_application(
                edition, nomination, body,
                participants=1,
                stage=Stage.CITY if n in promoted else Stage.DISTRICT,
                submitted=_day(rng, year, (9, 1), (10, 15)),
            ))
    Application.objects.bulk_create(applications)


def snow(registry: Registry, year: int) -> None:
    plan, scale = PLAN["snow"], _scale("snow", year)
    edition, nominations = _edition("snow", year)
    rng = random.Random(f"snow-{year}")
    applications = []
    for nomination, count in zip(nominations, plan["applications"], strict=True):
        for body in _pick(rng, registry.bodies, round(count * scale)):
            applications.append(_body_application(
                edition, nomination, body,
                participants=rng.randint(3, 8),
                stage=Stage.DISTRICT,
                submitted=_day(rng, year, (12, 1), (12, 20)),
            ))
    Application.objects.bulk_create(applications)


def spartakiad(registry: Registry, year: int) -> None:
    plan = PLAN["spartakiad"]
    edition, _ = _edition("spartakiad", year)
    rng = random.Random(f"spartakiad-{year}")
    day = plan["date"]
    teams = {}
    for name, territory in registry.territories.items():
        title = plan["winner"] if name == plan["winner_territory"] else (
            f"Команда {territory.genitive}")
        teams[name] = Application(
            edition=edition,
            applicant_kind=Kind.PERSON,
            applicant_name=title,
            territory=territory,
            participants=rng.randint(10, 14),
            stage=Stage.CITY,
            submitted=day - datetime.timedelta(days=rng.randint(7, 20)),
        )
    Application.objects.bulk_create(teams.values())
    results = [Result(application=teams[plan["winner_territory"]], place=1)]
    results += [Result(application=teams[t], prize=prize)
                for t, prize in plan["fan_prizes"].items()]
    for result in results:
        result.edition = edition
        result.stage = Stage.CITY
    Result.objects.bulk_create(results)


def best_practice(registry: Registry, year: int) -> None:
    plan = PLAN["best_practice"]
    edition, nominations = _edition("best_practice", year)
    federal = next(n for n in nominations if n.name == plan["federal_nomination"])
    rng = random.Random(f"practice-{year}")
    named = [(registry.named_bodies[f["body"]], f["place"]) for f in plan["federal"]]
    taken = {body.committee_id for body, _ in named}
    others = [c for c in registry.committees if c.pk not in taken]
    applications = [
        _body_application(
            edition, federal, body,
            participants=rng.randint(15, 40),
            stage=Stage.FEDERAL,
            submitted=_day(rng, year, (3, 1), (4, 15)),
        )
        for body, _ in named
    ]
    orders = plan["committee_nominations"]
    for committee, order in zip(_pick(rng, others, len(orders)), orders, strict=True):
        applications.append(Application(
            edition=edition,
            nomination=nominations[order - 1],
            applicant_kind=Kind.COMMITTEE,
            committee=committee,
            territory_id=committee.territory_id,
            participants=rng.randint(15, 40),
            stage=Stage.REGIONAL,
            submitted=_day(rng, year, (3, 1), (4, 15)),
        ))
    Application.objects.bulk_create(applications)
    Result.objects.bulk_create(
        Result(application=application, edition=edition, place=place, stage=Stage.FEDERAL)
        for application, (_, place) in zip(applications[: len(named)], named, strict=True)
    )


def best_center(registry: Registry, year: int) -> None:
    plan = PLAN["best_center"]
    participants = plan["participants"][str(year)]
    edition, nominations = _edition("best_center", year)
    rng = random.Random(f"center-{year}")
    named = [name for places in plan["winners"] for name in places]
    rest = [c for name, c in registry.centers.items() if name not in named]
    centers = [registry.centers[name] for name in named if name in registry.centers]
    centers += rest[: max(participants - len(centers), 0)]
    centers = centers[:participants]
    applications = {}
    for nomination in nominations:
        # Two directions a period: March, June, October.
        month = {1: 3, 2: 6, 3: 10}[nomination.period]
        for center in centers:
            applications[nomination.pk, center.name] = Application(
                edition=edition,
                nomination=nomination,
                applicant_kind=Kind.CENTER,
                center=center,
                territory_id=center.territory_id,
                participants=rng.randint(3, 8),
                stage=Stage.CITY,
                submitted=_day(rng, year, (month, 1), (month, 20)),
            )
    Application.objects.bulk_create(applications.values())
    if year != YEAR:
        return  # no winners invented
    Result.objects.bulk_create(
        Result(
            application=applications[nomination.pk, name],
            edition=edition,
            place=place,
            stage=Stage.CITY,
        )
        for nomination, places in zip(nominations, plan["winners"], strict=True)
        for place, name in enumerate(places, 1)
    )


def initiative_projects(registry: Registry) -> None:
    plan = PLAN["initiative"]
    program = Program.objects.get(name=plan["program"])
    rng = random.Random("initiative")
    districts = [t for t in registry.territories.values() if t.kind == Territory.Kind.DISTRICT]
    Status, ProjectKind = InitiativeProject.Status, InitiativeProject.Kind

    def addresses(territory, n):
        pool = [b.address for b in registry.bodies
                if b.committee.territory_id == territory.pk and b.kind == TosBody.Kind.HOUSE]
        return _pick(rng, pool or [territory.name], n)

    projects = []
    for earlier in plan["earlier"]:
        year = earlier["year"]
        kinds = ([ProjectKind.SPORT] * earlier["sport"]
                 + [ProjectKind.PLAYGROUND] * earlier["playgrounds"])
        for territory, kind in zip(rng.sample(districts, len(kinds)), kinds, strict=True):
            what = "спортивной" if kind == ProjectKind.SPORT else "детской игровой"
            projects.append(InitiativeProject(
                program=program, year_submitted=year, year_built=year, territory=territory,
                title=f"Благоустройство {what} площадки во дворе",
                address=addresses(territory, 1)[0], kind=kind, status=Status.BUILT,
                voters=rng.randint(10000, 14000),
            ))
    for ground in plan["grounds_2022"]:
        projects.append(InitiativeProject(
            program=program, year_submitted=YEAR, year_built=YEAR,
            territory=registry.territories[ground["territory"]],
            title=f"Благоустройство спортивной площадки на территории {ground['school']}",
            address=ground["address"], kind=ProjectKind.SPORT, status=Status.BUILT,
            voters=rng.randint(11000, 15000),
        ))
    # Handed to the regional commission in 2022, to be built in 2023.
    for territory in districts[: plan["for_2023"]]:
        kind = (ProjectKind.PLAYGROUND if territory.name == plan["playground_2023"]
                else ProjectKind.SPORT)
        what = "спортивной" if kind == ProjectKind.SPORT else "детской игровой"
        projects.append(InitiativeProject(
            program=program, year_submitted=YEAR, territory=territory,
            title=f"Благоустройство {what} площадки во дворе (на 2023 год)",
            address=addresses(territory, 1)[0], kind=kind, status=Status.SUBMITTED,
            voters=rng.randint(3000, 6000),
        ))
    for project in projects:
        project.full_clean()
    InitiativeProject.objects.bulk_create(projects)


def application_dates() -> None:
    """Each edition took applications from the first day of the month of its
    first application to its last one; one without applications from March
    to September of its year. All of them are closed today."""
    spans = {
        row["edition"]: (row["first"], row["last"])
        for row in Application.objects.values("edition")
        .annotate(first=Min("submitted"), last=Max("submitted"))
    }
    editions = list(ContestEdition.objects.all())
    for edition in editions:
        first, last = spans.get(
            edition.pk, (datetime.date(edition.year, 3, 1), datetime.date(edition.year, 9, 30))
        )
        edition.applications_open, edition.applications_close = first.replace(day=1), last
    ContestEdition.objects.bulk_update(editions, ["applications_open", "applications_close"])


def load() -> None:
    if ContestEdition.objects.filter(contest__name=BEAUTIFUL_YARD, year=YEAR).exists():
        return  # already loaded
    with transaction.atomic():
        data.load_fixture(CONTESTS)
        registry = Registry.read(YEAR)
        for contest in (beautiful_yard, best_committee, snow, spartakiad, best_practice,
                        best_center):
            contest(registry, YEAR)
        initiative_projects(registry)

        # A smaller 2021: plain applications, no winners invented.
        registry = Registry.read(YEAR - 1)
        for contest in (beautiful_yard, best_committee, snow, best_center):
            contest(registry, YEAR - 1)
        application_dates()
