"""Two staff members open the same event in the admin and both save: the
second gets a Russian conflict message and the first one's change stays."""

import pytest
from django.urls import reverse

from events.models import Event
from tests.factories import EventFactory

from .forms import event_change_data

pytestmark = pytest.mark.django_db


def _post_data(event: Event, version, **changes) -> dict:
    return {**event_change_data(event, version), **changes}


def test_the_second_of_two_saves_gets_a_conflict_and_the_first_survives(admin_client):
    event = EventFactory(title="Праздник двора")
    url = reverse("admin:events_event_change", args=[event.pk])
    opened = admin_client.get(url).context["adminform"].form["opened_version"].value()
    assert opened == 1

    first = admin_client.post(url, _post_data(event, opened, title="Праздник двора (перенесен)"))
    assert first.status_code == 302
    second = admin_client.post(url, _post_data(event, opened, participants=999))

    assert second.status_code == 200
    assert "Запись изменил другой пользователь" in second.content.decode()
    event.refresh_from_db()
    assert event.title == "Праздник двора (перенесен)"
    assert event.participants != 999
    assert event.version == 2


def test_a_save_of_the_current_version_goes_through_and_counts_up(admin_client):
    event = EventFactory()
    url = reverse("admin:events_event_change", args=[event.pk])
    for expected_version in (1, 2):
        response = admin_client.post(url, _post_data(event, expected_version, participants=40))
        assert response.status_code == 302
    event.refresh_from_db()
    assert event.version == 3 and event.participants == 40
