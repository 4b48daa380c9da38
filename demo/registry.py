"""The registry part of the demo: 2022 as the seed reports it, and 2021.

Everything is generated from fixed seeds (random.Random with a string seed,
Faker ru_RU with a fixed seed), so two loads give the same rows. The 2022
totals are exact: each one is split over its records with `split_total`,
which keeps the sum. 2021 is plainly generated, 5-15% smaller.

Rows go in with bulk_create: simple-history records no history for them,
which is right for a demo's initial state, and keeps the load fast.
"""

import calendar
import datetime
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from faker import Faker

from centers.models import Center, Club, PreventionRecord, Reception, RentalItem
from committees.models import Activist, DistrictCommittee, Territory, TosBody
from events.models import Campaign, Event, EventPhoto

from . import images, names

BATCH = 2000
YEAR = 2022
PREVIOUS = 2021

# The seed's 2022 figures, and the totals chosen where it says «более» or
# «около» (more than 24000 activists, 30000 and about 40000 participants).
TARGETS_2022 = {
    "committees": 54,
    "bodies": 7832,
    "activists": 24318,
    "centers": 45,
    "clubs": 139,
    "club_members": 2426,
    "cultural": 1126,
    "cultural_youth": 240,
    "cultural_participants": 30486,
    "actions": 2772,
    "action_participants": 40112,
    "receptions": 411,
    "reception_visitors": 1662,
    "center_events": 4614,
    "center_participants": 55123,
    "center_at_risk": 1103,
    "prevention": {
        PreventionRecord.Kind.FAMILY_RAID: 598,
        PreventionRecord.Kind.TEEN_RAID: 538,
        PreventionRecord.Kind.FAMILY_CALL: 64,
        PreventionRecord.Kind.RISK_CHILD_CALL: 103,
        PreventionRecord.Kind.INFORMATION: 257,
    },
}

# Committee events of the named campaigns per year. Their kind is the
# campaign's, so the cultural and action ones count in the figures above.
CAMPAIGN_EVENTS = {
    YEAR: {
        "Все на лыжи": 40,
        "Мы с Вами": 60,
        "Окна Победы": 90,
        "Поем двором": 55,
        "Добро России": 45,
        "Россия в объективе": 20,
        "Рисую Россию": 35,
        "Чистые стены": 70,
        "Соберем. Сдадим. Переработаем": 50,
    },
    # «Мы с Вами» began in autumn 2022; the others are plainly fewer.
    PREVIOUS: {
        "Все на лыжи": 30,
        "Окна Победы": 75,
        "Поем двором": 40,
        "Добро России": 30,
        "Чистые стены": 55,
        "Соберем. Сдадим. Переработаем": 25,
    },
}
SPORT_EVENTS = {YEAR: 180, PREVIOUS: 160}

# Closings and openings that make 2021 differ from 2022.
CLOSED_COMMITTEES = [(names.ZAVODSKY, datetime.date(2021, 6, 30)),
                     (names.RUDNICHNY, datetime.date(2021, 11, 30))]
NEW_COMMITTEE = (names.LESNAYA_POLYANA, datetime.date(2022, 3, 15))
BODIES_CLOSED_2021 = 60  # in committees that carry on
BODIES_FOUNDED_2022 = 110  # in committees founded before 2022
ACTIVISTS_LEFT_2021 = 320
CLUBS_FOUNDED_2022 = 12
CLUBS_CLOSED_2021 = 3

RENTAL_ITEMS = [
    "Мяч футбольный", "Мяч волейбольный", "Мяч баскетбольный",
    "Набор для настольного тенниса", "Набор для бадминтона", "Дартс", "Шашки",
    "Шахматы", "Обруч гимнастический", "Скакалка", "Лыжи беговые (комплект)", "Санки",
    "Клюшка хоккейная",
]


def rng_for(section: str) -> random.Random:
    """A generator per section: changing one section leaves the others."""
    return random.Random(f"kemerovo-tos-demo:{section}")


def split_total(rng, total: int, weights: list[float], low: int = 0) -> list[int]:
    """Integers, each at least `low`, roughly proportional to `weights`,
    whose sum is exactly `total` (largest remainders get the spare)."""
    spare = total - low * len(weights)
    if spare < 0:
        raise ValueError(f"{total} cannot be split into {len(weights)} parts of {low}+")
    scale = spare / sum(weights)
    raw = [w * scale for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], rng.random()))
    for i in by_remainder[: spare - sum(parts)]:
        parts[i] += 1
    return [low + p for p in parts]


