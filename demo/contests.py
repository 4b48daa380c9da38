"""Demo data of the contests and of initiative budgeting: 2022 as the seed
tells it, and a smaller 2021 of plain generated applications.

Runs after the registry's demo and reads its territories, committees, TOS
bodies and centers from the database. Everything the seed names (contests,
nominations, winners, outcome figures, the 2022 sport grounds) is as the
seed writes it; what it only counts (applications, participants) is
generated with a fixed random seed, so that every load gives the same rows.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from centers.models import Center
from committees.models import DistrictCommittee, Territory, TosBody
from contests.models import (
    Application,
    Contest,
    ContestEdition,
    EditionOutcome,
    InitiativeProject,
    Nomination,
    Program,
    Result,
)

from . import names

Stage = Application.Stage
Kind = Application.ApplicantKind

BEAUTIFUL_YARD = "Любимому городу — красивый дом и двор"
BEST_COMMITTEE = "Лучший комитет территориального общественного самоуправления"
SNOW = "Снежный калейдоскоп"
SPARTAKIAD = "Спортивные рекорды Кузбассу"
BEST_PRACTICE = "Лучшая практика ТОС"
BEST_CENTER = "Лучший центр по работе с населением"

INITIATIVE = "Твой Кузбасс — твоя инициатива"
MUNICIPAL = "Развитие общественных инициатив в городе Кемерово"

# (name, category, applications in 2022, of them at the city stage).
# The seed: "более 700 заявок" at the district stage, 46 at the city stage.
YARD_NOMINATIONS = [
    ("Мой двор — моя гордость", "I", 152, 9),
    ("Мой двор — моя гордость", "II", 108, 7),
    ("Подъезд мечты", "I", 161, 9),
    ("Подъезд мечты", "II", 97, 6),
    ("Цветущий балкон", "", 124, 8),
    ("Щегловский двор", "", 82, 7),
]

# (name, applicant kind, TOS body kind, applications). More than 500
# participants: a committee enters with its members, a senior alone.
COMMITTEE_NOMINATIONS = [
    ("Лучший окружной комитет", Kind.COMMITTEE, None, 24),
    ("Лучший уличный комитет (старший улицы)", Kind.TOS_BODY, TosBody.Kind.STREET, 112),
    ("Лучший домовый комитет (старший дома)", Kind.TOS_BODY, TosBody.Kind.HOUSE, 238),
]

# (name, category, applications): 935 in all.
SNOW_NOMINATIONS = [
    ("Сказки зимнего двора", "", 212),
    ("Пришла зима — открывай ворота", "", 138),
    ("Новогодняя мастерская", "I", 151),
    ("Новогодняя мастерская", "II", 109),
    ("Новый год в моем окне", "", 204),
    ("Верность традиции", "", 121),
]

SNOW_OUTCOMES = [
    ("Построено снежных городков", 126),
    ("Построено снежных фигур", 1046),
    ("Украшено подъездов", 5322),
    ("Оформлено балконов и окон", 19800),
]

SPARTAKIAD_COMPETITIONS = [
    "Разминка",
    "Болото",
    "Хоккейный слалом",
    "Веселая гусеница",
    "Вместе сможем дом построить",
]
SPARTAKIAD_WINNER = "Лига ТОС"
# territory -> special prize of its fans
FAN_PRIZES = {
    names.LENINSKY: "самые костюмированные болельщики",
    names.ZAVODSKY: "самые преданные болельщики",
    names.LESNAYA_POLYANA: "самая зрелищная поддержка",
}

PRACTICE_NOMINATIONS = [
    "Благоустройство и экология",
    "Комплексное развитие территорий",
    "Социальная поддержка населения",
    "Формирование здорового образа жизни, физическая культура и спорт",
]
PRACTICE_SOCIAL = "Социальная поддержка населения"
# Nine committees took the regional stage: the two named bodies, which went
# on to the federal stage, and seven committees (nominations in this order).
PRACTICE_COMMITTEE_NOMINATIONS = [0, 0, 1, 1, 2, 3, 3]
PRACTICE_FEDERAL = [(names.RUDNIK, 3), (names.SHAKHTERSKY_UGOLOK, 5)]

# Directions in the seed's order, two per period, with their winners in
# the order of places.
CENTER_DIRECTIONS = [
    (
        "Методическая, информационная работа с населением",
        ["Петровский", "Импульс", "Комсомолец"],
    ),
    ("Организация работы клубных формирований", ["Январский", "Лесная поляна", "Шалготарьян"]),
    (
        "Организация и проведение культурно-досуговых мероприятий по месту жительства",
        ["Вдохновение", "Азотовец", "Надежда"],
    ),
    (
        "Благоустройство и озеленение прилегающих территорий центров по работе с населением",
        ["Авангард", "Фаворит", "РТС"],
    ),
    (
        "Взаимодействие с учреждениями, организациями, общественными деятелями, "
        "благотворительными фондами",
        ["Ленинградский", "Лидер", "Красновка"],
    ),
    (
        "Праздничное, тематическое оформление прилегающих территорий и помещений центров "
        "по работе с населением",
        ["Ударник", "Меридиан", "Юность"],
    ),
]
CENTER_PARTICIPANTS = 35

# The sport grounds of 2022 exactly as the seed lists them.
GROUNDS_2022 = [
    (names.KIROVSKY, "МБОУ «ООШ №39»", "ул. В. Толстикова, 1"),
    (names.TSENTRALNY, "МБОУ «Лицей №62»", "ул. Весенняя, 17"),
    (names.RUDNICHNY, "МБОУ «СОШ №24»", "ул. Институтская, 20"),
    (names.ZAVODSKY, "МБОУ «Гимназия №17»", "ул. Пролетарская, 13"),
    (names.LENINSKY, "МАОУ «СОШ №93»", "просп. Ленинградский, 34 Б"),
]
# Earlier years: (year, sport grounds, playgrounds), so that the four years
# give 15 sport grounds and 1 playground.
EARLIER_PROJECTS = [(2019, 3, 0), (2020, 3, 1), (2021, 4, 0)]
PROJECTS_FOR_2023 = 5


@dataclass
class Registry:
    """What the registry's demo made, read once."""

    territories: dict  # name -> Territory
    committees: list  # DistrictCommittee, by number
    bodies: list  # unnamed TosBody rows active in 2022, by pk
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


