import datetime

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from accounts.models import ExportRecord
from accounts.services import create_user_for
from tests.factories import CommitteeFactory, EventFactory, TosBodyFactory

pytestmark = pytest.mark.django_db


def _rows(book, title):
    return list(book[title].iter_rows(min_row=2, values_only=True))


def test_the_year_workbook_holds_every_kind_and_is_logged(tmp_path):
    staff, _ = create_user_for(username="boss", role="staff")
    committee = CommitteeFactory()
    TosBodyFactory.create_batch(2, committee=committee)
    EventFactory(committee=committee, date=datetime.date(2022, 5, 1), title="Праздник двора")
    EventFactory(committee=committee, date=datetime.date(2021, 5, 1), title="Прошлый год")

    path = tmp_path / "registry-2022.xlsx"
    call_command("export_year", "2022", str(path), "--user", "boss", verbosity=0)

    book = load_workbook(path)
    assert book.sheetnames == [
        "Органы ТОС", "Активисты", "Мероприятия", "Кружки и клубы", "Приемы граждан",
        "Профилактика", "Заявки на конкурсы", "Инициативные проекты",
    ]
    assert len(_rows(book, "Органы ТОС")) == 2
    titles = [cell for row in _rows(book, "Мероприятия") for cell in row]
    assert "Праздник двора" in titles and "Прошлый год" not in titles
    assert ExportRecord.objects.filter(user=staff, via="manage.py export_year").count() == 8


def test_a_chairs_year_workbook_holds_only_their_committee(tmp_path):
    own, other = CommitteeFactory(), CommitteeFactory()
    create_user_for(username="chair1", role="chair", committee=own)
    TosBodyFactory(committee=own, address="ул. Свободы, 1")
    TosBodyFactory(committee=other, address="ул. Чужая, 2")

    path = tmp_path / "chair.xlsx"
    call_command("export_year", "2022", str(path), "--user", "chair1", verbosity=0)

    cells = [c for row in _rows(load_workbook(path), "Органы ТОС") for c in row]
    assert "ул. Свободы, 1" in cells and "ул. Чужая, 2" not in cells