def smaller(rng, value: int) -> int:
    """2021's value: 5-15% below 2022's."""
    return round(value * rng.uniform(0.85, 0.95))


def random_day(rng, year: int, months) -> datetime.date:
    month = rng.choice(months)
    return datetime.date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


def between(rng, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
    strict=True,
))


def latin(text: str) -> str:
    return "".join(TRANSLIT.get(c, c) for c in text.lower())


class People:
    """Realistic Russian names, fake phones and e-mails."""

    def __init__(self, section: str):
        self.rng = rng_for(section)
        self.fake = Faker("ru_RU")
        self.fake.seed_instance(sum(map(ord, section)))

    def full_name(self, female: bool | None = None) -> str:
        if female is None:
            female = self.rng.random() < 0.64  # most activists are women
        father = self.rng.choice(names.PATRONYMICS)
        if female:
            return (f"{self.fake.last_name_female()} {self.rng.choice(names.FEMALE_NAMES)} "
                    f"{father[1]}")
        return f"{self.fake.last_name_male()} {self.rng.choice(names.MALE_NAMES)} {father[0]}"

    def mobile(self) -> str:
        r = self.rng
        return (f"+7 (9{r.randint(0, 99):02d}) {r.randint(100, 999)}-"
                f"{r.randint(0, 99):02d}-{r.randint(0, 99):02d}")

    def landline(self) -> str:
        r = self.rng
        return f"+7 (3842) {r.randint(31, 77)}-{r.randint(0, 99):02d}-{r.randint(0, 99):02d}"

    def email(self, full_name: str) -> str:
        last, first, *_ = full_name.split()
        return f"{latin(last)}.{latin(first)[0]}{self.rng.randint(1, 999)}@example.org"


@dataclass
class Registry:
    """What the steps made, for the later steps (and the other modules)."""

    territories: dict[str, Territory] = field(default_factory=dict)
    committees: list[DistrictCommittee] = field(default_factory=list)
    bodies: dict[int, list[TosBody]] = field(default_factory=dict)  # committee pk ->
    named_bodies: dict[str, TosBody] = field(default_factory=dict)
    centers: list[Center] = field(default_factory=list)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    highlights: list[Event] = field(default_factory=list)


def load(log: Callable[[str], None] = lambda message: None) -> Registry:
    """Load the whole registry: 2022 exactly as the seed, and 2021."""
    registry = Registry()
    steps = [
        ("территории", load_territories),
        ("окружные комитеты", load_committees),
        ("органы ТОС", load_bodies),
        ("активисты", load_activists),
        ("центры", load_centers),
        ("кружки и клубы", load_clubs),
        ("пункты проката", load_rental_items),
        ("городские акции", load_campaigns),
        ("мероприятия комитетов", load_committee_events),
        ("мероприятия центров", load_center_events),
        ("слет общественности", load_gathering),
        ("приемы граждан", load_receptions),
        ("профилактическая работа", load_prevention),
        ("фото ярких моментов", load_highlight_photos),
    ]
    for title, step in steps:
        started = time.monotonic()
        count = step(registry)
        log(f"  {title}: {count} ({time.monotonic() - started:.1f} с)")
    return registry


def load_territories(registry: Registry) -> int:
    rows = [
        Territory(name=name, kind=kind, name_genitive=genitive, order=order)
        for order, (name, kind, genitive) in enumerate(names.TERRITORIES, 1)
    ]
    for territory in Territory.objects.bulk_create(rows):
        registry.territories[territory.name] = territory
    return len(rows)


def load_committees(registry: Registry) -> int:
    rng, people = rng_for("committees"), People("committees")
    closed = dict(CLOSED_COMMITTEES)
    plan = []  # (territory, founded, closed)
    for territory, count in names.COMMITTEES_PER_TERRITORY.items():
        for n in range(count):
            founded = between(rng, datetime.date(2006, 4, 1), datetime.date(2016, 12, 31))
            if (territory, n) == (NEW_COMMITTEE[0], count - 1):
                founded = NEW_COMMITTEE[1]
            plan.append((territory, founded, None))
            if territory in closed and n == count // 2:
                # Merged into its neighbours: numbers stay where they were.
                old = between(rng, datetime.date(2006, 4, 1), datetime.date(2012, 12, 31))
                plan.append((territory, old, closed[territory]))
    rows = [
        DistrictCommittee(
            number=number,
            name=f"Окружной комитет ТОС № {number}",
            territory=registry.territories[territory],
            chair_name=people.full_name(),
            phone=people.landline(),
            founded=founded,
            closed=closed_on,
        )
        for number, (territory, founded, closed_on) in enumerate(plan, 1)
    ]
    registry.committees = DistrictCommittee.objects.bulk_create(rows)
    return len(rows)


