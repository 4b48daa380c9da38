"""The contests of the demo, read back through the ORM.

Each test runs twice: on the full 2022 demo (`demo`, TOS_DEMO_TESTS=1) and
on the contests' load() over a small registry built with factories, so that
the loader is tested before the registry's demo exists. The figures are the
seed's own.
"""

import pytest
from django.db.models import Count, Sum

from contests.models import (
    Application,
    Contest,
    ContestEdition,
    InitiativeProject,
    Program,
    Result,
)
from demo import contests as demo

pytestmark = pytest.mark.django_db

Stage = Application.Stage


@pytest.fixture(
    params=[
        pytest.param("factories"),
        pytest.param("demo", marks=pytest.mark.demo),
    ]
)
def loaded(request):
    if request.param == "factories":
        request.getfixturevalue("small_registry")
        demo.load()


def edition(name, year=2022):
    return ContestEdition.objects.select_related("contest").get(contest__name=name, year=year)


def nominations(ed):
    return [(n.name, n.category) for n in ed.nominations.order_by("order")]


def test_beautiful_yard_has_six_nominations_and_46_city_applications(loaded):
    ed = edition("Любимому городу — красивый дом и двор")
    assert ed.contest.held_since == 1998
    assert nominations(ed) == [
        ("Мой двор — моя гордость", "I"),
        ("Мой двор — моя гордость", "II"),
        ("Подъезд мечты", "I"),
        ("Подъезд мечты", "II"),
        ("Цветущий балкон", ""),
        ("Щегловский двор", ""),
    ]
    assert ed.applications.reached(Stage.DISTRICT).count() > 700
    assert ed.applications.reached(Stage.CITY).count() == 46


def test_best_committee_has_three_nominations_and_over_500_participants(loaded):
    ed = edition("Лучший комитет территориального общественного самоуправления")
    assert ed.contest.held_since == 2009
    assert [name for name, _ in nominations(ed)] == [
        "Лучший окружной комитет",
        "Лучший уличный комитет (старший улицы)",
        "Лучший домовый комитет (старший дома)",
    ]
    assert ed.applications.aggregate(n=Sum("participants"))["n"] > 500


def test_snow_contest_keeps_former_name_applications_and_outcomes(loaded):
    ed = edition("Снежный калейдоскоп")
    assert ed.contest.former_names == "Сказочная феерия"
    assert len(nominations(ed)) == 6
    assert ("Новогодняя мастерская", "II") in nominations(ed)
    assert ed.applications.count() == 935
    outcomes = dict(ed.outcomes.values_list("label", "value"))
    assert outcomes == {
        "Построено снежных городков": 126,
        "Построено снежных фигур": 1046,
        "Украшено подъездов": 5322,
        "Оформлено балконов и окон": 19800,
    }
    assert outcomes["Построено снежных фигур"] > 1000


def test_sixth_spartakiad_winner_and_fan_prizes(loaded):
    ed = edition("Спортивные рекорды Кузбассу")
    assert ed.ordinal == 6
    assert [name for name, _ in nominations(ed)] == [
        "Разминка", "Болото", "Хоккейный слалом", "Веселая гусеница",
        "Вместе сможем дом построить",
    ]
    winner = ed.results.get(place=1).application
    assert winner.applicant_name == "Лига ТОС"
    assert winner.territory.name == "ж.р. Кедровка и Промышленновский"
    prizes = dict(
        ed.results.filter(place__isnull=True).values_list("prize", "application__territory__name")
    )
    assert prizes == {
        "самые костюмированные болельщики": "Ленинский район",
        "самые преданные болельщики": "Заводский район",
        "самая зрелищная поддержка": "ж.р. Лесная Поляна",
    }


def test_best_practice_nine_committees_and_federal_places(loaded):
    ed = edition("Лучшая практика ТОС")
    assert ed.contest.level == Contest.Level.FEDERAL
    assert ed.participation_year == 4
    regional = ed.applications.reached(Stage.REGIONAL)
    assert regional.values("committee").distinct().count() == 9
    assert set(regional.values_list("nomination__name", flat=True)) == {
        "Благоустройство и экология",
        "Комплексное развитие территорий",
        "Социальная поддержка населения",
        "Формирование здорового образа жизни, физическая культура и спорт",
    }
    federal = ed.results.filter(stage=Stage.FEDERAL).order_by("place")
    assert [
        (r.place, str(r.application.tos_body), r.application.nomination.name) for r in federal
    ] == [
        (3, "ТОС «Рудник»", "Социальная поддержка населения"),
        (5, "ТОС «Шахтерский уголок»", "Социальная поддержка населения"),
    ]


