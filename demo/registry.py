"""The registry part of the demo: 2022 as the seed reports it, and 2021.

The named records (territories, committees, the named TOS bodies, centers,
campaigns) are loaded from fixtures/demo_registry.json; the bulk (bodies,
activists, clubs, events, receptions, prevention) is generated here to the
targets of fixtures/demo_targets.toml, from the word lists of
fixtures/demo_words.toml.

Everything is generated from fixed seeds (random.Random with a string seed,
Faker ru_RU with a fixed seed), so two loads give the same rows. The 2022
totals are exact: each one is split over its records with `split_total`,
which keeps the sum. 2021 is plainly generated, 5-15% smaller.

Rows go in with bulk_create (and loaddata's raw saves): simple-history
records no history for them, which is right for a demo's initial state,
and keeps the load fast.
"""

import calendar
import datetime
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone
from faker import Faker

from centers.models import Center, Club, PreventionRecord, Reception, RentalItem
from committees.models import Activist, Consent, DistrictCommittee, Territory, TosBody
from events.models import Campaign, Event, EventPhoto

from . import data, images, names

BATCH = 2000
YEAR = 2022
PREVIOUS = 2021

# The seed's figures and the counts of 2021's changes; the word lists.
TARGETS = data.toml("demo_targets.toml")
WORDS = data.toml("demo_words.toml")
TARGETS_2022 = TARGETS["targets_2022"]
CHANGES = TARGETS["changes"]
STREETS = WORDS["streets"]


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
        people = WORDS["people"]
        father = self.rng.choice(people["patronymics"])
        if female:
            return (f"{self.fake.last_name_female()} {self.rng.choice(people['female_names'])} "
                    f"{father[1]}")
        return (f"{self.fake.last_name_male()} {self.rng.choice(people['male_names'])} "
                f"{father[0]}")

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
        ("территории, комитеты, центры, акции", load_named_records),
        ("органы ТОС", load_bodies),
        ("активисты", load_activists),
        ("кружки и клубы", load_clubs),
        ("пункты проката", load_rental_items),
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


