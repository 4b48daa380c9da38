"""Error pages in Russian with a way back, for every role (DEBUG off)."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from tests.factories import CommitteeFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def users():
    territory = TerritoryFactory()
    committee = CommitteeFactory(territory=territory)
    staff, _ = create_user_for(username="boss", role=Profile.Role.STAFF)
    chair, _ = create_user_for(username="chair1", role=Profile.Role.CHAIR, committee=committee)
    viewer, _ = create_user_for(username="view1", role=Profile.Role.VIEWER, territory=territory)
    return {"staff": staff, "chair": chair, "viewer": viewer}


def client_as(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["staff", "chair", "viewer", None])
def test_missing_page_is_russian_with_a_way_home(users, role):
    response = client_as(users.get(role)).get("/nothing-here/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Страница не найдена" in page
    assert 'href="/"' in page and "На главную" in page
    assert "Not Found" not in page


def test_a_forbidden_page_says_why_in_russian(users):
    response = client_as(users["chair"]).get(reverse("reports:page", args=[2022]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Нет доступа" in page and "На главную" in page
    assert "403 Forbidden" not in page


def test_the_server_error_page_needs_no_request(settings):
    from django.template import loader

    page = loader.get_template("500.html").render()
    assert "Ошибка на сервере" in page and 'href="/"' in page
