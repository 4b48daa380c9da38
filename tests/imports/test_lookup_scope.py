"""An import resolves committees, TOS bodies and centers within the user's
scope (core.imports.lookups): its messages never tell a name of
another committee or center from a name that exists nowhere."""

import pytest

from accounts.models import Profile
from accounts.services import create_user_for
from centers.models import Club
from committees.models import TosBody
from core.imports.engine import run_import
from core.imports.files import read_table
from core.imports.registry import get_kind
from tests.factories import CenterFactory, ClubFactory, CommitteeFactory, TosBodyFactory

from .books import xlsx

pytestmark = pytest.mark.django_db

ACTIVISTS = ["Окружной комитет", "Орган ТОС", "ФИО", "Роль", "Дата создания"]
EVENTS = ["Дата", "Название", "Вид", "Окружной комитет", "Центр", "Участников"]
CLUBS = ["Центр", "Название", "Дата создания"]


def problems(kind, headers, rows, user):
    outcome = run_import(get_kind(kind), read_table(xlsx(headers, rows)), user=user,
                         dry_run=True)
    return [str(p) for p in outcome.problems]


def chair_of(committee):
    return create_user_for(username="chair", role=Profile.Role.CHAIR, committee=committee)[0]


def center_user_of(center):
    return create_user_for(username="center", role=Profile.Role.CENTER, center=center)[0]


@pytest.fixture
def own():
    committee = CommitteeFactory(number=7)
    TosBodyFactory(committee=committee, address="ул. Весенняя, 12")
    return committee


def test_a_tos_body_of_another_committee_reads_as_one_that_does_not_exist(own):
    other = TosBodyFactory(committee=CommitteeFactory(number=8), address="ул. Чужая, 5")
    rows = [[7, "ул. Чужая, 5", "Иванова Мария Петровна", "Член комитета", "01.09.2020"]]
    user = chair_of(own)

    elsewhere = problems("activists", ACTIVISTS, rows, user)
    TosBody.objects.filter(pk=other.pk).delete()
    nowhere = problems("activists", ACTIVISTS, rows, user)

    assert elsewhere == nowhere == [
        "Строка 2, столбец «Орган ТОС»: орган ТОС «ул. Чужая, 5» не найден в вашем комитете"]


def test_another_committee_reads_as_one_that_does_not_exist(own):
    other = CommitteeFactory(number=8, name="Окружной комитет ТОС № 8")
    TosBodyFactory(committee=other, address="ул. Весенняя, 12")
    user = chair_of(own)
    for name in ("8", "Окружной комитет ТОС № 8"):
        rows = [[name, "ул. Весенняя, 12", "Иванова Мария Петровна", "Член комитета",
                 "01.09.2020"]]
        elsewhere = problems("activists", ACTIVISTS, rows, user)
        TosBody.objects.filter(committee=other).delete()
        other.delete()
        nowhere = problems("activists", ACTIVISTS, rows, user)
        assert elsewhere == nowhere
        assert elsewhere == [f"Строка 2, столбец «Окружной комитет»: окружной комитет «{name}» "
                             "не найден: можно указать только свой комитет"]
        other = CommitteeFactory(number=8, name="Окружной комитет ТОС № 8")


def test_a_chair_naming_a_center_learns_nothing_of_it(own):
    CenterFactory(name="Импульс")
    user = chair_of(own)
    rows = [["20.05.2022", "Праздник", "Субботник", 7, "Импульс", 10]]
    named = problems("events", EVENTS, rows, user)
    rows[0][4] = "Нет такого"
    unknown = problems("events", EVENTS, rows, user)
    assert named == ["Строка 2, столбец «Центр»: центр по работе с населением «Импульс» "
                     "не найден в вашем комитете"]
    assert unknown == [named[0].replace("Импульс", "Нет такого")]


def test_another_center_reads_as_one_that_does_not_exist():
    center = CenterFactory(name="Импульс")
    other = ClubFactory(center__name="Радуга").center
    user = center_user_of(center)
    rows = [["Радуга", "Клуб «Рукодельница»", "01.09.2019"]]

    elsewhere = problems("clubs", CLUBS, rows, user)
    Club.objects.filter(center=other).delete()
    other.delete()
    nowhere = problems("clubs", CLUBS, rows, user)

    assert elsewhere == nowhere == [
        "Строка 2, столбец «Центр»: центр по работе с населением «Радуга» не найден: "
        "можно указать только свой центр"]


def test_a_center_naming_a_committee_learns_nothing_of_it():
    CommitteeFactory(number=8)
    user = center_user_of(CenterFactory(name="Импульс"))
    rows = [["20.05.2022", "Праздник", "Субботник", 8, "", 10]]
    named = problems("events", EVENTS, rows, user)
    rows[0][3] = 404
    unknown = problems("events", EVENTS, rows, user)
    assert named == ["Строка 2, столбец «Окружной комитет»: окружной комитет «8» "
                     "не найден в вашем центре"]
    assert unknown == [named[0].replace("«8»", "«404»")]


def test_own_rows_still_resolve(own):
    rows = [[7, "ул. Весенняя, 12", "Иванова Мария Петровна", "Член комитета", "01.09.2020"]]
    assert problems("activists", ACTIVISTS, rows, chair_of(own)) == []


def test_staff_resolve_every_committee_as_before(own):
    TosBodyFactory(committee=CommitteeFactory(number=8), address="ул. Чужая, 5")
    rows = [[8, "ул. Чужая, 5", "Иванова Мария Петровна", "Член комитета", "01.09.2020"],
            [9, "ул. Чужая, 5", "Петров Иван Ильич", "Член комитета", "01.09.2020"]]
    staff = create_user_for(username="staff", role=Profile.Role.STAFF)[0]
    assert problems("activists", ACTIVISTS, rows, staff) == [
        "Строка 3, столбец «Окружной комитет»: неизвестный окружной комитет «9»"]
