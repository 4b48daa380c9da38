"""Uploaded photos are served by the app after the scope check of their
event; /media/ is not public (pen test, issue 14 item 9)."""

import pytest
from django.test import override_settings

from events.models import Event, EventPhoto
from tests import factories as f


@pytest.fixture
def photo(world):
    event = world.own("chair", Event)
    return f.EventPhotoFactory(event=event)


def media_url(photo):
    url = photo.image.url
    assert url.startswith("/media/")
    return url


def test_anonymous_is_sent_to_login(client, photo):
    response = client.get(media_url(photo))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("role,visible", [
    ("staff", True), ("chair", True), ("viewer", True), ("center", False),
])
def test_photo_follows_the_scope_of_its_event(client_for, world, photo, role, visible):
    response = client_for(role).get(media_url(photo))
    if visible:
        assert response.status_code == 200
        assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"  # a JPEG
        assert response["Cache-Control"] == "private, max-age=3600"
    else:
        assert response.status_code == 404


def test_other_committees_chair_gets_the_same_404_as_for_a_missing_file(client, world, photo):
    other = f.UserFactory()
    f.ProfileFactory(user=other, role="chair", committee=f.CommitteeFactory())
    client.force_login(other)
    assert client.get(media_url(photo)).status_code == 404
    assert client.get("/media/events/2022/01/nothing.jpg").status_code == 404


def test_files_of_no_listed_owner_are_never_served(client_for, world, photo, settings):
    booklet = settings.MEDIA_ROOT / "booklets" / "2022" / "godovoj-otchet-2022.pdf"
    booklet.parent.mkdir(parents=True)
    booklet.write_bytes(b"%PDF-1.7")
    client = client_for("staff")
    for name in ("booklets/2022/godovoj-otchet-2022.pdf", "private/imports/" + "0" * 32,
                 "events/../booklets/2022/godovoj-otchet-2022.pdf"):
        assert client.get(f"/media/{name}").status_code == 404, name


def test_behind_nginx_the_app_checks_and_nginx_sends(client_for, world, photo):
    with override_settings(TOS_MEDIA_ACCEL_PREFIX="/protected-media/"):
        response = client_for("chair").get(media_url(photo))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + photo.image.name
    assert response.content == b""
    assert EventPhoto.objects.filter(pk=photo.pk).exists()
