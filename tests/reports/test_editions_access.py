"""Who may open the pages of editions, the year's start and the checklist:
city staff only; every other role is refused, anonymous users log in."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from contests.models import ContestEdition
from reports.models import PublishedEdition
from tests.factories import CenterFactory, CommitteeFactory, EditionFactory, ProfileFactory

pytestmark = pytest.mark.django_db
YEAR = 2022


@pytest.fixture
def edition(db):
    edition = PublishedEdition(year=YEAR, number=1, status=PublishedEdition.Status.PUBLISHED)
    edition.pdf.save("a.pdf", ContentFile(b"%PDF-1.7 published"), save=False)
    edition.xlsx.save("a.xlsx", ContentFile(b"PK published"), save=False)
    edition.save()
    return edition


def _login(client, role):
    if role == "anonymous":
        return client
    link = {
        "chair": {"committee": CommitteeFactory()},
        "center": {"center": CenterFactory()},
        "viewer": {"territory": CommitteeFactory().territory},
    }.get(role, {})
    client.force_login(ProfileFactory(role=getattr(Profile.Role, role.upper()), **link).user)
    return client


def _requests(edition):
    return [
        ("get", reverse("reports:publish", args=[YEAR])),
        ("post", reverse("reports:publish", args=[YEAR])),
        ("get", reverse("reports:start_year", args=[YEAR])),
        ("post", reverse("reports:start_year", args=[YEAR])),
        ("get", reverse("reports:checklist", args=[YEAR])),
        ("get", reverse("reports:checklist_latest")),
        ("get", reverse("reports:edition_file", args=[edition.pk, "pdf"])),
        ("get", reverse("reports:edition_file", args=[edition.pk, "xlsx"])),
    ]


@pytest.mark.parametrize("role", ["chair", "center", "viewer"])
def test_other_roles_are_refused(client, edition, role):
    EditionFactory(year=YEAR)
    _login(client, role)
    for method, url in _requests(edition):
        assert getattr(client, method)(url).status_code == 403, (method, url)
    assert PublishedEdition.objects.count() == 1
    assert not ContestEdition.objects.filter(year=YEAR + 1).exists()


def test_anonymous_users_are_sent_to_log_in(client, edition):
    for method, url in _requests(edition):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert reverse("admin:login") in response["Location"]


def test_staff_open_every_page(client, edition, django_capture_on_commit_callbacks):
    _login(client, "staff")
    for name in ("reports:publish", "reports:start_year", "reports:checklist"):
        assert client.get(reverse(name, args=[YEAR])).status_code == 200, name
    EditionFactory(year=YEAR)  # the latest year with data
    latest = client.get(reverse("reports:checklist_latest"))
    assert latest["Location"] == reverse("reports:checklist", args=[YEAR])
    response = client.get(reverse("reports:edition_file", args=[edition.pk, "pdf"]))
    assert b"".join(response.streaming_content) == b"%PDF-1.7 published"
    assert response["Content-Type"] == "application/pdf"
    assert client.get(reverse("reports:edition_file", args=[edition.pk, "doc"])).status_code \
        == 404
    # A second edition without a reason is refused, with the form again.
    refused = client.post(reverse("reports:publish", args=[YEAR]), {"note": ""})
    assert refused.status_code == 200
    assert "Укажите, что изменилось и почему" in refused.content.decode()


def test_the_report_page_offers_the_buttons_to_staff_only(client, edition):
    _login(client, "staff")
    page = client.get(reverse("reports:page", args=[YEAR]), {"live": "1"}).content.decode()
    assert reverse("reports:publish", args=[YEAR]) in page
    assert reverse("reports:checklist", args=[YEAR]) in page
    assert reverse("reports:edition_file", args=[edition.pk, "pdf"]) in page

    viewer = type(client)()
    _login(viewer, "viewer")
    page = viewer.get(reverse("reports:page", args=[YEAR])).content.decode()
    assert reverse("reports:publish", args=[YEAR]) not in page
    assert reverse("reports:edition_file", args=[edition.pk, "pdf"]) not in page
    assert f"Отчет за {YEAR} год опубликован" in page


def test_the_admin_index_links_the_checklist_for_staff_only(client, edition, admin_user):
    client.force_login(admin_user)
    url = reverse("reports:checklist_latest")
    assert url in client.get(reverse("admin:index")).content.decode()
    viewer = create_user_for(username="viewer.index", role="viewer",
                             territory=CommitteeFactory().territory,
                             password="Kemerovo-test-2022")[0]
    client.force_login(viewer)
    page = client.get(reverse("admin:index")).content.decode()
    assert reverse("reports:index") in page and url not in page
