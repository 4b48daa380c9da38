"""The admin front page's «Отчеты и сводки»: each title reads on one line
(its description under it, not in a cell the admin keeps on one line,
which squeezed the titles to a letter a line), and the board's
description says what the board now covers."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def block(client) -> str:
    page = client.get(reverse("admin:index")).content.decode()
    match = re.search(r'<div class="module" id="annual-report-link">(.*?)</div>\s*\n', page, re.S)
    assert match, "no «Отчеты и сводки» on the admin's front page"
    return match[1]


def test_the_descriptions_sit_under_the_titles(client, admin_user):
    client.force_login(admin_user)
    html = block(client)
    assert "<td" not in html
    for title in ("Годовой отчет", "Чего не хватает отчету", "Полнота данных"):
        assert f">{title}</a>" in html


def test_the_board_description_covers_records_and_returns(client, admin_user):
    client.force_login(admin_user)
    board = block(client).split('id="board-link"')[1]
    assert "отчет за месяц" in board
    assert "внес мероприятия" not in board
