"""On a 390 px phone the portal's tabs wrap instead of scrolling sideways:
every tab, the current one included, is on screen, for a chair (six tabs)
and a center's specialist (seven)."""

import pytest

from tests.factories import PASSWORD

from .helpers import make_center_staff, make_chair

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="ru-RU", viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def _http_cookies(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def tabs_on_screen(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('nav.nav a')].map(a => {
        const r = a.getBoundingClientRect();
        return {text: a.textContent.trim(), left: r.left, right: r.right, height: r.height,
                current: a.getAttribute('aria-current') === 'page'};
    })""")


@pytest.mark.parametrize("make", [make_chair, make_center_staff], ids=["chair", "center"])
def test_every_tab_and_the_current_one_fit_a_phone(phone, live_server, transactional_db,
                                                   _http_cookies, make):
    user = make()
    phone.goto(f"{live_server.url}/portal/login/")
    phone.get_by_label("Имя пользователя").fill(user.username)
    phone.get_by_label("Пароль").fill(PASSWORD)
    phone.get_by_role("button", name="Войти").click()
    phone.wait_for_url("**/portal/")
    hrefs = phone.eval_on_selector_all("nav.nav a", "els => els.map(a => a.href)")
    assert len(hrefs) >= 6
    for href in hrefs:
        phone.goto(href)
        nav = phone.evaluate("(() => { const n = document.querySelector('nav.nav');"
                             " return [n.scrollWidth, n.clientWidth]; })()")
        assert nav[0] <= nav[1], f"{href}: the tabs scroll ({nav[0]} px in {nav[1]})"
        tabs = tabs_on_screen(phone)
        for tab in tabs:
            assert tab["left"] >= 0 and tab["right"] <= PHONE["width"], (href, tab)
            assert tab["height"] >= 44, (href, tab)  # a thumb's target
        current = [tab for tab in tabs if tab["current"]]
        assert len(current) == 1, (href, tabs)
