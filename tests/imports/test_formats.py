"""Each format imports a valid workbook, and importing it again changes nothing."""

import datetime

import pytest

from centers.models import Club, PreventionRecord, Reception
from committees.models import Activist, TosBody
from contests.models import Application, InitiativeProject
from core.imports.engine import run_import
from core.imports.files import read_table
from core.imports.registry import get_kind
from events.models import Event
from tests.factories import (
    CampaignFactory,
    CenterFactory,
    CommitteeFactory,
    EditionFactory,
    NominationFactory,
    ProgramFactory,
    TerritoryFactory,
    TosBodyFactory,
)

from .books import xlsx

pytestmark = pytest.mark.django_db


def tos_bodies():
    CommitteeFactory(number=12, name="Окружной комитет № 12")
    headers = ["Окружной комитет", "Вид", "Адрес или границы", "Собственное название",
               "Дата создания"]
    rows = [
        [12, "Домовый комитет", "ул. Весенняя, 12", "", "01.03.2015"],
        ["Окружной комитет № 12", "Уличный комитет", "ул. Шахтеров, 1-25", "Рудник",
         datetime.date(2016, 5, 1)],
    ]

    def check():
        body = TosBody.objects.get(name="Рудник")
        assert (body.committee.number, body.kind, body.address) == (12, "street",
                                                                     "ул. Шахтеров, 1-25")
        assert TosBody.objects.count() == 2

    return headers, rows, check


def activists():
    committee = CommitteeFactory(number=3)
    TosBodyFactory(committee=committee, address="ул. Весенняя, 12")
    TosBodyFactory(committee=committee, address="пр. Ленина, 5", name="Шахтерский уголок")
    headers = ["Окружной комитет", "Орган ТОС", "ФИО", "Роль", "Телефон",
               "Дата рождения", "Дата согласия на обработку ПДн", "Форма согласия",
               "Дата создания"]
    rows = [
        [3, "ул. Весенняя, 12", "Иванова Мария Петровна", "Старший дома", "+7 (3842) 11-22-33",
         "1960-04-02", "10.01.2022", "Письменное", "01.09.2020"],
        [3, "ТОС «Шахтерский уголок»", "Петров Петр Ильич", "Председатель", "", None, None,
         "", "2021-02-01"],
    ]

    def check():
        maria = Activist.objects.get(full_name="Иванова Мария Петровна")
        assert maria.tos_body.address == "ул. Весенняя, 12"
        assert maria.role == Activist.Role.HOUSE_SENIOR
        assert maria.birth_date == datetime.date(1960, 4, 2)
        assert maria.phone == "+7 (3842) 11-22-33"
        petr = Activist.objects.get(full_name="Петров Петр Ильич")
        assert petr.tos_body.name == "Шахтерский уголок"

    return headers, rows, check


def events():
    CommitteeFactory(number=7)
    CenterFactory(name="Импульс")
    CampaignFactory(name="Все на лыжи")
    headers = ["Дата", "Название", "Вид", "Окружной комитет", "Центр", "Городская акция",
               "Участников", "Молодежное движение", "Группа риска"]
    rows = [
        ["20.05.2022", "Праздник двора", "Культурно-массовое мероприятие", 7, "", "", 40,
         "да", ""],
        [datetime.date(2022, 2, 12), "Лыжня двора", "Акция", "", "Импульс", "Все на лыжи", 55,
         "", "да"],
    ]

    def check():
        fest = Event.objects.get(title="Праздник двора")
        assert (fest.committee.number, fest.participants, fest.is_youth) == (7, 40, True)
        ski = Event.objects.get(title="Лыжня двора")
        assert ski.center.name == "Импульс" and ski.campaign.name == "Все на лыжи"
        assert ski.is_at_risk

    return headers, rows, check


def clubs():
    CenterFactory(name="Петровский")
    headers = ["Центр", "Название", "Направление", "Занимающихся", "Работает и онлайн",
               "Дата создания"]
    rows = [["Петровский", "Рукодельница", "творчество", 18, "да", "01.09.2019"],
            ["ЦРН «Петровский»", "Шахматы", "", 9, "", "01.09.2020"]]

    def check():
        assert Club.objects.get(name="Рукодельница").members == 18
        assert Club.objects.get(name="Шахматы").center.name == "Петровский"

    return headers, rows, check


