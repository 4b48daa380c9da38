"""Each role, in a real browser against a live server with DEBUG off, opens
a page it may not open and a page that does not exist: a Russian page with
the right HTTP status and a way back that fits the role (the portal for a
chair or a center, the admin for staff and a viewer, the login page for
someone not logged in)."""

import pytest

from accounts.models import Profile
from accounts.services import create_user_for
from tests.factories import PASSWORD, CenterFactory, CommitteeFactory, TerritoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A page each role may not open: the portal's event form is for chairs and
# centers only; the annual report for staff and viewers only.
FORBIDDEN = {
    "staff": "/portal/events/add/",
    "viewer": "/portal/events/add/",
    "chair": "/reports/2022/",
    "center": "/reports/2022/",
}
# The reason the page gives (the view's own Russian sentence).
REASON = {
    "staff": "не для вашей роли",
    "viewer": "не для вашей роли",
    "chair": "Годовой отчет доступен сотрудникам",
    "center": "Годовой отчет доступен сотрудникам",
}
# Where «На главную» leads each role.
HOME = {"staff": "/admin/", "viewer": "/admin/", "chair": "/portal/", "center": "/portal/"}
MISSING = "/portal/no-such-page/"


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False
    # The live server speaks plain HTTP; production cookies are Secure.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def users():
    territory = TerritoryFactory(name="Центральный")
    committee = CommitteeFactory(territory=territory)
    center = CenterFactory(territory=territory)
    links = {
        "staff": {},
        "viewer": {"territory": territory},
        "chair": {"committee": committee},
        "center": {"center": center},
    }
    for role, link in links.items():
        create_user_for(username=f"{role}1", role=role, password=PASSWORD, **link)
    assert set(links) == {r.value for r in Profile.Role} & set(links)


def log_in(page, live_server, role):
    page.goto(f"{live_server.url}/portal/login/")
    page.fill("#id_username", f"{role}1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def assert_russian_error(page, response, status, heading):
    assert response.status == status
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == heading
    body = page.locator("body").inner_text()
    for english in ("Forbidden", "Not Found", "Server Error", "Page not found"):
        assert english not in body


@pytest.mark.parametrize("role", ["staff", "viewer", "chair", "center"])
def test_a_role_meets_a_russian_403_and_404_with_its_way_home(
    page, live_server, users, role, tmp_path
):
    log_in(page, live_server, role)

    response = page.goto(f"{live_server.url}{FORBIDDEN[role]}")
    assert_russian_error(page, response, 403, "Нет доступа")
    assert REASON[role] in page.locator(".error-page").inner_text()
    page.screenshot(path=str(tmp_path / f"403-{role}.png"))
    page.get_by_role("link", name="На главную").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}{HOME[role]}", page.url

    response = page.goto(f"{live_server.url}{MISSING}")
    assert_russian_error(page, response, 404, "Страница не найдена")
    page.get_by_role("link", name="На главную").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}{HOME[role]}", page.url


def test_someone_not_logged_in_is_shown_the_way_to_log_in(page, live_server, users):
    response = page.goto(f"{live_server.url}{MISSING}")
    assert_russian_error(page, response, 404, "Страница не найдена")
    page.get_by_role("link", name="Войти").click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{live_server.url}/portal/login/"), page.url

    # A page that needs a login leads to the login page, not to a 403.
    response = page.goto(f"{live_server.url}/portal/events/add/")
    assert response.status == 200
    assert page.url.startswith(f"{live_server.url}/portal/login/"), page.url
    assert page.locator("#id_password").count() == 1