class Addresses:
    """House numbers and street stretches, never the same twice in the city.

    A street takes houses up to MAX_HOUSE and stretches up to MAX_STRETCH;
    then the territory's other streets, then its numbered streets
    («ул. 2-я Береговая»), as private-house areas have.
    """

    MAX_HOUSE = 140
    MAX_STRETCH = 260

    def __init__(self, rng):
        self.rng = rng
        self.next_house = Counter()
        self.next_stretch = Counter()

    def street(self, mine: list[str], territory: str, used: Counter, limit: int) -> str:
        for streets in (mine, names.STREETS[territory]):
            free = [s for s in streets if used[s] < limit]
            if free:
                return self.rng.choice(free)
        plain = [s for s in names.STREETS[territory] if s.startswith("ул. ") and s.endswith("ая")]
        for number in range(2, 20):
            free = [f"ул. {number}-я {s[4:]}" for s in plain
                    if used[f"ул. {number}-я {s[4:]}"] < limit]
            if free:
                mine.append(free[0])
                return free[0]
        raise ValueError(f"No free address left in {territory}")

    def house(self, mine: list[str], territory: str, step: int = 3) -> str:
        street = self.street(mine, territory, self.next_house, self.MAX_HOUSE)
        number = self.next_house[street] + self.rng.randint(1, step)
        self.next_house[street] = number
        suffix = self.rng.choice(["А", "Б", "/1", "/2"]) if self.rng.random() < 0.07 else ""
        return f"{street}, {number}{suffix}"

    def stretch(self, mine: list[str], territory: str) -> str:
        street = self.street(mine, territory, self.next_stretch, self.MAX_STRETCH)
        first = self.next_stretch[street] + 1
        last = first + self.rng.randint(8, 34)
        self.next_stretch[street] = last
        return f"{street}, дома {first}–{last}"


def load_bodies(registry: Registry) -> int:
    rng = rng_for("bodies")
    addresses = Addresses(rng)
    active = [c for c in registry.committees if c.is_active_in(YEAR)]
    # Residential areas are villages of private houses: smaller committees.
    weights = [(0.4 if c.founded.year == YEAR else rng.uniform(0.55, 1.6))
               * (0.6 if c.territory.kind == Territory.Kind.RESIDENTIAL else 1) for c in active]
    named = {territory: name for name, (territory, _) in names.NAMED_BODIES.items()}
    counts = split_total(rng, TARGETS_2022["bodies"] - len(named), weights, low=40)
    streets = {
        c.pk: rng.sample(names.STREETS[c.territory.name], rng.randint(5, 8))
        for c in registry.committees
    }

    def body(committee, founded, closed=None):
        territory = committee.territory.name
        if rng.random() < names.HOUSE_SHARE[territory]:
            kind, address = TosBody.Kind.HOUSE, addresses.house(streets[committee.pk], territory)
        else:
            kind = TosBody.Kind.STREET
            address = addresses.stretch(streets[committee.pk], territory)
        return TosBody(committee=committee, kind=kind, address=address, founded=founded,
                       closed=closed)

    for _, address in names.NAMED_BODIES.values():  # keep their stretches theirs
        street, houses = address.split(", дома ")
        addresses.next_stretch[street] = int(houses.split("–")[1])

    def old_date(committee):
        return between(rng, committee.founded, datetime.date(2021, 12, 31))

    rows = []
    for committee, count in zip(active, counts, strict=True):
        if committee.founded.year == YEAR:
            last = datetime.date(YEAR, 11, 30)
            rows += [body(committee, between(rng, committee.founded, last))
                     for _ in range(count)]
        else:
            rows += [body(committee, old_date(committee)) for _ in range(count)]
        territory = committee.territory.name
        if territory in named and not committee.closed and committee.founded.year < YEAR:
            name = named.pop(territory)
            address = names.NAMED_BODIES[name][1]
            rows.append(TosBody(committee=committee, kind=TosBody.Kind.STREET, name=name,
                                address=address, founded=datetime.date(2012, 5, 17)))
    # Bodies founded in 2022 in committees that existed before.
    old_rows = [b for b in rows if not b.name and b.committee.founded.year < YEAR]
    for b in rng.sample(old_rows, BODIES_FOUNDED_2022):
        b.founded = between(rng, datetime.date(YEAR, 1, 20), datetime.date(YEAR, 11, 30))
    # Bodies closed in 2021: all of the committees closed then, and a few more.
    for committee in registry.committees:
        if committee.closed:
            rows += [body(committee, between(rng, committee.founded, datetime.date(2020, 1, 1)),
                          committee.closed) for _ in range(rng.randint(70, 110))]
    carrying_on = [c for c in active if c.founded.year < YEAR]
    for _ in range(BODIES_CLOSED_2021):
        committee = rng.choice(carrying_on)
        rows.append(body(committee, between(rng, committee.founded, datetime.date(2019, 1, 1)),
                         between(rng, datetime.date(2021, 1, 15), datetime.date(2021, 12, 20))))

    TosBody.objects.bulk_create(rows, batch_size=BATCH)
    for b in rows:
        registry.bodies.setdefault(b.committee_id, []).append(b)
        if b.name:
            registry.named_bodies[b.name] = b
    return len(rows)