def receptions():
    CenterFactory(name="Импульс")
    headers = ["Центр", "Дата", "Тема", "Обратилось граждан"]
    rows = [["Импульс", "15.03.2022", "благоустройство", 4], ["Импульс", "2022-04-15", "", 6]]

    def check():
        assert sorted(Reception.objects.values_list("visitors", flat=True)) == [4, 6]

    return headers, rows, check


def prevention():
    CenterFactory(name="Импульс")
    headers = ["Центр", "Месяц", "Вид работы", "Количество"]
    rows = [["Импульс", "03.2022", "Рейд в неблагополучную семью", 5],
            ["Импульс", datetime.date(2022, 3, 17), "Рейд к подростку «группы риска»", 2]]

    def check():
        months = set(PreventionRecord.objects.values_list("month", flat=True))
        assert months == {datetime.date(2022, 3, 1)}
        assert PreventionRecord.objects.get(kind="family_raid").count == 5

    return headers, rows, check


def applications():
    edition = EditionFactory(contest__name="Лучший комитет ТОС", year=2022)
    NominationFactory(edition=edition, name="Лучший председатель")
    committee = CommitteeFactory(number=5)
    TosBodyFactory(committee=committee, address="ул. Весенняя, 3")
    headers = ["Конкурс", "Год", "Номинация", "Заявитель", "Окружной комитет", "Орган ТОС",
               "Житель или команда", "Территория", "Участников", "Достигнутый этап",
               "Дата подачи"]
    rows = [
        ["Лучший комитет ТОС", 2022, "Лучший председатель", "Орган ТОС", 5, "ул. Весенняя, 3",
         "", "", 12, "Городской этап", "01.06.2022"],
        ["Лучший комитет ТОС", 2022, "", "Житель или команда", "", "", "Семья Ивановых",
         committee.territory.name, 4, "Районный этап", "02.06.2022"],
    ]

    def check():
        body_entry = Application.objects.get(applicant_kind="tos_body")
        assert body_entry.committee == committee  # filled from the TOS body
        assert body_entry.territory == committee.territory
        assert body_entry.stage == "city"
        assert Application.objects.get(applicant_kind="person").applicant_name == (
            "Семья Ивановых")

    return headers, rows, check


def projects():
    ProgramFactory()
    TerritoryFactory(name="Кировский")
    headers = ["Год подачи", "Год реализации", "Территория", "Объект", "Адрес", "Вид",
               "Статус", "Жителей участвовало в выборе"]
    rows = [[2022, 2022, "Кировский", "Спортивная площадка", "ул. Институтская, 1",
             "Спортивная площадка", "Реализован", 1200]]

    def check():
        project = InitiativeProject.objects.get()
        assert (project.status, project.voters, project.territory.name) == (
            "built", 1200, "Кировский")

    return headers, rows, check


CASES = {
    "tos_bodies": tos_bodies, "activists": activists, "events": events, "clubs": clubs,
    "receptions": receptions, "prevention": prevention, "applications": applications,
    "projects": projects,
}


@pytest.mark.parametrize("key", list(CASES))
def test_valid_workbook_imports_and_reimport_changes_nothing(key):
    headers, rows, check = CASES[key]()
    kind = get_kind(key)
    data = xlsx(headers, rows)

    outcome = run_import(kind, read_table(data), user=None)
    assert outcome.problems == []
    assert outcome.saved and outcome.count("new") == len(rows)
    check()
    history_rows = kind.model.history.count()
    assert history_rows == len(rows)  # one "created" record per row

    again = run_import(kind, read_table(data), user=None)
    assert again.problems == []
    assert (again.count("new"), again.count("update"), again.count("skip")) == (0, 0, len(rows))
    assert kind.model.objects.count() == len(rows)
    assert kind.model.history.count() == history_rows


def test_changed_row_updates_the_record_in_place():
    headers, rows, _check = events()
    kind = get_kind("events")
    run_import(kind, read_table(xlsx(headers, rows)), user=None)
    rows[0][6] = 45  # participants of «Праздник двора»

    outcome = run_import(kind, read_table(xlsx(headers, rows)), user=None)

    assert (outcome.count("new"), outcome.count("update")) == (0, 1)
    event = Event.objects.get(title="Праздник двора")
    assert event.participants == 45 and event.version == 2
    assert Event.objects.count() == 2
