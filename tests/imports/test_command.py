"""manage.py import_xlsx: a progress bar, the error list, non-zero exit on errors."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import Event
from tests.factories import CommitteeFactory

from .books import xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["Дата", "Название", "Вид", "Окружной комитет", "Участников"]


def workbook(tmp_path, rows):
    path = tmp_path / "events.xlsx"
    path.write_bytes(xlsx(HEADERS, rows))
    return path


def test_command_loads_a_workbook_with_a_progress_bar(tmp_path, capsys):
    CommitteeFactory(number=7)
    path = workbook(tmp_path, [["20.05.2022", f"Субботник {i}", "Субботник", 7, 5]
                               for i in range(3)])
    call_command("import_xlsx", "events", str(path))
    out = capsys.readouterr().out
    assert "[" + "█" * 30 + "] 3/3" in out
    assert "Загружено: Мероприятия — добавлено 3" in out
    assert Event.objects.count() == 3


def test_command_dry_run_saves_nothing(tmp_path, capsys):
    CommitteeFactory(number=7)
    path = workbook(tmp_path, [["20.05.2022", "Субботник", "Субботник", 7, 5]])
    call_command("import_xlsx", "events", str(path), "--dry-run")
    assert "ничего не сохранено" in capsys.readouterr().out
    assert not Event.objects.exists()


def test_command_prints_errors_and_fails(tmp_path, capsys):
    CommitteeFactory(number=7)
    path = workbook(tmp_path, [["20.05.2022", "Субботник", "Субботник", 7, 5],
                               ["20.05.2022", "Пикник", "Субботник", 9, 5]])
    with pytest.raises(CommandError, match="Ошибок: 1. Ничего не сохранено."):
        call_command("import_xlsx", "events", str(path))
    assert ("Строка 3, столбец «Окружной комитет»: неизвестный окружной комитет «9»"
            in capsys.readouterr().err)
    assert not Event.objects.exists()


def test_command_refuses_a_broken_file(tmp_path):
    path = tmp_path / "events.xlsx"
    path.write_bytes(b"not a workbook at all")
    with pytest.raises(CommandError, match="не является книгой Excel"):
        call_command("import_xlsx", "events", str(path))