def load_activists(registry: Registry) -> int:
    rng, people = rng_for("activists"), People("activists")
    bodies = [b for per in registry.bodies.values() for b in per]
    active = [b for b in bodies if b.is_active_in(YEAR)]
    weights = [rng.uniform(1.5, 3.2) if b.kind == TosBody.Kind.HOUSE else rng.uniform(2.5, 5)
               for b in active]
    counts = split_total(rng, TARGETS_2022["activists"], weights, low=1)
    leaders = {TosBody.Kind.HOUSE: Activist.Role.HOUSE_SENIOR,
               TosBody.Kind.STREET: Activist.Role.STREET_SENIOR}

    def person(body, role, founded, closed=None):
        name = people.full_name()
        if founded >= datetime.date(2019, 1, 1):
            consent = founded
        else:  # consents were collected anew in 2019-2020
            consent = between(rng, datetime.date(2019, 1, 10), datetime.date(2020, 12, 20))
        return Activist(
            tos_body=body,
            full_name=name,
            role=role,
            phone=people.mobile() if rng.random() < 0.93 else "",
            email=people.email(name) if rng.random() < 0.55 else "",
            birth_date=between(rng, datetime.date(1940, 1, 1), datetime.date(2003, 12, 31)),
            consent_date=consent,
            consent_form=(Activist.ConsentForm.ELECTRONIC if rng.random() < 0.2
                          else Activist.ConsentForm.WRITTEN),
            founded=founded,
            closed=closed,
        )

    rows = []
    for body, count in zip(active, counts, strict=True):
        late = body.founded.year == YEAR
        for n in range(count):
            role = (Activist.Role.CHAIR if body.name else leaders[body.kind]) if n == 0 \
                else Activist.Role.MEMBER
            if late:
                founded = body.founded
            elif n and rng.random() < 0.02:
                founded = between(rng, datetime.date(YEAR, 1, 10), datetime.date(YEAR, 12, 10))
            else:
                founded = between(rng, body.founded, datetime.date(2021, 12, 31))
            rows.append(person(body, role, founded))
    # People who left in 2021, and the people of the bodies closed then.
    carrying_on = [b for b in active if b.founded.year < 2020]
    for body in rng.sample(carrying_on, ACTIVISTS_LEFT_2021):
        founded = between(rng, body.founded, datetime.date(2020, 6, 1))
        rows.append(person(body, Activist.Role.MEMBER, founded,
                           between(rng, datetime.date(2021, 1, 20), datetime.date(2021, 12, 25))))
    for body in bodies:
        if body.closed:
            for n in range(rng.randint(2, 4)):
                role = leaders[body.kind] if n == 0 else Activist.Role.MEMBER
                rows.append(person(body, role, body.founded, body.closed))
    Activist.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def load_centers(registry: Registry) -> int:
    rng, people = rng_for("centers"), People("centers")
    addresses = Addresses(rng)
    everything = {**names.SEED_CENTERS, **names.MORE_CENTERS}
    rows = [
        Center(
            name=name,
            territory=registry.territories[territory],
            address=addresses.house([rng.choice(names.STREETS[territory])], territory, 60),
            head_name=people.full_name(female=rng.random() < 0.85),
            phone=people.landline(),
            founded=between(rng, datetime.date(2008, 1, 10), datetime.date(2014, 12, 25)),
        )
        for name, territory in everything.items()
    ]
    registry.centers = Center.objects.bulk_create(rows)
    return len(rows)