def _contest(name: str, **fields) -> Contest:
    Key = Contest.ReportKey  # the report figure each contest feeds
    fields["report_key"] = {
        BEAUTIFUL_YARD: Key.BEAUTIFUL_YARD, BEST_COMMITTEE: Key.BEST_COMMITTEE, SNOW: Key.SNOW,
        SPARTAKIAD: Key.SPARTAKIAD, BEST_PRACTICE: Key.BEST_PRACTICE, BEST_CENTER: Key.BEST_CENTER,
    }[name]
    contest, _ = Contest.objects.update_or_create(name=name, defaults=fields)
    return contest


def _edition(contest: Contest, year: int, **fields) -> ContestEdition:
    edition = ContestEdition(contest=contest, year=year, **fields)
    edition.full_clean()
    edition.save()
    return edition


def _nominations(edition, rows) -> list[Nomination]:
    """rows: (name, category, period) in the seed's order."""
    return Nomination.objects.bulk_create(
        Nomination(edition=edition, name=name, category=category, period=period, order=n)
        for n, (name, category, period) in enumerate(rows, 1)
    )


def beautiful_yard(registry: Registry, year: int, scale: float = 1.0) -> ContestEdition:
    contest = _contest(
        BEAUTIFUL_YARD,
        held_since=1998,
        level=Contest.Level.CITY,
        audience=Contest.Audience.TOS,
        description="Озеленение дворовых и уличных территорий, благоустройство жилых домов.",
    )
    edition = _edition(contest, year)
    nominations = _nominations(edition, [(n, c, None) for n, c, _, _ in YARD_NOMINATIONS])
    rng = random.Random(f"yard-{year}")
    houses = registry.bodies_of_kind(TosBody.Kind.HOUSE)
    streets = registry.bodies_of_kind(TosBody.Kind.STREET)
    applications = []
    for nomination, (_, category, count, city) in zip(nominations, YARD_NOMINATIONS, strict=True):
        count, city = round(count * scale), round(city * scale)
        # The II category is the private sector: street committees.
        pool = streets if category == "II" else houses
        promoted = set(rng.sample(range(count), city))
        for n, body in enumerate(_pick(rng, pool, count)):
            applications.append(_body_application(
                edition, nomination, body,
                participants=rng.randint(4, 9),
                stage=Stage.CITY if n in promoted else Stage.DISTRICT,
                submitted=_day(rng, year, (5, 10), (6, 30)),
            ))
    Application.objects.bulk_create(applications)
    return edition


