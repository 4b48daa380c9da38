"""The printable results of an edition, for city staff."""

import pytest
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from contests.models import Application, Contest, ContestEdition, Result
from demo import contests as demo
from tests.conftest import login
from tests.factories import (
    ApplicationFactory,
    CenterFactory,
    CommitteeFactory,
    EditionFactory,
    NominationFactory,
    ResultFactory,
    TerritoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def centers_edition(winners_per_direction=3, year=2022):
    contest, _ = Contest.objects.get_or_create(name="Лучший центр по работе с населением")
    edition = EditionFactory(contest=contest, year=year)
    territory = TerritoryFactory(name="Ленинский район", name_genitive="Ленинского района")
    for order, name in enumerate(["Организация работы клубных формирований",
                                  "Методическая работа"], 1):
        nomination = NominationFactory(edition=edition, name=name, order=order, period=1)
        for place in range(1, winners_per_direction + 1):
            application = ApplicationFactory(
                edition=edition, nomination=nomination, tos_body=None,
                applicant_kind=Application.ApplicantKind.CENTER,
                center=CenterFactory(territory=territory), stage=Application.Stage.CITY,
            )
            ResultFactory(application=application, place=place)
    return edition


def results_url(edition):
    return reverse("contests:edition_results", args=[edition.pk])


def test_staff_see_winners_by_nomination_in_order(admin_client):
    edition = centers_edition()
    html = admin_client.get(results_url(edition)).content.decode()
    assert "Итоги конкурса «Лучший центр по работе с населением»" in html
    clubs = html.index("Номинация «Организация работы клубных формирований»")
    method = html.index("Номинация «Методическая работа»")
    assert clubs < method
    first = Result.objects.get(application__nomination__order=1, place=1).application
    assert html.index(str(first.center), clubs) < html.index("2 место", clubs)
    assert "Ленинский район" in html


def test_special_prizes_without_nomination_are_listed(admin_client):
    application = ApplicationFactory(
        nomination=None, tos_body=None, applicant_kind=Application.ApplicantKind.PERSON,
        applicant_name="Команда Ленинского района", territory=TerritoryFactory(),
        stage=Application.Stage.CITY,
    )
    ResultFactory(application=application, place=None, prize="самые преданные болельщики")
    html = admin_client.get(results_url(application.edition)).content.decode()
    assert "Общий зачет и специальные призы" in html
    assert "самые преданные болельщики" in html and "Команда Ленинского района" in html


def test_edition_without_results_says_so(admin_client):
    html = admin_client.get(results_url(EditionFactory())).content.decode()
    assert "Итоги этого проведения еще не записаны." in html


def test_page_is_for_staff_and_for_chairs_who_did_not_apply_refused(client):
    edition = EditionFactory()
    response = client.get(results_url(edition))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    chair, _ = create_user_for(username="chair", role=Profile.Role.CHAIR,
                               committee=CommitteeFactory())
    client.force_login(chair)
    assert client.get(results_url(edition)).status_code == 403
    ApplicationFactory(edition=edition)  # another committee applied
    assert client.get(results_url(edition)).status_code == 403


def test_a_chair_reads_the_results_of_a_contest_they_applied_to(client):
    edition = centers_edition(winners_per_direction=1)
    committee = CommitteeFactory()
    ApplicationFactory(edition=edition, tos_body__committee=committee)
    chair, _ = create_user_for(username="chair", role=Profile.Role.CHAIR, committee=committee)
    client.force_login(chair)
    response = client.get(results_url(edition))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Номинация «Методическая работа»" in html
    assert "/portal/applications/" in html and "/admin/" not in html


@pytest.mark.parametrize("role", [Profile.Role.CENTER, Profile.Role.VIEWER])
def test_other_roles_keep_their_403(client, role):
    edition = centers_edition(winners_per_direction=1)
    center = Application.objects.filter(edition=edition).first().center
    link = {"center": center} if role == Profile.Role.CENTER else {"territory": center.territory}
    user, _ = create_user_for(username="someone", role=role, **link)
    client.force_login(user)
    assert client.get(results_url(edition)).status_code == 403


def test_page_queries_do_not_grow_with_winners(admin_client, django_assert_max_num_queries):
    few, many = centers_edition(1, year=2021), centers_edition(6)
    admin_client.get(results_url(few))
    # session, user, edition with contest, nominations, outcomes, results
    # with their applicants in one join, the session's save (3).
    with django_assert_max_num_queries(9) as small:
        admin_client.get(results_url(few))
    with django_assert_max_num_queries(len(small.captured_queries)):
        admin_client.get(results_url(many))


@pytest.fixture
def _http_cookies(settings):
    # Production settings send cookies over HTTPS only; the live server
    # speaks HTTP (run with DJANGO_SECURE_SSL_REDIRECT=0, as scripts/test.sh).
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.mark.browser
def test_results_page_in_chromium_shows_seed_winners(
    page, live_server, small_registry, _http_cookies
):
    demo.load()
    edition = ContestEdition.objects.get(contest__name=demo.BEST_CENTER, year=2022)
    UserFactory(username="boss", is_superuser=True)
    login(page, live_server, "boss", "Kemerovo-test-2022")
    page.goto(live_server.url + results_url(edition))
    sections = page.locator("section")
    assert sections.count() == 6
    first = sections.nth(0)
    assert first.locator("h2").inner_text().startswith(
        "Номинация «Методическая, информационная работа с населением»"
    )
    rows = first.locator("tbody tr")
    assert rows.nth(0).inner_text().split("\t")[:3] == [
        "1 место", "ЦРН «Петровский»", "ж.р. Кедровка и Промышленновский"
    ]
    assert "Печать" in page.locator(".toolbar").inner_text()
    # Printed, the toolbar goes and the table stays.
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    assert rows.nth(0).is_visible()
