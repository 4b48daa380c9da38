"""Writes of the portal: events entered by chairs and center staff.

Every write calls `full_clean()` before `save()`, so the page shows the
model's own Russian messages, and is checked against core.scoping
afterwards, so that nobody moves a record out of their own committee or
center.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from core.periods import check_record_open, period_of
from core.scoping import in_scope, owner_field_initial, role_hidden_fields
from events.models import (
    EDIT_CONFLICT_MESSAGE,
    PHOTO_MAX_BYTES,
    Event,
    EventPhoto,
    PreparedPhoto,
    prepare_photo,
)

# The photo rule (size, pixels, re-encoding) is the model's, shared with the
# admin and any import: events.models.prepare_photo(). The portal adds only
# how many photos go in at once.
PHOTO_MAX_COUNT = 6

CONFLICT_MESSAGE = EDIT_CONFLICT_MESSAGE


class EditConflict(Exception):
    """The event was saved by someone else since the form was opened."""


def prepare_photos(uploads) -> list[PreparedPhoto]:
    """The uploads checked and re-encoded by the model's photo rule, for the
    form, before anything is saved; one ValidationError naming every file
    refused."""
    prepared, errors = [], []
    for upload in uploads:
        try:
            # This module's name, read now: a test may lower it.
            prepared.append(prepare_photo(upload, max_bytes=PHOTO_MAX_BYTES))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return prepared


def new_event(user) -> Event:
    """A blank event organised by the user's committee or center."""
    event = Event()
    attach_organiser(user, event)
    return event


def attach_organiser(user, event: Event) -> None:
    """The organiser is the user's own committee or center, never a choice:
    the fields the role never fills in are emptied and its own committee or
    center is set, as the admin does (core.scoping.role_hidden_fields,
    owner_field_initial)."""
    owner = owner_field_initial(user, Event)
    if not owner:
        raise PermissionDenied("Вносить мероприятия в кабинете могут председатели и ЦРН.")
    for name in role_hidden_fields(user, Event):
        field = Event._meta.get_field(name)
        setattr(event, field.attname, field.get_default())
    for name, pk in owner.items():
        setattr(event, Event._meta.get_field(name).attname, pk)


def _add_photos(event: Event, photos, *, user=None, booklet=None) -> None:
    """Attach the uploads; with booklet["propose_new"], each is proposed
    for the booklet with booklet["caption"]."""
    booklet = booklet or {}
    for upload in photos:
        # Prepared by the form (prepare_photos); anything else is checked
        # and re-encoded by the model itself.
        photo = EventPhoto(event=event, image=upload)
        if booklet.get("propose_new"):
            photo.propose(by=user, caption=booklet.get("caption", ""))
        photo.full_clean()
        photo.save()


def propose_photos(*, user, event: Event, proposals) -> int:
    """The chair's or center's proposals of the event's own photos for the
    booklet: (photo, proposed, caption) each. A photo of another event is
    refused; one staff decided on is left as they decided
    (EventPhoto.propose). Returns how many changed."""
    changed = 0
    for photo, proposed, caption in proposals:
        # The event is the user's (checked by the caller); so are its photos.
        if photo.event_id != event.pk:
            raise PermissionDenied("Запись вне вашей зоны ответственности.")
        done = photo.propose(by=user, caption=caption) if proposed else photo.withdraw()
        if done:
            photo.full_clean()
            photo._change_reason = "В буклет: предложено в кабинете" if proposed else (
                "В буклет: предложение снято в кабинете")
            photo.save()
            changed += 1
    return changed


def stored_period(event: Event):
    """The organiser and date the event has in the database (core.periods),
    before a form changed them in memory."""
    stored = Event._base_manager.filter(pk=event.pk).select_related("committee", "center")
    original = stored.first()
    return period_of(original) if original is not None else (None, None)


@transaction.atomic
def create_event(*, user, event: Event, photos=(), booklet=None) -> Event:
    """Save a new event of the user's committee or center with its photos
    (proposed for the booklet if `booklet` says so, see _add_photos),
    unless its month is submitted (core.periods.check_record_open)."""
    attach_organiser(user, event)
    event.version = 1
    event.full_clean()
    check_record_open(user, event)
    event.save()
    _add_photos(event, photos, user=user, booklet=booklet)
    if not in_scope(user, event):
        raise PermissionDenied("Запись вне вашей зоны ответственности.")
    return event


@transaction.atomic
def update_event(*, user, event: Event, expected_version: int, photos=(),
                 booklet=None) -> Event:
    """Save the edited event unless someone saved it since the form showed
    `expected_version`; then raise EditConflict and change nothing.

    The version is claimed first with UPDATE ... WHERE version = old: of two
    concurrent saves exactly one matches the row, the other waits for the
    first's transaction (the row is locked) and then matches nothing.
    """
    if not in_scope(user, event):
        raise PermissionDenied("Запись вне вашей зоны ответственности.")
    before = stored_period(event)
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
    check_record_open(user, event, before=before)
    event.save()
    _add_photos(event, photos, user=user, booklet=booklet)
    propose_photos(user=user, event=event, proposals=(booklet or {}).get("proposals", ()))
    if not in_scope(user, event):
        raise PermissionDenied("Запись вне вашей зоны ответственности.")
    return event


@transaction.atomic
def delete_event(*, user, event: Event) -> None:
    """Delete an event of the user's own committee or center, with its
    photos, while its month is open; the history keeps the deletion."""
    if not in_scope(user, event):
        raise PermissionDenied("Запись вне вашей зоны ответственности.")
    check_record_open(user, event)
    event._change_reason = "Удалено в кабинете"
    event.delete()
