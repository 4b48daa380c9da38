"""Who may open the report, and what the page and the workbook show."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Profile
from reports.aggregates import annual_report
from reports.formatting import number
from tests.factories import ProfileFactory

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def client_for(client, **profile):
    user = ProfileFactory(**profile).user
    client.force_login(user)
    return client


def test_anonymous_users_are_sent_to_log_in(client, small_year):
    response = client.get(reverse("reports:page", args=[YEAR]))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("role", [Profile.Role.CHAIR, Profile.Role.CENTER])
def test_chairs_and_center_staff_are_refused(client, small_year, role):
    link = {"committee": small_year.committees[0]} if role == Profile.Role.CHAIR else {
        "center": small_year.centers[0]
    }
    client_for(client, role=role, **link)
    for name in ("reports:page", "reports:xlsx", "reports:pdf"):
        assert client.get(reverse(name, args=[YEAR])).status_code == 403


def test_staff_see_the_whole_city_with_figures_and_charts(client, small_year):
    client_for(client, role=Profile.Role.STAFF)
    response = client.get(reverse("reports:page", args=[YEAR]))
    assert response.status_code == 200
    html = response.content.decode()
    report = annual_report(YEAR)
    assert f"{number(report.registry['activists'].total)} активных кемеровчан" in html
    assert html.count('<figure class="chart">') == html.count("<svg ") == 5
    assert "Весь город" in html  # the territory filter
    assert f"<th>{YEAR - 1}</th>" in html  # 2021 has events: a comparison column


def test_staff_filter_by_territory(client, small_year):
    north, _ = small_year.territories
    client_for(client, role=Profile.Role.STAFF)
    response = client.get(reverse("reports:page", args=[YEAR]), {"territory": north.pk})
    html = response.content.decode()
    assert "На территории Северного района действует 1 окружной комитет" in html


def test_a_viewer_sees_only_their_territory(client, small_year):
    north, south = small_year.territories
    client_for(client, role=Profile.Role.VIEWER, territory=south)
    # Asking for another territory changes nothing.
    response = client.get(reverse("reports:page", args=[YEAR]), {"territory": north.pk})
    html = response.content.decode()
    assert "На территории Южного района" in html
    assert "Северного района" not in html
    assert "Весь город" not in html


def test_no_comparison_column_without_a_previous_year(client, small_year):
    client_for(client, role=Profile.Role.STAFF)
    html = client.get(reverse("reports:page", args=[YEAR - 1])).content.decode()
    assert "Изменение" not in html
    assert f"За {YEAR - 2} год данных нет" in html


def test_year_picker_redirects_to_the_chosen_year(client, small_year):
    client_for(client, role=Profile.Role.STAFF)
    response = client.get(reverse("reports:page", args=[YEAR]), {"year": YEAR - 1})
    assert response["Location"] == reverse("reports:page", args=[YEAR - 1])


def test_workbook_has_a_sheet_per_section_with_territory_breakdowns(client, small_year):
    client_for(client, role=Profile.Role.STAFF)
    response = client.get(reverse("reports:xlsx", args=[YEAR]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert {"Показатели", "ТОС", "Конкурсы", "ЦРН", "Инициативные проекты"} <= set(
        book.sheetnames
    )
    tos = book["ТОС"]
    rows = [[c.value for c in row] for row in tos.iter_rows()]
    north_row = next(r for r in rows if r[0] == "Северный район")
    total_row = next(r for r in rows if r[0] == "Всего")
    report = annual_report(YEAR)
    north = small_year.territories[0]
    assert north_row[3] == report.registry["activists"][north.pk]
    assert total_row[3] == report.registry["activists"].total


def test_pdf_download(client, small_year, django_capture_on_commit_callbacks):
    client_for(client, role=Profile.Role.STAFF)
    url = reverse("reports:pdf", args=[YEAR])
    # The first visit queues the booklet (made here at once: the tests'
    # immediate task backend) and shows the page that follows it...
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.get(url)
    assert queued.status_code == 302
    # ...the same address then gives the PDF.
    response = client.get(url, follow=True)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_admin_index_links_the_report_for_staff(client, small_year):
    client_for(client, role=Profile.Role.STAFF)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("reports:index") in html


def test_admin_index_hides_the_report_from_chairs(client, small_year):
    client_for(client, role=Profile.Role.CHAIR, committee=small_year.committees[0])
    response = client.get(reverse("admin:index"))
    assert reverse("reports:index") not in response.content.decode()


def test_annual_report_command_writes_both_files(small_year, tmp_path):
    from django.core.management import call_command

    pdf, xlsx = tmp_path / "report.pdf", tmp_path / "report.xlsx"
    call_command("annual_report", str(YEAR), "--pdf", str(pdf), "--xlsx", str(xlsx),
                 verbosity=0)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert load_workbook(xlsx)["Показатели"]["B4"].value == "Окружные комитеты ТОС"
