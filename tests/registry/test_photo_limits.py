"""Every photo meets the same limits, whichever way it comes in: the admin's
inline, the portal, or code saving an EventPhoto itself. A file too big, a
picture of too many pixels or something that is no picture is refused at
its field in Russian; an accepted photo is stored re-encoded (a JPEG with
no trailing bytes nor metadata, its long side within the limit)."""

import io
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from events.models import Event, EventPhoto
from tests.factories import EventFactory, EventPhotoFactory
from tests.portal.helpers import make_chair

from .forms import event_change_data

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
HTML = b"<html><script>alert(document.cookie)</script></html>"


def jpeg(width=800, height=600, **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#2f7d4a").save(out, "JPEG", quality=90, **save)
    return out.getvalue()


def png_of_one_colour(width: int, height: int) -> bytes:
    """A 1-bit greyscale PNG written row by row: 12 000 x 12 000 pixels take
    a few kilobytes on disk and 18 MB of zeros to compress, never the
    hundreds of megabytes Pillow would need to draw it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\0" * (1 + (width + 7) // 8)  # filter byte, then the pixels
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


def oversized_jpeg() -> bytes:
    """A real JPEG padded past 15 MB (the pentest's was a 36.8 MB PNG)."""
    return jpeg() + b"\0" * (16 * MB)


def assert_reencoded(photo: EventPhoto, max_side=1600) -> tuple[int, int]:
    """The stored photo is a fresh JPEG; its size."""
    photo.image.open("rb")
    data = photo.image.read()
    photo.image.close()
    assert b"<html" not in data and b"<script" not in data
    assert data.endswith(b"\xff\xd9")  # nothing after the JPEG's end
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert max(image.size) <= max_side
        assert not image.getexif()  # metadata is not carried over
        size = image.size
    assert photo.image.name.endswith(".jpg")
    return size


# The admin's inline -------------------------------------------------------


def _admin_post(admin_client, event, upload, caption="Во дворе"):
    data = {
        **event_change_data(event, event.version, photos=1),
        "photos-0-id": "",
        "photos-0-event": event.pk,
        "photos-0-image": upload,
        "photos-0-caption": caption,
    }
    return admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)


def _field_errors(response) -> list[str]:
    """The messages at the inline's photo field."""
    formset = response.context["inline_admin_formsets"][0].formset
    return list(formset.forms[0].errors.get("image", []))


def test_admin_refuses_a_file_over_the_size_limit(admin_client):
    event = EventFactory()
    upload = SimpleUploadedFile("big.jpg", oversized_jpeg(), content_type="image/jpeg")
    response = _admin_post(admin_client, event, upload)
    assert response.status_code == 200
    errors = _field_errors(response)
    assert errors and "больше 15 МБ" in errors[0]
    assert not EventPhoto.objects.exists()


def test_admin_refuses_a_picture_of_too_many_pixels(admin_client):
    data = png_of_one_colour(12_000, 12_000)
    assert len(data) < 100_000  # small on disk, 144 megapixels once decoded
    event = EventFactory()
    upload = SimpleUploadedFile("bomb.png", data, content_type="image/png")
    response = _admin_post(admin_client, event, upload)
    assert response.status_code == 200
    errors = _field_errors(response)
    assert errors and "мегапикселей" in errors[0]
    assert not EventPhoto.objects.exists()


def test_admin_refuses_a_file_that_is_not_a_picture(admin_client):
    event = EventFactory()
    upload = SimpleUploadedFile("отчет.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = _admin_post(admin_client, event, upload)
    assert response.status_code == 200
    errors = _field_errors(response)
    assert errors and "не похож на фотографию" in errors[0]
    assert not EventPhoto.objects.exists()


def test_admin_stores_a_jpeg_carrying_html_re_encoded(admin_client):
    """HTML after the image's end and in a JPEG comment: neither is stored."""
    event = EventFactory()
    data = jpeg(comment=HTML) + HTML
    upload = SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg")
    response = _admin_post(admin_client, event, upload)
    assert response.status_code == 302
    assert_reencoded(EventPhoto.objects.get(event=event))


def test_admin_downscales_a_large_photo_and_drops_its_exif(admin_client):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0131] = "<script>x</script>"  # Software
    event = EventFactory()
    upload = SimpleUploadedFile(
        "large.jpg", jpeg(4000, 3000, exif=exif.tobytes()), content_type="image/jpeg"
    )
    assert _admin_post(admin_client, event, upload).status_code == 302
    assert assert_reencoded(EventPhoto.objects.get(event=event)) == (1600, 1200)


def test_a_photo_taken_sideways_is_stored_upright(admin_client):
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90 degrees clockwise
    event = EventFactory()
    upload = SimpleUploadedFile(
        "turned.jpg", jpeg(2000, 1000, exif=exif.tobytes()), content_type="image/jpeg"
    )
    assert _admin_post(admin_client, event, upload).status_code == 302
    assert assert_reencoded(EventPhoto.objects.get(event=event)) == (800, 1600)


def test_admin_saves_a_caption_of_a_stored_photo_without_a_new_file(admin_client):
    """A photo already stored is not opened again on every save."""
    photo = EventPhotoFactory(caption="Старая подпись")
    event = photo.event
    name = photo.image.name
    data = {
        "date": f"{event.date:%d.%m.%Y}", "title": event.title, "kind": event.kind,
        "participants": event.participants, "committee": event.committee_id,
        "tos_body": "", "center": "", "campaign": "", "place": "", "description": "",
        "opened_version": event.version,
        "photos-TOTAL_FORMS": 1, "photos-INITIAL_FORMS": 1,
        "photos-MIN_NUM_FORMS": 0, "photos-MAX_NUM_FORMS": 1000,
        "photos-0-id": photo.pk, "photos-0-event": event.pk,
        "photos-0-caption": "Новая подпись",
    }
    response = admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Новая подпись" and photo.image.name == name


# The portal --------------------------------------------------------------


@pytest.fixture
def chair_client():
    client = Client()
    client.force_login(make_chair())
    return client


def _portal_post(chair_client, upload):
    return chair_client.post(reverse("portal:event_add"), {
        "date": "2024-05-09",
        "title": "Праздник двора",
        "kind": Event.Kind.CULTURAL,
        "participants": "40",
        "photos": upload,
    })


def test_portal_refuses_a_file_over_the_size_limit(chair_client):
    upload = SimpleUploadedFile("big.jpg", oversized_jpeg(), content_type="image/jpeg")
    response = _portal_post(chair_client, upload)
    assert response.status_code == 200
    assert "Фото «big.jpg» больше 15 МБ" in response.content.decode()
    assert not Event.objects.exists()


def test_portal_refuses_a_picture_of_too_many_pixels(chair_client):
    upload = SimpleUploadedFile(
        "bomb.png", png_of_one_colour(12_000, 12_000), content_type="image/png"
    )
    response = _portal_post(chair_client, upload)
    assert response.status_code == 200
    assert "мегапикселей" in response.content.decode()
    assert not Event.objects.exists()


def test_portal_stores_a_jpeg_carrying_html_re_encoded(chair_client):
    upload = SimpleUploadedFile("photo.jpg", jpeg() + HTML, content_type="image/jpeg")
    assert _portal_post(chair_client, upload).status_code == 302
    assert_reencoded(Event.objects.get().photos.get())


# Code that saves a photo itself (an import, a script) --------------------


def test_a_photo_saved_in_code_is_re_encoded_too():
    photo = EventPhoto(event=EventFactory(), image=ContentFile(jpeg() + HTML, name="x.jpg"))
    photo.full_clean()
    photo.save()
    assert_reencoded(photo)


def test_full_clean_refuses_a_picture_of_too_many_pixels():
    from django.core.exceptions import ValidationError

    photo = EventPhoto(
        event=EventFactory(), image=ContentFile(png_of_one_colour(12_000, 12_000), name="b.png")
    )
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert "мегапикселей" in str(refused.value.message_dict["image"])