# The seed's winners of «Лучший центр по работе с населением», by direction
# in its order, places 1-3, with the territory as the seed writes it.
CENTER_WINNERS = [
    [("Петровский", "ж.р. Кедровка, Промышленновский"), ("Импульс", "Ленинского района"),
     ("Комсомолец", "Кировского района")],
    [("Январский", "Центрального района"), ("Лесная поляна", "ж.р. Лесная Поляна"),
     ("Шалготарьян", "Ленинского района")],
    [("Вдохновение", "Центрального района"), ("Азотовец", "Заводского района"),
     ("Надежда", "ж.р. Кедровка, Промышленновский")],
    [("Авангард", "Ленинского района"), ("Фаворит", "Кировского района"),
     ("РТС", "ж.р. Ягуновский, Пионер")],
    [("Ленинградский", "Ленинского района"), ("Лидер", "Кировского района"),
     ("Красновка", "Рудничного района")],
    [("Ударник", "Заводского района"), ("Меридиан", "Кировского района"),
     ("Юность", "Центрального района")],
]


def test_best_center_periods_directions_participants_and_winners(loaded):
    ed = edition("Лучший центр по работе с населением")
    assert ed.periods == 3
    directions = list(ed.nominations.order_by("order"))
    assert len(directions) == 6
    assert [d.period for d in directions] == [1, 1, 2, 2, 3, 3]
    assert directions[0].name == "Методическая, информационная работа с населением"
    assert ed.applications.values("center").distinct().count() == 35
    for direction, expected in zip(directions, CENTER_WINNERS, strict=True):
        results = Result.objects.filter(application__nomination=direction).select_related(
            "application__center__territory"
        ).order_by("place")
        got = [
            (r.place, r.application.center.name, r.application.center.territory.genitive)
            for r in results
        ]
        assert got == [(n, name, where) for n, (name, where) in enumerate(expected, 1)]


def test_city_contests_of_2022_gather_over_10000_participants(loaded):
    total = Application.objects.filter(
        edition__year=2022, edition__contest__level=Contest.Level.CITY
    ).aggregate(n=Sum("participants"))["n"]
    assert total > 10000


def test_initiative_projects_by_year_and_kind(loaded):
    assert Program.objects.get(name="Твой Кузбасс — твоя инициатива").start_year == 2019
    municipal = Program.objects.get(name="Развитие общественных инициатив в городе Кемерово")
    assert (municipal.start_year, municipal.end_year, str(municipal.adopted)) == (
        2017, 2025, "2016-09-16"
    )
    built = InitiativeProject.objects.filter(status=InitiativeProject.Status.BUILT)
    assert set(built.values_list("year_built", flat=True)) == {2019, 2020, 2021, 2022}
    by_kind = dict(built.values_list("kind").annotate(n=Count("pk")))
    assert by_kind == {"sport": 15, "playground": 1}
    grounds_2022 = {
        (p.territory.name, p.address)
        for p in built.filter(year_built=2022).select_related("territory")
    }
    assert grounds_2022 == {
        ("Кировский район", "ул. В. Толстикова, 1"),
        ("Центральный район", "ул. Весенняя, 17"),
        ("Рудничный район", "ул. Институтская, 20"),
        ("Заводский район", "ул. Пролетарская, 13"),
        ("Ленинский район", "просп. Ленинградский, 34 Б"),
    }
    assert built.get(address="ул. В. Толстикова, 1").title.endswith("МБОУ «ООШ №39»")
    voters = InitiativeProject.objects.filter(year_submitted__lte=2022).aggregate(
        n=Sum("voters")
    )["n"]
    assert voters > 200_000
    submitted = InitiativeProject.objects.filter(status=InitiativeProject.Status.SUBMITTED)
    assert submitted.count() == 5
    assert not submitted.filter(year_built__isnull=False).exists()


def test_2021_editions_are_smaller_and_name_no_winners(loaded):
    for name in ["Любимому городу — красивый дом и двор", "Снежный калейдоскоп",
                 "Лучший комитет территориального общественного самоуправления",
                 "Лучший центр по работе с населением"]:
        earlier, later = edition(name, 2021), edition(name, 2022)
        assert 0 < earlier.applications.count() < later.applications.count()
        assert not earlier.results.exists()


def test_loading_twice_adds_nothing(small_registry):
    demo.load()
    counts = Application.objects.count(), Result.objects.count()
    demo.load()
    assert (Application.objects.count(), Result.objects.count()) == counts
