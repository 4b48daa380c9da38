"""Row errors: named by row, column and reason; one bad row saves nothing."""

import pytest
from django.db import connection

from accounts.models import Profile
from accounts.services import create_user_for
from committees.models import Activist, TosBody
from core.imports.engine import run_import
from core.imports.files import read_table
from core.imports.registry import get_kind
from events.models import Event
from tests.factories import CenterFactory, CommitteeFactory, TosBodyFactory

from .books import xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["Дата", "Название", "Вид", "Окружной комитет", "Участников"]


def rows(n, committee=7):
    return [["20.05.2022", f"Субботник № {i}", "Субботник", committee, 10] for i in range(n)]


def problems_of(data, user=None, kind="events"):
    outcome = run_import(get_kind(kind), read_table(data), user=user)
    return outcome, [str(p) for p in outcome.problems]


def test_one_bad_row_among_a_hundred_saves_nothing_and_is_named():
    CommitteeFactory(number=7)
    table = rows(100)
    table[56][3] = "99"  # sheet row 58: the header is row 1
    outcome, problems = problems_of(xlsx(HEADERS, table))
    assert problems == [
        "Строка 58, столбец «Окружной комитет»: неизвестный окружной комитет «99»"]
    assert not outcome.saved
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (0, "20.05.2202", "Строка 2, столбец «Дата»: дата 20.05.2202 вне допустимого периода"),
        (0, "31.02.2022", "Строка 2, столбец «Дата»: ожидается дата ДД.ММ.ГГГГ"),
        (4, -5, "Строка 2, столбец «Участников»: число не может быть отрицательным: -5"),
        (2, "Пикник", "Строка 2, столбец «Вид»: неизвестное значение «Пикник»"),
        (1, "", "Строка 2, столбец «Название»: не заполнено"),
    ],
)
def test_cell_errors_name_row_column_and_reason(column, value, message):
    CommitteeFactory(number=7)
    table = rows(2)
    table[0][column] = value
    _outcome, problems = problems_of(xlsx(HEADERS, table))
    assert problems[0].startswith(message)


def test_duplicate_row_in_the_file_is_an_error():
    CommitteeFactory(number=7)
    table = rows(3)
    table[2] = list(table[0])
    _outcome, problems = problems_of(xlsx(HEADERS, table))
    assert problems == ["Строка 4: строка повторяет строку 2 (та же запись указана в файле "
                        "дважды)"]


def test_model_rules_are_checked_per_row():
    CommitteeFactory(number=7)
    CenterFactory(name="Импульс")
    headers = [*HEADERS, "Центр"]
    table = [[*row, "Импульс"] for row in rows(2)]  # two organisers
    table[1][3] = ""
    _outcome, problems = problems_of(xlsx(headers, table))
    assert problems == ["Строка 2: У мероприятия может быть только один организатор: "
                        "окружной комитет, центр или администрация города."]


def chair_of(committee):
    user, _password = create_user_for(username="chair7", role=Profile.Role.CHAIR,
                                      committee=committee)
    return user


def test_chair_file_naming_another_committee_imports_nothing():
    own = CommitteeFactory(number=7)
    CommitteeFactory(number=8)
    table = rows(5)
    table[3][3] = 8
    outcome, problems = problems_of(xlsx(HEADERS, table), user=chair_of(own))
    assert len(problems) == 1
    assert problems[0] == ("Строка 5, столбец «Окружной комитет»: окружной комитет «8» "
                           "не найден: можно указать только свой комитет")
    assert not Event.objects.exists()


def test_chair_imports_own_committee_rows():
    own = CommitteeFactory(number=7)
    outcome, problems = problems_of(xlsx(HEADERS, rows(5)), user=chair_of(own))
    assert problems == []
    assert Event.objects.filter(committee=own).count() == 5
    assert Event.history.filter(history_user__username="chair7").count() == 5


def test_center_staff_may_not_import_activists():
    center = CenterFactory()
    user, _password = create_user_for(username="center1", role=Profile.Role.CENTER,
                                      center=center)
    data = xlsx(["Окружной комитет", "Орган ТОС", "ФИО", "Роль", "Дата создания"],
                [[1, "ул. Весенняя, 1", "Иванов", "Член комитета", "01.01.2020"]])
    outcome, problems = problems_of(data, user=user, kind="activists")
    assert problems and "нет права" in problems[0]


def activist_table(count):
    committee = CommitteeFactory(number=7)
    body = TosBodyFactory(committee=committee, address="ул. Весенняя, 1")
    data = xlsx(["Окружной комитет", "Орган ТОС", "ФИО", "Роль", "Дата создания"],
                [[7, body.address, f"Активист {i}", "Член комитета", "01.01.2020"]
                 for i in range(count)])
    return read_table(data)


@pytest.mark.parametrize("count", [20, 400])
def test_checking_a_file_takes_the_same_queries_for_any_length(
    count, django_assert_num_queries
):
    table = activist_table(count)
    # committees, TOS bodies, the saved activists of those committees; then
    # the rehearsal of the writes: two savepoints, the writes, the inner
    # one's release, the rollback to the outer one and its release.
    with django_assert_num_queries(3 + 5 + saving_queries(batches=1)):
        outcome = run_import(get_kind("activists"), table, dry_run=True)
    assert outcome.ok and outcome.count("new") == count
    assert not outcome.saved and not Activist.objects.exists()


