"""The checklist of a year: what the report still lacks."""

import datetime

import pytest
from django.urls import reverse

from reports import rollover
from reports.checklist import checklist
from returns.models import MonthlyReturn
from tests.portal.helpers import make_city_staff

from .conftest import YEAR

pytestmark = pytest.mark.django_db
TODAY = datetime.date(YEAR + 1, 2, 10)


def _items(year):
    return {item.key: [text for text, _ in item.missing]
            for item in checklist(year, today=TODAY)}


def test_the_checklist_of_the_hand_built_year(small_year):
    c1 = small_year.committees[0]
    for month in range(1, 13):
        MonthlyReturn.objects.create(committee=c1, month=datetime.date(YEAR, month, 1),
                                     state=MonthlyReturn.State.SUBMITTED)
    MonthlyReturn.objects.create(committee=small_year.committees[1],
                                 month=datetime.date(YEAR, 1, 1),
                                 state=MonthlyReturn.State.SUBMITTED)
    items = _items(YEAR)
    # Editions without results: the snow contest has none.
    assert items["results"] == ["Снежный калейдоскоп: итоги не внесены"]
    # The first committee submitted every month; the second only January.
    returns = items["returns"]
    assert not any(str(c1) in line for line in returns)
    second = [line for line in returns if str(small_year.committees[1]) in line]
    assert second == [f"{small_year.committees[1]}: не сдано 11 месяцев — февраль, март, "
                      "апрель, май, июнь, июль, август, сентябрь, октябрь, ноябрь, декабрь"]
    assert f"{small_year.centers[0]}: не сдан ни один месяц года" in returns
    # Only the introduction is written.
    assert "«Введение»: блока нет" not in items["narrative"]
    assert "«Заключение»: блока нет" in items["narrative"]
    assert items["plan"] == []
    assert items["photos"] == []  # the relay's photo
    assert items["zero"] == []


def test_after_the_rollover_it_lists_the_drafts_and_the_zeros(small_year):
    rollover.start_year(year=YEAR)
    items = _items(YEAR + 1)
    assert "«Введение»: черновик из прошлого года, не подтвержден" in items["narrative"]
    assert items["plan"][0] == "План — черновик из прошлого года, не подтвержден"
    assert any("Снежный калейдоскоп: проведение — черновик" in line for line in items["plan"])
    assert any(line.startswith("Не выбрано ни одной фотографии") for line in items["photos"])
    # Every figure that had a value in 2022 is zero in 2023.
    assert "Участники культурно-массовых мероприятий: 0, а в 2022 году было 50" in items["zero"]


def test_the_checklist_page(client, small_year):
    client.force_login(make_city_staff())
    html = client.get(reverse("reports:checklist", args=[YEAR])).content.decode()
    assert f"Чего не хватает отчету за {YEAR} год" in html
    assert "Снежный калейдоскоп: итоги не внесены" in html
    assert "Осталось дописать или проверить:" in html
