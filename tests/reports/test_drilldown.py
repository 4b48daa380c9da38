"""Every figure of «Показатели года» links to the admin list of the records
it counts: the list's count, or the sum of its column, is the figure; a
viewer's list holds only the viewer's territory."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from centers.models import Club, ClubYear
from reports.document import build

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def log_in(client, role, territory=None):
    link = {"territory": territory} if territory is not None else {}
    user, _ = create_user_for(username=f"{role}-reader", role=role, **link)
    client.force_login(user)
    return client


def listed(client, url: str, figure) -> int:
    """What the figure's list shows: its count, or its column's sum."""
    response = client.get(url)
    assert response.status_code == 200, (figure.key, url)
    # A parameter the admin did not understand sends it to ?e=1.
    assert "e" not in dict(parse_qsl(urlsplit(response.request["QUERY_STRING"]).path)), url
    context = response.context
    if figure.records.total:
        totals = context["column_totals"]
        assert [name for name, _, _ in totals] == [figure.records.total], figure.key
        return totals[0][2]
    return context["cl"].result_count


def test_every_figure_has_a_definition_and_a_link(small_year):
    doc = build(YEAR, with_charts=False)
    assert len(doc.figures) == 30
    for figure in doc.figures:
        assert figure.definition.endswith("."), figure.key
        assert figure.url.startswith("/admin/"), figure.key


def test_each_figure_link_lists_exactly_its_records_for_staff(client, small_year):
    log_in(client, role=Profile.Role.STAFF)
    doc = build(YEAR, with_charts=False)
    shown = {figure.key: listed(client, figure.url, figure) for figure in doc.figures}
    assert shown == {figure.key: figure.value for figure in doc.figures}
    # The hand counts of the small year, not only agreement with the report.
    assert shown["cultural"] == 2 and shown["cultural_people"] == 50
    assert shown["campaigns"] == 2 and shown["visitors"] == 9
    assert shown["practice_committees"] == 2 and shown["best_center_centers"] == 2
    assert shown["initiative_voters"] == 3800 and shown["family_raids"] == 8


def test_a_viewer_follows_the_links_of_their_territory(client, small_year):
    north, south = small_year.territories
    log_in(client, role=Profile.Role.VIEWER, territory=north)
    doc = build(YEAR, north, with_charts=False)
    city = {f.key: f for f in build(YEAR, with_charts=False).figures}
    south_doc = {f.key: f.value for f in build(YEAR, south, with_charts=False).figures}
    assert any(f.value != city[f.key].value for f in doc.figures)
    for figure in doc.figures:
        assert listed(client, figure.url, figure) == figure.value, figure.key
        # The city's link, followed by the viewer, lists only their territory
        # too (the admin's scope); a sum or count of the south never shows.
        if figure.value != city[figure.key].value and not figure.records.by_ids:
            assert listed(client, city[figure.key].url, figure) == figure.value, figure.key
    assert south_doc  # the south has figures of its own the viewer never sees


def test_table_cells_link_to_their_territory_records(client, small_year):
    north, _ = small_year.territories
    log_in(client, role=Profile.Role.STAFF)
    doc = build(YEAR, with_charts=False)
    table = doc.tables["tos"]
    row = next(n for n, r in enumerate(table.rows) if r[0] == str(north))
    cells = table.row_cells[row]
    # Окружные комитеты, органы ТОС, активисты, культурно-массовые мероприятия
    assert [value for value, _ in cells[1:5]] == [1, 2, 3, 1]
    for value, url in cells[1:5]:
        response = client.get(url)
        assert response.context["cl"].result_count == value, url
    assert all(url for _, url in table.footer_cells[1:])


def test_club_members_sum_the_count_of_the_year(client, small_year):
    club = Club.objects.get(members=10)
    ClubYear.objects.create(club=club, year=YEAR, members=17)
    log_in(client, role=Profile.Role.STAFF)
    figure = next(f for f in build(YEAR, with_charts=False).figures if f.key == "club_members")
    assert figure.value == 17 + 12
    assert listed(client, figure.url, figure) == 29


def test_the_page_shows_definitions_and_links(client, small_year):
    log_in(client, role=Profile.Role.STAFF)
    html = client.get(reverse("reports:page", args=[YEAR])).content.decode()
    doc = build(YEAR, with_charts=False)
    cultural = next(f for f in doc.figures if f.key == "cultural")
    assert f'<summary title="Как считается">i</summary><p>{cultural.definition}</p>' in html
    assert f'<a href="{cultural.url.replace("&", "&amp;")}"' in html


def test_a_sum_is_said_above_the_list(client, small_year):
    log_in(client, role=Profile.Role.STAFF)
    url = reverse("admin:centers_reception_changelist")
    response = client.get(url, {"date__gte": f"{YEAR}-01-01", "date__lte": f"{YEAR}-12-31",
                                "_sum": "visitors"})
    assert response.status_code == 200
    assert "Сумма столбца «Обратилось граждан» по всему списку: 9." in response.content.decode() \
        or any("по всему списку: 9." in str(m) for m in response.context["messages"])
    # Sorting and pages keep the total.
    assert "_sum=visitors" in response.context["cl"].get_query_string({"o": "1"})


def test_the_workbook_links_each_figure_to_its_records(client, small_year, settings):
    import io

    from openpyxl import load_workbook

    settings.SITE_URL = "https://tos.example.ru"
    log_in(client, role=Profile.Role.STAFF)
    response = client.get(reverse("reports:xlsx", args=[YEAR]))
    sheet = load_workbook(io.BytesIO(response.content))["Показатели"]
    doc = build(YEAR, with_charts=False)
    header = [c.value for c in sheet[3]]
    assert header[-1] == "Как считается"
    for row, figure in enumerate(doc.figures, 4):
        cell = sheet.cell(row, 3)
        assert cell.value == figure.value
        assert cell.hyperlink.target == "https://tos.example.ru" + figure.url
        assert sheet.cell(row, len(header)).value == figure.definition
    tos = load_workbook(io.BytesIO(response.content))["ТОС"]
    linked = [c.hyperlink.target for row in tos.iter_rows() for c in row if c.hyperlink]
    assert any("/admin/committees/activist/" in url for url in linked)