def saving_queries(batches: int) -> int:
    """PostgreSQL: the new keys from their sequence and a COPY of the rows;
    SQLite: an INSERT of the rows per batch. Then one INSERT ... SELECT of
    their history."""
    return (2 if connection.vendor == "postgresql" else batches) + 1


@pytest.mark.parametrize("count", [20, 400])
def test_saving_takes_the_same_queries_for_any_length(count, django_assert_num_queries):
    table = activist_table(count)
    # 3 lookups, a savepoint and its release, then the writes: 400 rows fit
    # one batch as 20 do.
    with django_assert_num_queries(5 + saving_queries(batches=1)):
        outcome = run_import(get_kind("activists"), table)
    assert outcome.saved
    assert Activist.objects.count() == count
    assert Activist.history.filter(history_type="+").count() == count


@pytest.mark.parametrize(("count", "batch_size", "batches"), [(20, 100, 1), (400, 100, 4)])
def test_saving_takes_queries_per_batch_never_per_row(count, batch_size, batches,
                                                      django_assert_num_queries):
    table = activist_table(count)
    with django_assert_num_queries(5 + saving_queries(batches)):
        outcome = run_import(get_kind("activists"), table, batch_size=batch_size)
    assert outcome.saved
    assert sorted(Activist.objects.values_list("full_name", flat=True)) == sorted(
        f"Активист {i}" for i in range(count))
    keys = {person.full_name: person.pk for person in outcome.created}
    assert keys == dict(Activist.objects.values_list("full_name", "pk"))


def test_history_names_the_importer_and_the_reason_and_keeps_the_values():
    own = CommitteeFactory(number=7)
    user = chair_of(own)
    run_import(get_kind("events"), read_table(xlsx(HEADERS, rows(3))), user=user)
    changed = rows(3)
    changed[1][4] = 45
    outcome = run_import(get_kind("events"), read_table(xlsx(HEADERS, changed)), user=user)
    assert (outcome.count("update"), outcome.count("skip")) == (1, 2)

    versions = Event.history.order_by("history_id")
    assert [(v.history_type, v.history_user, v.history_change_reason) for v in versions] == (
        [("+", user, "Загрузка из файла")] * 3 + [("~", user, "Загрузка из файла")])
    for version in versions:
        event = Event.objects.get(pk=version.id)
        assert (version.title, version.date, version.committee_id, version.kind) == (
            event.title, event.date, own.pk, "cleanup")
    assert [v.participants for v in versions] == [10, 10, 10, 45]
    assert versions.last().version == 2 and versions.first().created is not None


def test_row_the_database_refuses_is_named_with_the_rule():
    CommitteeFactory(number=7)
    CommitteeFactory(number=8)
    headers = ["Окружной комитет", "Вид", "Адрес", "Собственное название", "Дата создания"]
    table = [[7, "Уличный комитет", f"ул. Новая, {i}", "", "01.03.2016"] for i in range(6)]
    table[1][3] = "Рудник"
    table[4][0], table[4][3] = 8, "Рудник"  # a name is unique city-wide
    outcome = run_import(get_kind("tos_bodies"), read_table(xlsx(headers, table)),
                         batch_size=2)
    assert [str(p) for p in outcome.problems] == [
        "Строка 6, столбец «Собственное название»: Орган ТОС с таким названием уже есть."]
    assert not outcome.saved
    assert not TosBody.objects.exists() and not TosBody.history.exists()


def test_text_with_line_breaks_tabs_and_backslashes_is_saved_as_typed():
    CommitteeFactory(number=7)
    description = "Первая строка\nвторая\tс табуляцией, C:\\путь и \\N"
    table = [[*row, description, "двор \\ сквер"] for row in rows(2)]
    outcome, problems = problems_of(xlsx([*HEADERS, "Описание", "Место"], table))
    assert problems == []
    assert set(Event.objects.values_list("description", "place")) == {
        (description, "двор \\ сквер")}
    assert set(Event.history.values_list("description", flat=True)) == {description}


def test_change_the_database_refuses_is_named_and_nothing_changes():
    committee = CommitteeFactory(number=7)
    TosBodyFactory(committee=committee, address="ул. Новая, 1", name="Рудник")
    TosBodyFactory(committee=committee, address="ул. Новая, 2", name="")
    headers = ["Окружной комитет", "Вид", "Адрес", "Собственное название", "Дата создания"]
    table = [[7, "Домовый комитет", "ул. Новая, 3", "", "01.03.2016"],
             [7, "Домовый комитет", "ул. Новая, 2", "Рудник", "01.03.2016"]]
    outcome = run_import(get_kind("tos_bodies"), read_table(xlsx(headers, table)))
    assert [str(p) for p in outcome.problems] == [
        "Строка 3, столбец «Собственное название»: Орган ТОС с таким названием уже есть."]
    assert sorted(TosBody.objects.values_list("address", "name")) == [
        ("ул. Новая, 1", "Рудник"), ("ул. Новая, 2", "")]