def load_clubs(registry: Registry) -> int:
    rng = rng_for("clubs")
    centers = registry.centers
    per_center = split_total(rng, TARGETS_2022["clubs"],
                             [rng.uniform(0.5, 1.5) for _ in centers], low=1)
    members = split_total(rng, TARGETS_2022["club_members"],
                          [rng.uniform(0.6, 1.6) for _ in range(TARGETS_2022["clubs"])], low=6)
    taken = {c.pk: set() for c in centers}

    def club(center, founded, closed=None, size=10):
        name, direction = rng.choice([c for c in names.CLUBS if c[0] not in taken[center.pk]])
        taken[center.pk].add(name)
        return Club(center=center, name=name, direction=direction, members=size,
                    online=rng.random() < 0.3, founded=founded, closed=closed)

    rows = []
    sizes = iter(members)
    for center, count in zip(centers, per_center, strict=True):
        for _ in range(count):
            founded = between(rng, max(center.founded, datetime.date(2012, 1, 1)),
                              datetime.date(2021, 10, 1))
            rows.append(club(center, founded, size=next(sizes)))
    for c in rng.sample(rows, CLUBS_FOUNDED_2022):
        c.founded = between(rng, datetime.date(YEAR, 1, 15), datetime.date(YEAR, 10, 1))
    for center in rng.sample(centers, CLUBS_CLOSED_2021):
        rows.append(club(center, datetime.date(2016, 9, 1),
                         between(rng, datetime.date(2021, 5, 31), datetime.date(2021, 12, 28)),
                         size=rng.randint(6, 14)))
    Club.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def load_rental_items(registry: Registry) -> int:
    rng = rng_for("rental")
    rows = [
        RentalItem(center=center, item=item, quantity=rng.randint(1, 12))
        for center in registry.centers
        for item in rng.sample(RENTAL_ITEMS, rng.randint(6, 11))
    ]
    RentalItem.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def load_campaigns(registry: Registry) -> int:
    rows = [Campaign(name=name, description=description)
            for name, _, _, description in names.CAMPAIGNS]
    registry.campaigns = {c.name: c for c in Campaign.objects.bulk_create(rows)}
    return len(rows)


@dataclass
class Slot:
    """An event before its organiser is chosen."""

    kind: str
    title: str
    months: list[int]
    campaign: Campaign | None = None
    is_youth: bool = False


def committee_slots(registry: Registry, year: int, rng) -> tuple[list[Slot], list[Slot]]:
    """The year's (cultural, action or clean-up) committee events; the
    sport events are returned with the actions, being counted in neither."""
    if year == YEAR:
        cultural, youth, actions = (TARGETS_2022["cultural"], TARGETS_2022["cultural_youth"],
                                    TARGETS_2022["actions"])
    else:
        cultural, youth, actions = (smaller(rng, TARGETS_2022["cultural"]),
                                    smaller(rng, TARGETS_2022["cultural_youth"]),
                                    smaller(rng, TARGETS_2022["actions"]))
    culture, other = [], []
    for name, kind, months, _ in names.CAMPAIGNS:
        for _ in range(CAMPAIGN_EVENTS[year].get(name, 0)):
            slot = Slot(kind, f"Акция «{name}»", months, registry.campaigns[name])
            (culture if kind == Event.Kind.CULTURAL else other).append(slot)
    culture += [Slot(Event.Kind.CULTURAL, *rng.choice(names.YOUTH_TITLES), is_youth=True)
                for _ in range(youth)]
    culture += [Slot(Event.Kind.CULTURAL, *rng.choice(names.CULTURAL_TITLES))
                for _ in range(cultural - len(culture))]
    plain_actions = actions - sum(s.kind != Event.Kind.SPORT for s in other)
    for _ in range(plain_actions):
        if rng.random() < 0.43:
            other.append(Slot(Event.Kind.ACTION, *rng.choice(names.ACTION_TITLES)))
        else:
            other.append(Slot(Event.Kind.CLEANUP, *rng.choice(names.CLEANUP_TITLES)))
    other += [Slot(Event.Kind.SPORT, *rng.choice(names.SPORT_TITLES))
              for _ in range(SPORT_EVENTS[year])]
    return culture, other


