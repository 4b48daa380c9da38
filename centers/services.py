"""Writes of a center's records: a month of prevention work (five kinds at
once), a club with its year's count, a reception.

Keyword-only functions that `full_clean()` every row before one
transaction, so the portal, the admin or a script get the models' own
Russian messages and never half a month. Who may write is checked by the
caller (core.scoping); whether the month is still open, here, through
core.periods.check_open, when a user is given.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from core.periods import check_open, refuse_future

from .models import Center, Club, ClubYear, PreventionRecord, Reception

KINDS = PreventionRecord.Kind


def prevention_month(center: Center, month: datetime.date) -> dict[str, int]:
    """The counts entered for `center` in the month of `month`, by kind
    (kinds not entered are absent). One query."""
    rows = PreventionRecord.objects.filter(center=center, month=month.replace(day=1))
    return dict(rows.values_list("kind", "count"))


@transaction.atomic
def save_prevention_month(
    *, center: Center, month: datetime.date, counts: Mapping[str, int | None], user=None
) -> dict[str, int]:
    """Make the month's records of `center` what `counts` says: a number
    creates or updates the kind's record, None (a blank field) deletes it,
    a kind not in `counts` is left alone. Returns the month as saved.

    With `user`, a month closed for them (core.periods.check_open) is
    refused before anything is written.
    """
    month = month.replace(day=1)
    refuse_future(month, field="month")
    unknown = set(counts) - set(KINDS.values)
    if unknown:
        raise ValueError(f"unknown prevention kinds: {sorted(unknown)}")
    if user is not None:
        check_open(user, center, month, field="month")
    existing = {
        record.kind: record
        for record in PreventionRecord.objects.select_for_update().filter(
            center=center, month=month
        )
    }
    to_save, to_delete, errors = [], [], {}
    for kind, count in counts.items():
        record = existing.get(kind)
        if count is None:
            if record is not None:
                to_delete.append(record.pk)
            continue
        if record is None:
            record = PreventionRecord(center=center, month=month, kind=kind)
        elif record.count == count:
            continue
        record.count = count
        try:
            # The kind and month are fixed by the screen: their messages
            # (a month not yet come) belong to the month, said once.
            record.full_clean(validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault("month" if field != "count" else kind, messages)
        else:
            to_save.append(record)
    if errors:
        raise ValidationError(errors)
    if to_delete:
        PreventionRecord.objects.filter(pk__in=to_delete).delete()
    for record in to_save:
        record.save()
    return prevention_month(center, month)


@transaction.atomic
def save_club(*, club: Club, year: int, members: int) -> Club:
    """Save `club` and its count of members in `year` (a ClubYear).

    A new club's own count is that first count too: it stands for the
    years nobody entered (ClubQuerySet.of_year). An existing club's own
    count is never changed here, so the years counted before counts were
    kept per year (the clubs loaded for 2022) keep their figure.
    """
    if club.pk is None:
        club.members = members
    club.full_clean()
    club.save()
    club_year = ClubYear.objects.filter(club=club, year=year).first() or ClubYear(
        club=club, year=year
    )
    club_year.members = members
    club_year.full_clean()
    club_year.save()
    return club


def _check_months(user, center, *days) -> None:
    if user is not None:
        for day in days:
            check_open(user, center, day, field="date")


@transaction.atomic
def save_reception(
    *, reception: Reception, user=None, was: datetime.date | None = None
) -> Reception:
    """Save a reception; with `user`, refused when its month, or the month
    it is moved from (`was`), is closed for them."""
    _check_months(user, reception.center, reception.date, was)
    reception.full_clean()
    reception.save()
    return reception


@transaction.atomic
def delete_reception(*, reception: Reception, user=None) -> None:
    _check_months(user, reception.center, reception.date)
    reception.delete()