def best_committee(registry: Registry, year: int, scale: float = 1.0) -> ContestEdition:
    contest = _contest(
        BEST_COMMITTEE,
        held_since=2009,
        level=Contest.Level.CITY,
        audience=Contest.Audience.TOS,
        description="Улучшение деятельности ТОС и выявление лучших органов ТОС.",
    )
    edition = _edition(contest, year)
    nominations = _nominations(edition, [(n, "", None) for n, *_ in COMMITTEE_NOMINATIONS])
    rng = random.Random(f"committee-{year}")
    applications = []
    rows = zip(nominations, COMMITTEE_NOMINATIONS, strict=True)
    for nomination, (_, kind, body_kind, count) in rows:
        count = round(count * scale)
        promoted = set(rng.sample(range(count), 3))
        if kind == Kind.COMMITTEE:
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
        for n, body in enumerate(_pick(rng, registry.bodies_of_kind(body_kind), count)):
            applications.append(_body_application(
                edition, nomination, body,
                participants=1,
                stage=Stage.CITY if n in promoted else Stage.DISTRICT,
                submitted=_day(rng, year, (9, 1), (10, 15)),
            ))
    Application.objects.bulk_create(applications)
    return edition


def snow(registry: Registry, year: int, scale: float = 1.0) -> ContestEdition:
    contest = _contest(
        SNOW,
        former_names="Сказочная феерия",
        level=Contest.Level.CITY,
        audience=Contest.Audience.TOS,
        description="Строительство снежных и ледовых фигур, новогоднее оформление дворов, "
        "подъездов, балконов и окон.",
    )
    edition = _edition(contest, year)
    nominations = _nominations(edition, [(n, c, None) for n, c, _ in SNOW_NOMINATIONS])
    if scale == 1.0:
        EditionOutcome.objects.bulk_create(
            EditionOutcome(edition=edition, label=label, value=value, order=n)
            for n, (label, value) in enumerate(SNOW_OUTCOMES, 1)
        )
    rng = random.Random(f"snow-{year}")
    applications = []
    for nomination, (_, _, count) in zip(nominations, SNOW_NOMINATIONS, strict=True):
        for body in _pick(rng, registry.bodies, round(count * scale)):
            applications.append(_body_application(
                edition, nomination, body,
                participants=rng.randint(3, 8),
                stage=Stage.DISTRICT,
                submitted=_day(rng, year, (12, 1), (12, 20)),
            ))
    Application.objects.bulk_create(applications)
    return edition


def spartakiad(registry: Registry, year: int) -> ContestEdition:
    contest = _contest(
        SPARTAKIAD,
        level=Contest.Level.CITY,
        audience=Contest.Audience.TOS,
        description="Спартакиада среди комитетов территориального общественного "
        "самоуправления: спортивная эстафета команд и конкурс болельщиков.",
    )
    edition = _edition(contest, year, ordinal=6)
    _nominations(edition, [(n, "", None) for n in SPARTAKIAD_COMPETITIONS])
    rng = random.Random(f"spartakiad-{year}")
    day = datetime.date(year, 2, 26)
    teams = {}
    for name, territory in registry.territories.items():
        title = SPARTAKIAD_WINNER if name == names.KEDROVKA else f"Команда {territory.genitive}"
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
    results = [Result(application=teams[names.KEDROVKA], place=1)]
    results += [Result(application=teams[t], prize=prize) for t, prize in FAN_PRIZES.items()]
    for result in results:
        result.edition = edition
        result.stage = Stage.CITY
    Result.objects.bulk_create(results)
    return edition


