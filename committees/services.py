"""Writes of the registry that are more than a save: erasing an activist's
personal data when consent is withdrawn."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.personal_data import personal_fields

from .models import Activist


def anonymised_name(activist) -> str:
    return f"Активист №{activist.pk} (данные удалены)"


@transaction.atomic
def erase_personal_data(*, activist, user=None) -> None:
    """Erase an activist's personal data when consent is withdrawn.

    Phone, e-mail and birth date are blanked and the name replaced, in the
    record, in every historical version of it and in the admin's log; the
    role, the TOS body and the dates stay, so that counts and reports do
    not change.
    """
    if not isinstance(activist, Activist):
        raise ValidationError("Удалить персональные данные можно только у активиста.")
    name = anonymised_name(activist)
    blank = {"phone": "", "email": "", "birth_date": None}
    assert set(blank) == set(personal_fields(Activist))
    for field, value in blank.items():
        setattr(activist, field, value)
    activist.full_name = name
    activist.anonymised = timezone.now()
    if user is not None:
        activist._history_user = user
    activist._change_reason = "Персональные данные удалены"
    activist.save()
    # Every earlier version still holds the old values: overwrite them too.
    activist.history.model.objects.filter(id=activist.pk).update(full_name=name, **blank)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Activist), object_id=str(activist.pk)
    ).update(object_repr=name, change_message="")
