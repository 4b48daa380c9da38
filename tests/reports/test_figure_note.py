"""A list opened from a figure of «Показатели года» says on top which
figure it lists and what the figure counts («Записи показателя «…»: its
definition»): the filter sidebar alone showed «вид: Все» for a list
filtered by `kind__in=…&committee__isnull=0`."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import Profile
from core.admin_base.figure_note import figure_note
from reports.document import build

from .conftest import YEAR
from .test_drilldown import log_in

pytestmark = pytest.mark.django_db


def notes(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_each_figure_list_names_its_figure_and_definition(client, small_year):
    log_in(client, role=Profile.Role.STAFF)
    doc = build(YEAR, with_charts=False)
    for figure in doc.figures:
        response = client.get(figure.url)
        assert response.status_code == 200, figure.key
        assert f"Записи показателя «{figure.label}»: {figure.definition}" in notes(response), (
            figure.key
        )


def test_the_cultural_events_list_says_what_it_is_filtered_by(client, small_year):
    log_in(client, role=Profile.Role.STAFF)
    cultural = next(f for f in build(YEAR, with_charts=False).figures if f.key == "cultural")
    page = client.get(cultural.url, follow=True).content.decode()
    assert "Записи показателя «Культурно-массовые мероприятия комитетов»:" in page


def test_a_list_without_the_figure_or_with_a_made_up_one_says_nothing(client, small_year):
    log_in(client, role=Profile.Role.STAFF)
    url = reverse("admin:events_event_changelist")
    assert not [n for n in notes(client.get(url)) if n.startswith("Записи показателя")]
    made_up = client.get(url, {"_figure": "Поддельный текст"})
    assert made_up.status_code == 200
    assert not [n for n in notes(made_up) if n.startswith("Записи показателя")]
    assert figure_note(f"{YEAR}-no_such_figure") is None