def best_practice(registry: Registry, year: int) -> ContestEdition:
    contest = _contest(
        BEST_PRACTICE,
        level=Contest.Level.FEDERAL,
        audience=Contest.Audience.TOS,
        description="Всероссийский конкурс; город участвует в его региональном этапе.",
    )
    edition = _edition(contest, year, participation_year=4)
    nominations = _nominations(edition, [(n, "", None) for n in PRACTICE_NOMINATIONS])
    social = nominations[PRACTICE_NOMINATIONS.index(PRACTICE_SOCIAL)]
    rng = random.Random(f"practice-{year}")
    named = [(registry.named_bodies[name], place) for name, place in PRACTICE_FEDERAL]
    taken = {body.committee_id for body, _ in named}
    others = [c for c in registry.committees if c.pk not in taken]
    applications = [
        _body_application(
            edition, social, body,
            participants=rng.randint(15, 40),
            stage=Stage.FEDERAL,
            submitted=_day(rng, year, (3, 1), (4, 15)),
        )
        for body, _ in named
    ]
    for committee, index in zip(
        _pick(rng, others, len(PRACTICE_COMMITTEE_NOMINATIONS)),
        PRACTICE_COMMITTEE_NOMINATIONS,
        strict=True,
    ):
        applications.append(Application(
            edition=edition,
            nomination=nominations[index],
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
    return edition


def best_center(
    registry: Registry, year: int, participants: int = CENTER_PARTICIPANTS, winners: bool = True
) -> ContestEdition:
    contest = _contest(
        BEST_CENTER,
        level=Contest.Level.CITY,
        audience=Contest.Audience.CENTERS,
        description="Городской смотр-конкурс центров по работе с населением.",
    )
    edition = _edition(contest, year)
    nominations = _nominations(
        edition, [(name, "", n // 2 + 1) for n, (name, _) in enumerate(CENTER_DIRECTIONS)]
    )
    rng = random.Random(f"center-{year}")
    named = [name for _, places in CENTER_DIRECTIONS for name in places]
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
    if winners:
        Result.objects.bulk_create(
            Result(
                application=applications[nomination.pk, name],
                edition=edition,
                place=place,
                stage=Stage.CITY,
            )
            for nomination, (_, places) in zip(nominations, CENTER_DIRECTIONS, strict=True)
            for place, name in enumerate(places, 1)
        )
    return edition


def initiative_projects(registry: Registry) -> None:
    Program.objects.update_or_create(
        name=MUNICIPAL,
        defaults={
            "level": Program.Level.MUNICIPAL,
            "start_year": 2017,
            "end_year": 2025,
            "adopted": datetime.date(2016, 9, 16),
        },
    )
    program, _ = Program.objects.update_or_create(
        name=INITIATIVE,
        defaults={
            "level": Program.Level.REGIONAL,
            "start_year": 2019,
            "description": "Региональная программа инициативного бюджетирования: жители "
            "выбирают объекты благоустройства, активисты ТОС контролируют работы.",
        },
    )
    rng = random.Random("initiative")
    districts = [registry.territories[name] for name in
                 (names.KIROVSKY, names.TSENTRALNY, names.RUDNICHNY, names.ZAVODSKY,
                  names.LENINSKY)]
    Status, ProjectKind = InitiativeProject.Status, InitiativeProject.Kind

    def addresses(territory, n):
        pool = [b.address for b in registry.bodies
                if b.committee.territory_id == territory.pk and b.kind == TosBody.Kind.HOUSE]
        return _pick(rng, pool or [territory.name], n)

    projects = []
    for year, sport, playgrounds in EARLIER_PROJECTS:
        kinds = [ProjectKind.SPORT] * sport + [ProjectKind.PLAYGROUND] * playgrounds
        for territory, kind in zip(rng.sample(districts, len(kinds)), kinds, strict=True):
            what = "спортивной" if kind == ProjectKind.SPORT else "детской игровой"
            projects.append(InitiativeProject(
                program=program, year_submitted=year, year_built=year, territory=territory,
                title=f"Благоустройство {what} площадки во дворе",
                address=addresses(territory, 1)[0], kind=kind, status=Status.BUILT,
                voters=rng.randint(10000, 14000),
            ))
    for name, school, address in GROUNDS_2022:
        projects.append(InitiativeProject(
            program=program, year_submitted=2022, year_built=2022,
            territory=registry.territories[name],
            title=f"Благоустройство спортивной площадки на территории {school}",
            address=address, kind=ProjectKind.SPORT, status=Status.BUILT,
            voters=rng.randint(11000, 15000),
        ))
    # Handed to the regional commission in 2022, to be built in 2023.
    for territory in districts[:PROJECTS_FOR_2023]:
        kind = ProjectKind.PLAYGROUND if territory.name == names.RUDNICHNY else ProjectKind.SPORT
        what = "спортивной" if kind == ProjectKind.SPORT else "детской игровой"
        projects.append(InitiativeProject(
            program=program, year_submitted=2022, territory=territory,
            title=f"Благоустройство {what} площадки во дворе (на 2023 год)",
            address=addresses(territory, 1)[0], kind=kind, status=Status.SUBMITTED,
            voters=rng.randint(3000, 6000),
        ))
    for project in projects:
        project.full_clean()
    InitiativeProject.objects.bulk_create(projects)


def load() -> None:
    if ContestEdition.objects.filter(contest__name=BEAUTIFUL_YARD, year=2022).exists():
        return  # already loaded
    with transaction.atomic():
        registry = Registry.read(2022)
        beautiful_yard(registry, 2022)
        best_committee(registry, 2022)
        snow(registry, 2022)
        spartakiad(registry, 2022)
        best_practice(registry, 2022)
        best_center(registry, 2022)
        initiative_projects(registry)

        # A smaller 2021: plain applications, no winners invented.
        registry = Registry.read(2021)
        beautiful_yard(registry, 2021, scale=0.4)
        best_committee(registry, 2021, scale=0.5)
        snow(registry, 2021, scale=0.45)
        best_center(registry, 2021, participants=28, winners=False)
