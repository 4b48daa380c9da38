"""The loaded demo reproduces every 2022 figure of the seed report.

These tests read the one database into which conftest loads the demo
(TOS_DEMO_TESTS=1). The expected numbers are the seed's own
(/work/shared/seed: «54 окружных комитета», «7832 органа» ...), written
here, not taken from the loader, so that the loader cannot agree with
itself.
"""

import pytest
from django.contrib.auth.models import User
from django.db.models import Count, Sum

from centers.models import Center, Club, PreventionRecord, Reception
from committees.models import Activist, DistrictCommittee, Territory, TosBody
from events.models import Campaign, Event, EventPhoto

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

ACTION_KINDS = (Event.Kind.ACTION, Event.Kind.CLEANUP)


def committee_events(year, *kinds):
    return Event.objects.by_committees().in_year(year).of_kind(*kinds)


def totals(queryset, field):
    return queryset.aggregate(count=Count("pk"), people=Sum(field))


def test_registry_sizes_in_2022_are_the_seeds():
    assert DistrictCommittee.objects.active_in(2022).count() == 54
    assert TosBody.objects.active_in(2022).count() == 7832
    assert Activist.objects.active_in(2022).count() > 24000
    assert Center.objects.active_in(2022).count() == 45


def test_tos_bodies_are_house_and_street_committees():
    kinds = set(TosBody.objects.active_in(2022).values_list("kind", flat=True))
    assert kinds == {TosBody.Kind.HOUSE, TosBody.Kind.STREET}


def test_activists_have_roles_contacts_and_consent():
    active = Activist.objects.active_in(2022)
    roles = set(active.values_list("role", flat=True))
    assert {Activist.Role.HOUSE_SENIOR, Activist.Role.STREET_SENIOR,
            Activist.Role.MEMBER} <= roles
    assert active.filter(consent_date__isnull=True).count() == 0
    assert active.exclude(phone="").count() > active.count() // 2
    assert active.exclude(email="").filter(email__endswith="@example.org").exists()


def test_every_body_active_in_2022_has_an_activist():
    bodies = TosBody.objects.active_in(2022)
    staffed = (Activist.objects.active_in(2022).filter(tos_body__in=bodies)
               .values("tos_body").distinct())
    assert staffed.count() == bodies.count()


def test_clubs_and_members_in_2022():
    clubs = Club.objects.active_in(2022).aggregate(count=Count("pk"), people=Sum("members"))
    assert clubs == {"count": 139, "people": 2426}


def test_committee_cultural_events_in_2022():
    cultural = committee_events(2022, Event.Kind.CULTURAL)
    assert cultural.count() == 1126
    assert cultural.filter(is_youth=True).count() == 240
    assert totals(cultural, "participants")["people"] > 30000


def test_committee_actions_and_cleanups_in_2022():
    result = totals(committee_events(2022, *ACTION_KINDS), "participants")
    assert result["count"] == 2772
    assert 39200 <= result["people"] <= 40800  # «около 40000», within 2%


def test_receptions_in_2022():
    receptions = Reception.objects.in_year(2022).aggregate(
        count=Count("pk"), people=Sum("visitors")
    )
    assert receptions == {"count": 411, "people": 1662}


def test_prevention_work_in_2022_by_kind():
    by_kind = dict(
        PreventionRecord.objects.in_year(2022).values_list("kind").annotate(Sum("count"))
    )
    assert by_kind == {
        "family_raid": 598,
        "teen_raid": 538,
        "family_call": 64,
        "risk_child_call": 103,
        "information": 257,
    }


def test_prevention_records_are_per_center_and_month():
    months = set(PreventionRecord.objects.in_year(2022).values_list("month__month", flat=True))
    assert months == set(range(1, 13))
    assert PreventionRecord.objects.in_year(2022).values("center").distinct().count() > 30


def test_center_events_in_2022():
    events = Event.objects.by_centers().in_year(2022)
    assert totals(events, "participants") == {"count": 4614, "people": 55123}
    assert events.filter(is_at_risk=True).count() == 1103


def test_events_are_spread_over_the_year():
    for queryset in (Event.objects.by_committees(), Event.objects.by_centers()):
        months = set(queryset.in_year(2022).values_list("date__month", flat=True))
        assert months == set(range(1, 13))


