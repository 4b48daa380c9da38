"""Writes of the portal: events entered by chairs and center staff.

Every write calls `full_clean()` before `save()`, so the page shows the
model's own Russian messages, and is checked against accounts.scoping
afterwards, so that nobody moves a record out of their own committee or
center.
"""

import io
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.scoping import get_scope, in_scope
from events.models import EDIT_CONFLICT_MESSAGE, Event, EventPhoto

PHOTO_MAX_SIDE = 1600  # px: sharp on any phone and in the booklet
PHOTO_MAX_BYTES = 15 * 1024 * 1024  # before resizing: a modern phone's photo
PHOTO_MAX_COUNT = 6
PHOTO_JPEG_QUALITY = 85

CONFLICT_MESSAGE = EDIT_CONFLICT_MESSAGE


class EditConflict(Exception):
    """The event was saved by someone else since the form was opened."""


def check_photo(upload) -> None:
    """Refuse, with a message a user understands, a file that is too big or
    is not a picture. Called by the form before anything is saved."""
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            f"Фото «{upload.name}» больше {PHOTO_MAX_BYTES // (1024 * 1024)} МБ. "
            "Выберите фото меньшего размера."
        )
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(
            f"Файл «{upload.name}» не похож на фотографию. Подойдут JPEG, PNG или WebP."
        ) from None
    finally:
        upload.seek(0)


def resize_photo(upload) -> ContentFile:
    """The photo as a JPEG whose longest side is at most PHOTO_MAX_SIDE,
    turned upright by its EXIF orientation (phones store it sideways)."""
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=PHOTO_JPEG_QUALITY, optimize=True)
    stem = PurePath(upload.name).stem[:80] or "photo"
    return ContentFile(out.getvalue(), name=f"{stem}.jpg")


def new_event(user) -> Event:
    """A blank event organised by the user's committee or center."""
    event = Event()
    attach_organiser(user, event)
    return event


def attach_organiser(user, event: Event) -> None:
    """The organiser is the user's own committee or center, never a choice."""
    scope = get_scope(user)
    if scope.role == "chair":
        event.committee_id, event.center_id = scope.committee_id, None
    elif scope.role == "center":
        event.center_id, event.committee_id, event.tos_body_id = scope.center_id, None, None
    else:
        raise PermissionDenied("Вносить мероприятия в кабинете могут председатели и ЦРН.")
    event.by_city = False


def _add_photos(event: Event, photos) -> None:
    for upload in photos:
        photo = EventPhoto(event=event, image=resize_photo(upload))
        photo.full_clean(exclude=["image"])  # the stored file is checked above
        photo.save()


@transaction.atomic
def create_event(*, user, event: Event, photos=()) -> Event:
    """Save a new event of the user's committee or center with its photos."""
    attach_organiser(user, event)
    event.version = 1
    event.full_clean()
    event.save()
    _add_photos(event, photos)
    if not in_scope(user, event):
        raise PermissionDenied("Запись вне вашей зоны ответственности.")
    return event


@transaction.atomic
def update_event(*, user, event: Event, expected_version: int, photos=()) -> Event:
    """Save the edited event unless someone saved it since the form showed
    `expected_version`; then raise EditConflict and change nothing.

    The version is claimed first with UPDATE ... WHERE version = old: of two
    concurrent saves exactly one matches the row, the other waits for the
    first's transaction (the row is locked) and then matches nothing.
    """
    if not in_scope(user, event):
        raise PermissionDenied("Запись вне вашей зоны ответственности.")
    # _base_manager: the claim alone is no change to record; the save
    # below writes the one history line of this edit.
    claimed = Event._base_manager.filter(pk=event.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(CONFLICT_MESSAGE)
    attach_organiser(user, event)
    event.version = expected_version + 1
    event.full_clean()
    event.save()
    _add_photos(event, photos)
    if not in_scope(user, event):
        raise PermissionDenied("Запись вне вашей зоны ответственности.")
    return event