def participants(rng, slots: list[Slot], total: int, low: int) -> list[int]:
    weights = [rng.lognormvariate(0, 0.55) * (1.6 if "Новогод" in s.title or "Масленица" in s.title
                                              else 1) for s in slots]
    return split_total(rng, total, weights, low=low)


def load_committee_events(registry: Registry) -> int:
    rng = rng_for("committee-events")
    weights = {c.pk: len(registry.bodies.get(c.pk, [])) for c in registry.committees}
    stable = {pk: [b for b in bodies if b.founded.year < 2021 and not b.closed]
              for pk, bodies in registry.bodies.items()}
    named_by_committee = {b.committee_id: b for b in registry.named_bodies.values()}
    rows = []
    for year in (PREVIOUS, YEAR):
        committees = [c for c in registry.committees if c.is_active_in(year)]
        culture, other = committee_slots(registry, year, rng)
        if year == YEAR:
            culture_people = TARGETS_2022["cultural_participants"]
            action_people = TARGETS_2022["action_participants"]
        else:
            culture_people = smaller(rng, TARGETS_2022["cultural_participants"])
            action_people = smaller(rng, TARGETS_2022["action_participants"])
        counted = [s for s in other if s.kind != Event.Kind.SPORT]
        sport = [s for s in other if s.kind == Event.Kind.SPORT]
        people = (participants(rng, culture, culture_people, 5)
                  + participants(rng, counted, action_people, 3)
                  + [rng.randint(8, 60) for _ in sport])
        for slot, count in zip(culture + counted + sport, people, strict=True):
            while True:
                committee = rng.choices(committees, [weights[c.pk] for c in committees])[0]
                day = random_day(rng, year, slot.months)
                if committee.founded <= day and (not committee.closed or day <= committee.closed):
                    break
            body = None
            if committee.pk in named_by_committee and rng.random() < 0.3:
                body = named_by_committee[committee.pk]
            elif rng.random() < 0.3 and stable.get(committee.pk):
                body = rng.choice(stable[committee.pk])
            where = body or rng.choice(stable.get(committee.pk) or registry.bodies[committee.pk])
            rows.append(Event(
                date=day, title=slot.title, kind=slot.kind, committee=committee, tos_body=body,
                campaign=slot.campaign, participants=count, is_youth=slot.is_youth,
                place=(f"Двор дома {where.address}" if where.kind == TosBody.Kind.HOUSE
                       else where.address),
            ))
    pick_committee_highlights(registry, [e for e in rows if e.date.year == YEAR])
    Event.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def pick_committee_highlights(registry: Registry, events: list[Event]) -> None:
    """The biggest event of each campaign and of three yard holidays."""
    best = {}
    for e in events:
        key = e.campaign_id and e.campaign.name or (
            e.title if e.title in HIGHLIGHT_TITLES else None)
        if key and (key not in best or e.participants > best[key].participants):
            best[key] = e
    for e in best.values():
        e.is_highlight = True
        e.description = (
            f"{e.title}: {e.participants} участников. Жители двора и активисты ТОС "
            f"подготовили программу сами; фото — в буклет года."
        )
    registry.highlights += best.values()


HIGHLIGHT_TITLES = ["Масленица во дворе", "День города: дворовый праздник",
                    "Новогодний праздник во дворе"]


