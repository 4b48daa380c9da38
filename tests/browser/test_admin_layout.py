"""At 1366 x 768, a laptop's screen, every registry list shows all its
columns: the page does not scroll sideways and the table needs no scroll
of its own (static/admin_extra/admin.css, static/admin_extra/sidebar.js)."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from core.admin_base import RegistryAdmin
from tests.conftest import login
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    CenterEventFactory,
    CenterFactory,
    ClubFactory,
    CommitteeFactory,
    EventFactory,
    InitiativeProjectFactory,
    TerritoryFactory,
    TosBodyFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """() => {
  const page = document.documentElement;
  const box = document.querySelector('#changelist .results');
  return {page: page.scrollWidth - page.clientWidth,
          table: box ? box.scrollWidth - box.clientWidth : 0,
          columns: document.querySelectorAll('#result_list thead th').length};
}"""


@pytest.fixture
def laptop(browser):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 768})
    yield context.new_page()
    context.close()


@pytest.fixture
def staff(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    create_user_for(username="ivanova", role=Profile.Role.STAFF, password=PASSWORD)


@pytest.fixture
def long_rows():
    """A row in the widest lists, with the registry's longest kinds of names."""
    territory = TerritoryFactory(name="ж.р. Кедровка и Промышленновский")
    committee = CommitteeFactory(
        territory=territory,
        name="Окружной комитет территориального общественного самоуправления № 17",
    )
    body = TosBodyFactory(
        committee=committee, name="Домовый комитет, ул. Инициативная, дома 30–58"
    )
    center = CenterFactory(
        territory=territory, name="Центр по работе с населением «Кедровский-Промышленновский»"
    )
    ClubFactory(center=center, name="Клуб любителей скандинавской ходьбы «Долголетие»")
    EventFactory(
        committee=committee,
        tos_body=body,
        date=datetime.date(2022, 12, 20),
        title="Праздник двора «Новогодний калейдоскоп» для жителей ул. Инициативной",
    )
    CenterEventFactory(center=center)
    ApplicationFactory(tos_body=body)
    InitiativeProjectFactory(
        territory=territory, address="ул. 2-я Шахтерская, 103, дворовая территория"
    )


def test_every_registry_list_fits_a_laptop_screen(laptop, live_server, staff, long_rows, tmp_path):
    login(laptop, live_server, "ivanova", PASSWORD)
    urls = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, RegistryAdmin)
    ]
    cut = {}
    for url in urls:
        laptop.goto(f"{live_server.url}{url}")
        sizes = laptop.evaluate(MEASURE)
        if sizes["page"] > 0 or sizes["table"] > 0:
            cut[url] = sizes
            laptop.screenshot(path=str(tmp_path / (url.strip("/").replace("/", "_") + ".png")))
    assert not cut, cut
    assert len(urls) >= 15


def test_the_side_menu_opens_and_keeps_its_place(laptop, live_server, staff, long_rows):
    login(laptop, live_server, "ivanova", PASSWORD)
    url = f"{live_server.url}{reverse('admin:contests_application_changelist')}"
    laptop.goto(url)
    assert laptop.locator("#nav-sidebar").get_attribute("aria-expanded") == "false"
    laptop.click("#toggle-nav-sidebar")
    laptop.goto(url)
    # The person's own choice is kept.
    assert laptop.locator("#nav-sidebar").get_attribute("aria-expanded") == "true"