def load_named_records(registry: Registry) -> int:
    """The fixture's records, read back in its order (the draws follow it)."""
    data.load_fixture(names.REGISTRY)
    registry.committees = list(DistrictCommittee.objects.select_related("territory")
                               .order_by("pk"))
    registry.named_bodies = {b.name: b for b in TosBody.objects.exclude(name="").order_by("pk")}
    registry.centers = list(Center.objects.order_by("pk"))
    registry.campaigns = {c.name: c for c in Campaign.objects.order_by("pk")}
    counts = {"committees": sum(c.is_active_in(YEAR) for c in registry.committees),
              "centers": sum(c.is_active_in(YEAR) for c in registry.centers)}
    for key, count in counts.items():
        if count != TARGETS_2022[key]:
            raise ValueError(f"{names.REGISTRY} has {count} {key} in {YEAR}, "
                             f"demo_targets.toml says {TARGETS_2022[key]}")
    return len(data.rows(names.REGISTRY))


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
        for streets in (mine, STREETS[territory]):
            free = [s for s in streets if used[s] < limit]
            if free:
                return self.rng.choice(free)
        plain = [s for s in STREETS[territory] if s.startswith("ул. ") and s.endswith("ая")]
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
    named = {b.committee_id: b for b in registry.named_bodies.values()}
    counts = split_total(rng, TARGETS_2022["bodies"] - len(named), weights, low=40)
    streets = {
        c.pk: rng.sample(STREETS[c.territory.name], rng.randint(5, 8))
        for c in registry.committees
    }

    def body(committee, founded, closed=None):
        territory = committee.territory.name
        if rng.random() < TARGETS["house_share"][territory]:
            kind, address = TosBody.Kind.HOUSE, addresses.house(streets[committee.pk], territory)
        else:
            kind = TosBody.Kind.STREET
            address = addresses.stretch(streets[committee.pk], territory)
        return TosBody(committee=committee, kind=kind, address=address, founded=founded,
                       closed=closed)

    for named_body in named.values():  # keep their stretches theirs
        street, houses = named_body.address.split(", дома ")
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
        if committee.pk in named:  # loaded already, after its committee's bodies
            rows.append(named[committee.pk])
    # Bodies founded in 2022 in committees that existed before.
    old_rows = [b for b in rows if not b.name and b.committee.founded.year < YEAR]
    for b in rng.sample(old_rows, CHANGES["bodies_founded_2022"]):
        b.founded = between(rng, datetime.date(YEAR, 1, 20), datetime.date(YEAR, 11, 30))
    # Bodies closed in 2021: all of the committees closed then, and a few more.
    for committee in registry.committees:
        if committee.closed:
            rows += [body(committee, between(rng, committee.founded, datetime.date(2020, 1, 1)),
                          committee.closed) for _ in range(rng.randint(70, 110))]
    carrying_on = [c for c in active if c.founded.year < YEAR]
    for _ in range(CHANGES["bodies_closed_2021"]):
        committee = rng.choice(carrying_on)
        rows.append(body(committee, between(rng, committee.founded, datetime.date(2019, 1, 1)),
                         between(rng, datetime.date(2021, 1, 15), datetime.date(2021, 12, 20))))

    TosBody.objects.bulk_create([b for b in rows if not b.name], batch_size=BATCH)
    for b in rows:
        registry.bodies.setdefault(b.committee_id, []).append(b)
    return len(rows) - len(named)


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
    for body in rng.sample(carrying_on, CHANGES["activists_left_2021"]):
        founded = between(rng, body.founded, datetime.date(2020, 6, 1))
        rows.append(person(body, Activist.Role.MEMBER, founded,
                           between(rng, datetime.date(2021, 1, 20), datetime.date(2021, 12, 25))))
    for body in bodies:
        if body.closed:
            for n in range(rng.randint(2, 4)):
                role = leaders[body.kind] if n == 0 else Activist.Role.MEMBER
                rows.append(person(body, role, body.founded, body.closed))
    Activist.objects.bulk_create(rows, batch_size=BATCH)
    # Each person's consent to take part, as the portal records it.
    Consent.objects.bulk_create(
        [Consent(activist=a, given=a.consent_date, form=a.consent_form) for a in rows],
        batch_size=BATCH,
    )
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
        chosen = rng.choice([c for c in WORDS["centers"]["clubs"]
                             if c["name"] not in taken[center.pk]])
        taken[center.pk].add(chosen["name"])
        return Club(center=center, name=chosen["name"], direction=chosen["direction"],
                    members=size, online=rng.random() < 0.3, founded=founded, closed=closed)

    rows = []
    sizes = iter(members)
    for center, count in zip(centers, per_center, strict=True):
        for _ in range(count):
            founded = between(rng, max(center.founded, datetime.date(2012, 1, 1)),
                              datetime.date(2021, 10, 1))
            rows.append(club(center, founded, size=next(sizes)))
    for c in rng.sample(rows, CHANGES["clubs_founded_2022"]):
        c.founded = between(rng, datetime.date(YEAR, 1, 15), datetime.date(YEAR, 10, 1))
    for center in rng.sample(centers, CHANGES["clubs_closed_2021"]):
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
        for item in rng.sample(WORDS["centers"]["rental_items"], rng.randint(6, 11))
    ]
    RentalItem.objects.bulk_create(rows, batch_size=BATCH)
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
    titles = WORDS["committee_events"]

    def drawn(kind: str, key: str, **fields) -> Slot:
        title = rng.choice(titles[key])
        return Slot(kind, title["title"], title["months"], **fields)

    culture, other = [], []
    for name, campaign in TARGETS["campaigns"].items():
        for _ in range(campaign["events"].get(str(year), 0)):
            slot = Slot(campaign["kind"], f"Акция «{name}»", campaign["months"],
                        registry.campaigns[name])
            (culture if slot.kind == Event.Kind.CULTURAL else other).append(slot)
    culture += [drawn(Event.Kind.CULTURAL, "youth", is_youth=True) for _ in range(youth)]
    culture += [drawn(Event.Kind.CULTURAL, "cultural") for _ in range(cultural - len(culture))]
    plain_actions = actions - sum(s.kind != Event.Kind.SPORT for s in other)
    for _ in range(plain_actions):
        if rng.random() < 0.43:
            other.append(drawn(Event.Kind.ACTION, "action"))
        else:
            other.append(drawn(Event.Kind.CLEANUP, "cleanup"))
    other += [drawn(Event.Kind.SPORT, "sport")
              for _ in range(TARGETS["sport_events"][str(year)])]
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
            e.title if e.title in WORDS["committee_events"]["highlights"] else None)
        if key and (key not in best or e.participants > best[key].participants):
            best[key] = e
    for e in best.values():
        e.is_highlight = True
        e.description = (
            f"{e.title}. Жители двора и активисты ТОС подготовили программу сами."
        )
    registry.highlights += best.values()


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
            program = rng.choice(WORDS["center_events"]["programs"])
            month = rng.choices(range(1, 13), month_weights)[0]
            rows.append(Event(
                date=random_day(rng, year, [month]),
                title=f"{program['title']} {rng.choice(WORDS['center_events']['subtitles'])}",
                kind=program["kind"], center=center, participants=size, is_at_risk=n in flagged,
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
    event = Event.objects.create(kind=Event.Kind.GATHERING, by_city=True, is_highlight=True,
                                 **TARGETS["gathering"])
    registry.highlights.append(event)
    # The report counts the years with a gathering for its ordinal.
    before = TARGETS["earlier_gatherings"]
    earlier = [Event(kind=Event.Kind.GATHERING, by_city=True, participants=before["participants"],
                     title=before["title"], place=event.place, date=event.date.replace(year=year))
               for year in range(before["first"], before["last"] + 1)]
    Event.objects.bulk_create(earlier)
    return 1 + len(earlier)


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
                                  topic=rng.choice(WORDS["centers"]["reception_topics"]),
                                  visitors=size))
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
            # Approved for the booklet, as the highlights' photos were by
            # migration (events 0008): the booklet prints approved ones.
            photo = EventPhoto(event=event, caption=caption, booklet_caption=caption,
                               booklet_state=EventPhoto.Booklet.APPROVED,
                               decided_at=timezone.now())
            # A reload writes the same names: replace the files rather
            # than pile up copies under suffixed names.
            name = photo.image.field.generate_filename(photo, f"demo-{event.pk}-{n}.jpg")
            if photo.image.storage.exists(name):
                photo.image.storage.delete(name)
            photo.image.save(f"demo-{event.pk}-{n}.jpg", ContentFile(data), save=False)
            rows.append(photo)
    EventPhoto.objects.bulk_create(rows)
    return len(rows)