def test_the_city_gathering_of_2022():
    gathering = Event.objects.by_city().in_year(2022).get(kind=Event.Kind.GATHERING)
    assert gathering.title == "XV городской Слет общественности"
    assert gathering.place == "Дворец культуры шахтеров"
    assert gathering.date.month >= 10


def test_territories_have_the_seeds_names_and_genitives():
    genitives = dict(Territory.objects.values_list("name", "name_genitive"))
    assert len(genitives) == 8
    assert genitives["Ленинский район"] == "Ленинского района"
    assert genitives["ж.р. Кедровка и Промышленновский"] == "ж.р. Кедровка, Промышленновский"
    assert genitives["ж.р. Ягуновский и Пионер"] == "ж.р. Ягуновский, Пионер"
    assert genitives["ж.р. Лесная Поляна"] == "ж.р. Лесная Поляна"


@pytest.mark.parametrize(
    "name, genitive",
    [
        ("Петровский", "ж.р. Кедровка, Промышленновский"),
        ("Импульс", "Ленинского района"),
        ("Комсомолец", "Кировского района"),
        ("Январский", "Центрального района"),
        ("Лесная поляна", "ж.р. Лесная Поляна"),
        ("Шалготарьян", "Ленинского района"),
        ("Вдохновение", "Центрального района"),
        ("Азотовец", "Заводского района"),
        ("Надежда", "ж.р. Кедровка, Промышленновский"),
        ("Авангард", "Ленинского района"),
        ("Фаворит", "Кировского района"),
        ("РТС", "ж.р. Ягуновский, Пионер"),
        ("Ленинградский", "Ленинского района"),
        ("Лидер", "Кировского района"),
        ("Красновка", "Рудничного района"),
        ("Ударник", "Заводского района"),
        ("Меридиан", "Кировского района"),
        ("Юность", "Центрального района"),
    ],
)
def test_seed_centers_are_on_the_seeds_territories(name, genitive):
    assert Center.objects.get(name=name).territory.genitive == genitive


def test_named_tos_bodies_exist():
    named = set(TosBody.objects.active_in(2022).exclude(name="").values_list("name", flat=True))
    assert {"Рудник", "Шахтерский уголок"} <= named


def test_every_named_campaign_has_committee_events_in_2022():
    names = {
        "Все на лыжи", "Мы с Вами", "Окна Победы", "Поем двором", "Добро России",
        "Россия в объективе", "Рисую Россию", "Чистые стены", "Соберем. Сдадим. Переработаем",
    }
    with_events = set(
        Campaign.objects.filter(events__date__year=2022, events__committee__isnull=False)
        .values_list("name", flat=True)
    )
    assert with_events == names


def test_committees_also_hold_sport_events():
    assert committee_events(2022, Event.Kind.SPORT).count() > 0


def test_about_fifteen_highlights_each_with_a_photo():
    highlights = Event.objects.highlights().in_year(2022)
    assert 12 <= highlights.count() <= 18
    assert not highlights.filter(photos__isnull=True).exists()
    photos = EventPhoto.objects.filter(image__startswith="events/2022/")
    assert photos.count() >= highlights.count()


def test_2021_differs_from_2022_in_the_registry():
    for model in (DistrictCommittee, TosBody, Activist, Club):
        assert model.objects.active_in(2021).count() != model.objects.active_in(2022).count()


@pytest.mark.parametrize(
    "count_in",
    [
        lambda y: committee_events(y, Event.Kind.CULTURAL).count(),
        lambda y: committee_events(y, *ACTION_KINDS).count(),
        lambda y: Event.objects.by_centers().in_year(y).count(),
        lambda y: Reception.objects.in_year(y).count(),
        lambda y: PreventionRecord.objects.in_year(y).aggregate(n=Sum("count"))["n"],
        lambda y: Club.objects.active_in(y).count(),
    ],
    ids=["cultural", "actions", "center-events", "receptions", "prevention", "clubs"],
)
def test_2021_is_somewhat_smaller(count_in):
    assert 0.8 * count_in(2022) <= count_in(2021) <= 0.97 * count_in(2022)


def test_demo_logins_exist_for_each_role():
    users = {u.username: u for u in User.objects.select_related("profile")}
    assert users["staff"].is_superuser
    assert users["chair"].profile.committee is not None
    assert users["center"].profile.center is not None
    assert users["viewer"].profile.territory is not None
