"""Who reaches which page: the role and core.scoping, nothing else."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, EventFactory

pytestmark = pytest.mark.django_db


def test_front_door_sends_a_visitor_to_the_portal_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("portal:login")


def test_front_door_sends_a_chair_to_the_portal(client, chair):
    client.force_login(chair)
    assert client.get("/").url == reverse("portal:home")


def test_front_door_sends_center_staff_to_the_portal(client, center_staff):
    client.force_login(center_staff)
    assert client.get("/").url == reverse("portal:home")


def test_front_door_sends_city_staff_to_the_admin(client, city_staff):
    client.force_login(city_staff)
    assert client.get("/").url == reverse("admin:index")


def test_login_page_is_russian_and_logs_a_chair_in(client, chair):
    page = client.get(reverse("portal:login"))
    assert 'lang="ru"' in page.content.decode()
    assert "Вход в кабинет" in page.content.decode()
    response = client.post(
        reverse("portal:login"), {"username": chair.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("portal:home")


def test_login_page_says_in_russian_when_the_password_is_wrong(client, chair):
    response = client.post(
        reverse("portal:login"), {"username": chair.username, "password": "wrong-password"}
    )
    assert "Неверное имя пользователя или пароль" in response.content.decode()


def test_portal_pages_send_a_visitor_to_the_portal_login(client):
    response = client.get(reverse("portal:event_add"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("portal:login") + "?next=")


def test_chair_cannot_open_another_committees_event(chair_client):
    other = EventFactory()
    response = chair_client.get(reverse("portal:event_edit", args=[other.pk]))
    assert response.status_code == 404


def test_chair_list_shows_only_own_committees_events(chair_client, chair):
    own = EventFactory(committee=chair.profile.committee, title="Свой праздник")
    EventFactory(title="Чужой праздник")
    body = chair_client.get(reverse("portal:event_list")).content.decode()
    assert own.title in body
    assert "Чужой праздник" not in body


def test_chair_cannot_open_the_board(chair_client):
    assert chair_client.get(reverse("portal:board")).status_code == 403


def test_city_staff_home_is_the_board(client, city_staff):
    client.force_login(city_staff)
    assert client.get(reverse("portal:home")).url == reverse("portal:board")


def test_city_staff_cannot_enter_events_in_the_portal(client, city_staff):
    client.force_login(city_staff)
    assert client.get(reverse("portal:event_add")).status_code == 403


def test_portal_does_not_depend_on_model_permissions(client, chair):
    """A chair without any Django permission or group still works."""
    chair.groups.clear()
    chair.user_permissions.clear()
    client.force_login(chair)
    assert client.get(reverse("portal:event_add")).status_code == 200