def load_center_events(registry: Registry) -> int:
    rng = rng_for("center-events")
    centers = registry.centers
    weights = [rng.uniform(0.6, 1.5) for _ in centers]
    month_weights = [0.7, 0.9, 1, 1, 1.1, 1.3, 1.2, 1.1, 1, 1, 1, 1.2]
    rows = []
    for year in (PREVIOUS, YEAR):
        if year == YEAR:
            count, people, at_risk = (TARGETS_2022["center_events"],
                                      TARGETS_2022["center_participants"],
                                      TARGETS_2022["center_at_risk"])
        else:
            count, people, at_risk = (smaller(rng, TARGETS_2022["center_events"]),
                                      smaller(rng, TARGETS_2022["center_participants"]),
                                      smaller(rng, TARGETS_2022["center_at_risk"]))
        sizes = split_total(rng, people, [rng.lognormvariate(0, 0.5) for _ in range(count)],
                            low=2)
        flagged = set(rng.sample(range(count), at_risk))
        for n, size in enumerate(sizes):
            center = rng.choices(centers, weights)[0]
            program, kind = rng.choice(names.CENTER_PROGRAMS)
            month = rng.choices(range(1, 13), month_weights)[0]
            rows.append(Event(
                date=random_day(rng, year, [month]),
                title=f"{program} {rng.choice(names.CENTER_SUBTITLES)}",
                kind=kind, center=center, participants=size, is_at_risk=n in flagged,
                place=f"ЦРН «{center.name}», {center.address}",
            ))
    this_year = [e for e in rows if e.date.year == YEAR]
    for program in ("Праздничная программа", "Спортивная эстафета"):
        best = max((e for e in this_year if e.title.startswith(program)),
                   key=lambda e: e.participants)
        best.is_highlight = True
        best.description = f"{best.title} в ЦРН «{best.center.name}»."
        registry.highlights.append(best)
    Event.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def load_gathering(registry: Registry) -> int:
    event = Event.objects.create(
        date=datetime.date(YEAR, 12, 9),
        title=names.GATHERING_2022,
        kind=Event.Kind.GATHERING,
        by_city=True,
        participants=650,
        is_highlight=True,
        place=names.GATHERING_PLACE,
        description=(
            "Ежегодный городской Слет общественности проводится с 2006 года: итоги года, "
            "награды общественникам, сотрудникам центров по работе с населением и "
            "неравнодушным кемеровчанам."
        ),
    )
    registry.highlights.append(event)
    return 1


def load_receptions(registry: Registry) -> int:
    rng = rng_for("receptions")
    centers = registry.centers
    rows = []
    for year in (PREVIOUS, YEAR):
        count = TARGETS_2022["receptions"] if year == YEAR else smaller(
            rng, TARGETS_2022["receptions"])
        visitors = (TARGETS_2022["reception_visitors"] if year == YEAR
                    else smaller(rng, TARGETS_2022["reception_visitors"]))
        sizes = split_total(rng, visitors, [rng.uniform(0.3, 1.7) for _ in range(count)], low=1)
        for size in sizes:
            day = random_day(rng, year, range(1, 13))
            if day.weekday() > 4:  # receptions are on weekdays: the Friday before
                day -= datetime.timedelta(days=day.weekday() - 4)
            if day.year < year:
                day += datetime.timedelta(days=7)
            rows.append(Reception(center=rng.choice(centers), date=day,
                                  topic=rng.choice(names.RECEPTION_TOPICS), visitors=size))
    Reception.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def load_prevention(registry: Registry) -> int:
    rng = rng_for("prevention")
    centers = registry.centers
    center_weights = [rng.uniform(0.4, 1.6) for _ in centers]
    rows = []
    for year in (PREVIOUS, YEAR):
        cells = [(c, m) for c, _ in enumerate(centers) for m in range(1, 13)]
        weights = [center_weights[c] * (0.7 if m in (7, 8) else 1) for c, m in cells]
        for kind, total in TARGETS_2022["prevention"].items():
            if year != YEAR:
                total = smaller(rng, total)
            counts = Counter(rng.choices(cells, weights, k=total))
            rows += [
                PreventionRecord(center=centers[c], month=datetime.date(year, m, 1), kind=kind,
                                 count=n)
                for (c, m), n in sorted(counts.items())
            ]
    PreventionRecord.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def load_highlight_photos(registry: Registry) -> int:
    """One to three drawn photos per highlight, saved into MEDIA_ROOT."""
    rng = rng_for("photos")
    rows = []
    for event in registry.highlights:
        organiser = event.organiser
        where = "Администрация города" if event.by_city else str(organiser)
        for n in range(1, (3 if event.by_city else rng.randint(1, 2)) + 1):
            caption = f"{event.title}, {event.date:%d.%m.%Y}"
            data = images.draw_photo(event.title, f"{where} · {event.date:%d.%m.%Y}",
                                     event.date.month, f"{event.pk}-{n}")
            photo = EventPhoto(event=event, caption=caption)
            # A reload writes the same names: replace the files rather
            # than pile up copies under suffixed names.
            name = photo.image.field.generate_filename(photo, f"demo-{event.pk}-{n}.jpg")
            if photo.image.storage.exists(name):
                photo.image.storage.delete(name)
            photo.image.save(f"demo-{event.pk}-{n}.jpg", ContentFile(data), save=False)
            rows.append(photo)
    EventPhoto.objects.bulk_create(rows)
    return len(rows)
