"""Writes of the registry that are more than a save: closing a TOS body
(its activists' membership ends with it), consents and their withdrawal,
erasing an activist's personal data when consent is withdrawn."""

import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core import history
from core.personal_data import personal_fields

from .models import Activist, Consent, TosBody


def _by(obj, user, reason: str):
    if user is not None:
        obj._history_user = user
    obj._change_reason = reason
    return obj


@transaction.atomic
def end_memberships(*, body: TosBody, day: datetime.date, user=None) -> int:
    """End, on `day`, the membership of every activist of `body` still a
    member after it (the annual report then counts them only up to that
    day, like the body). Someone who joined after `day` leaves on the day
    they joined. The number of activists whose membership ended."""
    ending = Activist.objects.filter(tos_body=body).filter(
        Q(closed__isnull=True) | Q(closed__gt=day)
    )
    count = 0
    for activist in ending:
        activist.closed = max(day, activist.founded)
        _by(activist, user, f"Орган ТОС прекратил деятельность {day:%d.%m.%Y}")
        activist.save(update_fields=["closed"])
        count += 1
    return count


@transaction.atomic
def close_tos_body(*, body: TosBody, day: datetime.date, user=None) -> int:
    """Close a TOS body on `day` and end its activists' membership that
    day (end_memberships). The portal and the admin both call this.
    Returns the number of activists whose membership ended."""
    body.closed = day
    body.full_clean()
    _by(body, user, "Прекращение деятельности").save()
    return end_memberships(body=body, day=day, user=user)


@transaction.atomic
def end_activist(*, activist: Activist, day: datetime.date, user=None) -> None:
    """An activist leaves their TOS body on `day`."""
    activist.closed = day
    activist.full_clean()
    _by(activist, user, "Участие завершено").save()


@transaction.atomic
def record_consent(*, consent: Consent, user=None) -> Consent:
    """Save a new consent; a participation consent becomes the activist's
    own consent date and form (Activist.consent_date), which the import and
    the lists read."""
    consent.full_clean()
    _by(consent, user, "Согласие внесено").save()
    activist = consent.activist
    if consent.purpose == Consent.Purpose.PARTICIPATION and (
        activist.consent_date is None or consent.given >= activist.consent_date
    ):
        activist.consent_date, activist.consent_form = consent.given, consent.form
        _by(activist, user, "Согласие внесено").save(
            update_fields=["consent_date", "consent_form"]
        )
    return consent


IMPORTED = "Согласие из загруженного файла"
CHUNK = 5000


def record_imported_consents(activists, user=None) -> list[Consent]:
    """record_consent for the saved activists of an import, in bulk: the
    consent date and form of each row become a participation consent,
    unless the activist already has one of that date (withdrawn or not: a
    file imported again neither doubles it nor undoes a withdrawal). The
    row's own date is the activist's consent_date already. A query (per
    5000 rows), the INSERTs and one INSERT ... SELECT of their history; the
    row's date was checked against Consent.clean() when the row was read
    (committees/resources.py::ActivistKind.build)."""
    dated = {a.pk: a for a in activists if a.pk is not None and a.consent_date}
    if not dated:  # not even a savepoint: the import's query count stays
        return []
    with transaction.atomic():
        return _record_consents_of(dated, user)


def _record_consents_of(dated: dict, user) -> list[Consent]:
    keys, known = list(dated), set()
    for start in range(0, len(keys), CHUNK):  # SQLite's limit of parameters
        known.update(Consent.objects.filter(
            activist_id__in=keys[start:start + CHUNK], purpose=Consent.Purpose.PARTICIPATION
        ).values_list("activist_id", "given"))
    new = [
        Consent(activist_id=pk, purpose=Consent.Purpose.PARTICIPATION,
                given=a.consent_date, form=a.consent_form or Consent.Form.WRITTEN)
        for pk, a in dated.items() if (pk, a.consent_date) not in known
    ]
    for consent in new:
        consent.clean()
    Consent.objects.bulk_create(new)
    history.record_saved(Consent, [c.pk for c in new], user, history.CREATED,
                         reason=IMPORTED)
    return new


@transaction.atomic
def withdraw_consent(*, consent: Consent, day: datetime.date, user=None) -> Consent:
    """Record that the activist withdrew a consent on `day`: the consent
    stays, marked, in the staff's list «Отозвали согласие»."""
    if consent.withdrawn is not None:
        raise ValidationError(
            f"Это согласие уже отозвано {consent.withdrawn:%d.%m.%Y}."
        )
    consent.withdrawn = day
    consent.full_clean()
    _by(consent, user, "Согласие отозвано").save(update_fields=["withdrawn"])
    return consent


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
