"""On the loaded 2022 demo: every figure of docs/design.md's table is in the PDF
booklet, in its sentence. The expected numbers are counted here with plain
queries, apart from reports.aggregates."""

import io
import re

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from centers.models import Center, Club, PreventionRecord, Reception
from committees.models import Activist, DistrictCommittee, Territory, TosBody
from contests.models import Application, ContestEdition, InitiativeProject, Result
from events.models import Campaign, Event
from reports import booklet
from reports.aggregates import annual_report, headline_figures
from reports.formatting import count, number, plural
from reports.models import YearPlan

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

YEAR = 2022


@pytest.fixture(scope="module")
def pdf_text(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        content = booklet.booklet_pdf(YEAR)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    text = re.sub("\u2010\\s*", "", text)  # hyphenation at line ends
    return " ".join(text.replace("\u00a0", " ").split())


def n(value: int) -> str:
    return number(value).replace("\u00a0", " ")


def took_part(value: int, forms=("человек", "человека", "человек")) -> str:
    verb = plural(value, "принял", "приняли", "приняли")
    return f"{verb} участие {count(value, *forms)}".replace("\u00a0", " ")


def people(qs, field="participants") -> int:
    return qs.aggregate(s=Sum(field))["s"] or 0


def assert_in(pdf_text, *phrases):
    for phrase in phrases:
        assert phrase in pdf_text, phrase


def test_figures_1_to_3_registry(pdf_text):
    assert_in(
        pdf_text,
        f"действуют {n(DistrictCommittee.objects.active_in(YEAR).count())} окружных комитета "
        "территориального общественного самоуправления, в состав которых входит "
        f"{n(TosBody.objects.active_in(YEAR).count())} органа",
        f"объединяющих {n(Activist.objects.active_in(YEAR).count())} активных кемеровчан",
    )


def test_figures_4_to_6_committee_events(pdf_text):
    events = Event.objects.in_year(YEAR).by_committees()
    cultural = events.of_kind(Event.Kind.CULTURAL)
    actions = events.of_kind(Event.Kind.ACTION, Event.Kind.CLEANUP)
    assert_in(
        pdf_text,
        f"За {YEAR} год было проведено {n(cultural.count())} культурно-массовых мероприятий, "
        f"в том числе {n(cultural.filter(is_youth=True).count())} мероприятий по развитию "
        "молодежного движения. Всего в отчетном периоде в мероприятиях "
        f"{took_part(people(cultural))}",
        f"было проведено {n(actions.count())} акции и субботника, в которых "
        f"{took_part(people(actions))}",
    )
    names = Campaign.objects.filter(events__date__year=YEAR).distinct()
    assert names.count() >= 9
    for campaign in names:
        assert f"«{campaign.name}»" in pdf_text


def test_figures_7_to_13_contests(pdf_text):
    practice = ContestEdition.objects.get(year=YEAR, contest__name__contains="практика")
    committees = (
        Application.objects.filter(edition=practice, stage__in=["regional", "federal"])
        .values("committee").distinct().count()
    )
    assert_in(
        pdf_text,
        "Четвертый год подряд члены окружных комитетов ТОС",
        f"{committees} окружных комитетов территориального общественного самоуправления "
        "города Кемерово направили заявки и прошли региональный этап",
        "в номинации «Социальная поддержка населения» 3 место занял ТОС «Рудник» и 5 место "
        "ТОС «Шахтерский уголок»",
    )

    projects = InitiativeProject.objects.filter(program__name__contains="Кузбасс")
    built = projects.filter(status="built", year_built__lte=YEAR)
    assert_in(
        pdf_text,
        "участвует 4-й год подряд",
        "уже " + took_part(people(projects.filter(year_submitted__lte=YEAR), "voters"),
                           ("кемеровчанин", "кемеровчанина", "кемеровчан")),
        f"благоустроены {built.filter(kind='sport').count()} спортивных площадок и "
        f"{built.filter(kind='playground').count()} детская игровая площадка",
        f"оборудовано {built.filter(year_built=YEAR).count()} площадок",
        f"поданы {projects.filter(status='submitted', year_submitted=YEAR).count()} проектов",
        "благоустройство спортивной площадки на территории МБОУ «ООШ №39» (ул. В. Толстикова, 1)",
    )

    city_apps = Application.objects.filter(edition__year=YEAR, edition__contest__level="city")
    assert_in(pdf_text, f"В течение года в конкурсах {took_part(people(city_apps))}")

    yard = Application.objects.filter(edition__year=YEAR, edition__contest__name__contains="двор")
    assert_in(
        pdf_text,
        "проводится в городе Кемерово с 1998 года",
        f"На районный этап конкурса было подано {n(yard.count())} заявки, из которых на "
        f"городской этап прошли {yard.filter(stage='city').count()} заявок",
        "«Подъезд мечты» II категория",
    )
    committee = Application.objects.filter(
        edition__year=YEAR, edition__contest__name__startswith="Лучший комитет"
    )
    assert_in(pdf_text, "проводится в городе Кемерово с 2009 года",
              f"в нем {took_part(people(committee))}")
    snow = Application.objects.filter(edition__year=YEAR,
                                      edition__contest__name="Снежный калейдоскоп")
    assert_in(
        pdf_text,
        "(ранее «Сказочная феерия»)",
        f"На участие в конкурсе было подано {n(snow.count())} заявок",
        "построено снежных городков — 126",
        "оформлено балконов и окон — 19 800",
    )
    assert_in(
        pdf_text,
        "Состоялась VI спартакиада среди комитетов территориального общественного "
        "самоуправления «Спортивные рекорды Кузбассу»",
        "стала команда «Лига ТОС» ж.р. Кедровка, Промышленновский",
        "самые костюмированные болельщики — Ленинский район",
    )


def test_figures_14_to_20_centers(pdf_text):
    receptions = Reception.objects.in_year(YEAR)
    prevention = PreventionRecord.objects.in_year(YEAR)

    def kind(k):
        return n(people(prevention.filter(kind=k), "count"))

    center_events = Event.objects.in_year(YEAR).by_centers()
    clubs = Club.objects.active_in(YEAR)
    assert_in(
        pdf_text,
        f"работают {Center.objects.active_in(YEAR).count()} центров по работе с населением",
        f"проведены {receptions.count()} консультативных приемов граждан, обратились "
        f"{n(people(receptions, 'visitors'))} человека",
        f"было проведено {kind('family_raid')} рейдов в неблагополучные семьи, "
        f"{kind('teen_raid')} рейдов к неблагополучным подросткам",
        f"провели {kind('family_call')} профилактические беседы по телефону с неблагополучными "
        f"семьями и {kind('risk_child_call')} профилактические беседы по телефону с семьями",
        f"по результатам работы — {kind('information')}",
        f"проведено {n(center_events.filter(is_at_risk=True).count())} мероприятия на базе "
        "центров",
        f"работают {clubs.count()} кружков и клубов по интересам, в которых занимается "
        f"{n(people(clubs, 'members'))} человек",
        f"Всего прошло {n(center_events.count())} мероприятий, в которых "
        f"{took_part(people(center_events))}",
    )
    best = ContestEdition.objects.get(year=YEAR, contest__name__startswith="Лучший центр")
    centers = Application.objects.filter(edition=best).values("center").distinct().count()
    assert_in(
        pdf_text,
        f"в {best.periods} периода по {best.nominations.count()} направлениям",
        f"Участие в конкурсе приняли {centers} центров",
        "Победителями в направлении «Методическая, информационная работа с населением» стали: "
        "«Петровский» ж.р. Кедровка, Промышленновский; «Импульс» Ленинского района; "
        "«Комсомолец» Кировского района",
    )
    assert Result.objects.filter(edition=best).count() == 18


def test_figures_21_and_22(pdf_text):
    assert Event.objects.in_year(YEAR).of_kind(Event.Kind.GATHERING).exists()
    assert_in(pdf_text, f"В {YEAR} году был проведен XV городской Слет общественности")
    plan = YearPlan.objects.get(year=YEAR + 1)
    assert_in(pdf_text, "поставлена цель: активизировать участие населения")
    tasks = list(plan.tasks.all())
    assert len(tasks) == 5
    for task in tasks:
        assert task.text in pdf_text


def test_aggregation_and_pdf_queries_do_not_grow(django_assert_max_num_queries):
    # Their seconds against the 0.5 s and 5 s targets: bench/time_targets.py.
    # Every figure of the year: one query a table or figure, however many rows.
    with django_assert_max_num_queries(21):
        annual_report(YEAR)
    # The year's figures, the previous year's for the comparison (no plan,
    # narrative or photos), two lists of nominations, the booklet's photos
    # (highlights, winners', projects': reports/photos.py) and the
    # publication consents of the residents it names. Apart: the charts'
    # cache (a table of the database shared by every process), at most a
    # read, a count, a write and its savepoint per chart on a cold cache.
    with CaptureQueriesContext(connection) as queries:
        booklet.booklet_pdf(YEAR)
    cache = [q["sql"] for q in queries.captured_queries
             if "kemerovo_tos_cache" in q["sql"] or "SAVEPOINT" in q["sql"]]
    data = [q["sql"] for q in queries.captured_queries if q["sql"] not in cache]
    assert len(data) <= 44, "\n".join(data)
    assert len(cache) <= 6 * 5, "\n".join(cache)


def test_the_territories_reports_add_up_to_the_citys():
    """Each figure counted by territory (through the organiser's stored
    territory or committee) adds up over the territories to the city's."""
    city = {f.key: f.value for f in headline_figures(annual_report(2022, full=False))}
    parts = [{f.key: f.value for f in headline_figures(annual_report(2022, t, full=False))}
             for t in Territory.objects.all()]
    for key in ["committees", "bodies", "activists", "cultural", "youth", "actions",
                "action_people", "centers", "receptions", "visitors", "family_raids",
                "clubs", "club_members", "at_risk", "center_events", "center_people"]:
        assert sum(part[key] for part in parts) == city[key], key
