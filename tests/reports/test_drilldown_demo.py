"""The drill-down of every figure of «Показатели года» on the 2022 demo:
the list each link opens counts (or sums) exactly the figure, for staff and
for a viewer, whose list holds only their territory."""

import pytest
from django.contrib.auth.models import User

from committees.models import Territory
from core.scoping import get_scope
from reports.document import build

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

YEAR = 2022


def shown(client, figure) -> int:
    response = client.get(figure.url)
    assert response.status_code == 200, (figure.key, figure.url)
    if figure.records.total:
        return response.context["column_totals"][0][2]
    return response.context["cl"].result_count


def test_every_demo_figure_lists_its_records_for_staff(client):
    client.force_login(User.objects.get(username="staff"))
    doc = build(YEAR, with_charts=False)
    assert len(doc.figures) >= 25
    assert {f.key: shown(client, f) for f in doc.figures} == {
        f.key: f.value for f in doc.figures}


def test_every_demo_figure_of_a_viewer_lists_their_territory(client):
    viewer = next(u for u in User.objects.filter(profile__role="viewer")
                  if get_scope(u).territory_id)
    territory = Territory.objects.get(pk=get_scope(viewer).territory_id)
    client.force_login(viewer)
    doc = build(YEAR, territory, with_charts=False)
    assert {f.key: shown(client, f) for f in doc.figures} == {
        f.key: f.value for f in doc.figures}
