"""Entering and editing events in the portal."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from events.models import Event
from tests.factories import (
    CampaignFactory,
    EventFactory,
    EventPhotoFactory,
    TosBodyFactory,
)

from .helpers import jpeg_bytes, make_chair

pytestmark = pytest.mark.django_db


def event_data(**overrides):
    data = {
        "date": "2024-05-09",
        "title": "Праздник двора",
        "kind": Event.Kind.CULTURAL,
        "participants": "40",
    }
    data.update(overrides)
    return data


def test_chair_adds_an_event_of_their_committee(chair_client, chair):
    response = chair_client.post(reverse("portal:event_add"), event_data())
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.committee == chair.profile.committee
    assert event.center is None
    assert event.participants == 40
    assert event.version == 1


def test_center_staff_add_an_event_of_their_center(client, center_staff):
    client.force_login(center_staff)
    response = client.post(
        reverse("portal:event_add"), event_data(is_at_risk="on", kind=Event.Kind.SPORT)
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.center == center_staff.profile.center
    assert event.committee is None
    assert event.is_at_risk


def test_organiser_in_the_post_is_ignored(chair_client, chair):
    """A forged committee or center in the request does not move the event."""
    other = TosBodyFactory()
    chair_client.post(
        reverse("portal:event_add"),
        event_data(committee=other.committee_id, center="1", by_city="on"),
    )
    assert Event.objects.get().committee == chair.profile.committee


def test_chair_cannot_pick_another_committees_tos_body(chair_client):
    stranger = TosBodyFactory()
    response = chair_client.post(reverse("portal:event_add"), event_data(tos_body=stranger.pk))
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Event.objects.exists()


def test_chair_may_name_one_of_their_tos_bodies(chair_client, chair):
    body = TosBodyFactory(committee=chair.profile.committee)
    chair_client.post(reverse("portal:event_add"), event_data(tos_body=body.pk))
    assert Event.objects.get().tos_body == body


def test_missing_fields_are_reported_in_russian(chair_client):
    response = chair_client.post(reverse("portal:event_add"), {})
    body = response.content.decode()
    assert "Укажите дату." in body
    assert "Укажите число участников." in body
    assert "Выберите вид мероприятия." in body


def test_form_shows_at_most_seven_fields(chair_client):
    form = chair_client.get(reverse("portal:event_add")).context["form"]
    assert len(form.main_fields) <= 7
    assert {"date", "kind", "campaign", "tos_body", "participants", "photos"} <= {
        f.name for f in form.main_fields
    }


def test_photo_is_resized_to_a_jpeg_of_at_most_1600_px(chair_client):
    image = Image.new("RGBA", (4000, 1000), (10, 120, 60, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    photo = SimpleUploadedFile("двор.png", out.getvalue(), content_type="image/png")
    chair_client.post(reverse("portal:event_add"), event_data(photos=photo))
    stored = Event.objects.get().photos.get()
    with Image.open(stored.image) as saved:
        assert saved.format == "JPEG"
        assert saved.size == (1600, 400)
    assert stored.image.name.endswith(".jpg")


def test_several_photos_are_attached_at_once(chair_client):
    photos = [
        SimpleUploadedFile(f"{n}.jpg", jpeg_bytes(800, 600), content_type="image/jpeg")
        for n in range(3)
    ]
    chair_client.post(reverse("portal:event_add"), event_data(photos=photos))
    assert Event.objects.get().photos.count() == 3


def test_too_big_photo_is_refused_with_a_clear_message(chair_client, monkeypatch):
    monkeypatch.setattr("portal.services.PHOTO_MAX_BYTES", 1000)
    photo = SimpleUploadedFile("big.jpg", jpeg_bytes(800, 600), content_type="image/jpeg")
    response = chair_client.post(reverse("portal:event_add"), event_data(photos=photo))
    assert "Фото «big.jpg» больше" in response.content.decode()
    assert not Event.objects.exists()


def test_a_file_that_is_not_a_photo_is_refused(chair_client):
    fake = SimpleUploadedFile("отчет.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = chair_client.post(reverse("portal:event_add"), event_data(photos=fake))
    assert "не похож на фотографию" in response.content.decode()
    assert not Event.objects.exists()


def test_form_remembers_the_last_choices(chair_client, chair):
    campaign = CampaignFactory(name="Все на лыжи")
    body = TosBodyFactory(committee=chair.profile.committee)
    chair_client.post(
        reverse("portal:event_add"),
        event_data(kind=Event.Kind.SPORT, campaign=campaign.pk, tos_body=body.pk),
    )
    form = chair_client.get(reverse("portal:event_add")).context["form"]
    assert str(form["kind"].value()) == Event.Kind.SPORT
    assert str(form["campaign"].value()) == str(campaign.pk)
    assert str(form["tos_body"].value()) == str(body.pk)
    assert form["date"].value() is not None


def test_chair_edits_their_event(chair_client, chair):
    event = EventFactory(committee=chair.profile.committee, participants=10)
    response = chair_client.post(
        reverse("portal:event_edit", args=[event.pk]),
        event_data(participants="25", version=event.version),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.participants == 25
    assert event.version == 2
    # one edit, one line in the history: by the chair, with the new figure
    changes = event.history.order_by("history_date")
    assert changes.count() == 2
    assert changes.last().participants == 25
    assert changes.last().history_user == chair


def test_stale_save_is_refused_and_the_first_change_survives(client, chair):
    """Two people open the same event; both save. The second is told, in
    Russian, that someone changed it, and the first one's change stays."""
    deputy = make_chair(committee=chair.profile.committee)
    event = EventFactory(committee=chair.profile.committee, title="Старое название")
    url = reverse("portal:event_edit", args=[event.pk])

    client.force_login(chair)
    first_form = client.get(url).context["form"]
    other = Client()
    other.force_login(deputy)
    second_form = other.get(url).context["form"]
    assert first_form["version"].value() == second_form["version"].value() == 1

    first = client.post(url, event_data(title="Название первого", version=1))
    assert first.status_code == 302
    second = other.post(url, event_data(title="Название второго", version=1))

    assert second.status_code == 200
    assert "Запись изменил другой пользователь" in second.content.decode()
    event.refresh_from_db()
    assert event.title == "Название первого"
    assert event.version == 2


def test_photos_of_an_event_show_on_its_edit_page(chair_client, chair):
    photo = EventPhotoFactory(event__committee=chair.profile.committee)
    body = chair_client.get(reverse("portal:event_edit", args=[photo.event.pk])).content.decode()
    assert photo.image.url in body


def test_event_list_is_paginated(chair_client, chair):
    EventFactory.create_batch(
        25, committee=chair.profile.committee, date=datetime.date(2024, 3, 1)
    )
    page = chair_client.get(reverse("portal:event_list")).context["page"]
    assert len(page.object_list) == 20
    assert page.paginator.num_pages == 2
