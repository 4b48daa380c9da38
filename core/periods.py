"""Which dates a record may carry: plausibility of a date, and months (or
years) closed to the people who enter the data.

Two rules every path calls (the admin's forms, the portal's services and the
import engine), so a rule is written once:

- `refuse_future(day)`: an event, a reception or a month of prevention work
  is reported after it happened, so a date after today (Kemerovo time) is
  refused;
- `check_open(user, organiser, day)`: a month a committee or center has
  submitted («сдан»), or a year the city has closed, takes no more changes
  from its chair or center staff; city staff may still change it (and the
  history records who did).

The closing itself lives higher up (the monthly return, a closed year): an
app registers a source with `register_lock(source)`; a source is
`source(organiser, day) -> str | None`, the Russian reason the month of
`day` is closed for that committee or center, or None.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from .scoping import get_scope

_LOCK_SOURCES = []


def register_lock(source) -> None:
    """Add a source of closed months (called from an AppConfig.ready())."""
    if source not in _LOCK_SOURCES:
        _LOCK_SOURCES.append(source)


def future_message(day: datetime.date) -> str:
    return f"Дата {day:%d.%m.%Y} еще не наступила: записи вносятся после того, как событие прошло."


def refuse_future(day: datetime.date | None, *, field: str | None = None) -> None:
    """Raise a Russian ValidationError when `day` is after today (Kemerovo
    time); with `field`, the error belongs to that field of the form."""
    if day is None or day <= timezone.localdate():
        return
    message = future_message(day)
    raise ValidationError({field: message} if field else message)


def closed_reason(organiser, day: datetime.date | None) -> str | None:
    """Why the month of `day` is closed for `organiser`, or None."""
    if organiser is None or day is None:
        return None
    for source in _LOCK_SOURCES:
        reason = source(organiser, day)
        if reason:
            return reason
    return None


def check_open(user, organiser, day: datetime.date | None, *, field: str | None = None):
    """Refuse a change by `user` to a record of `organiser` dated `day` when
    that month is closed; city staff are never refused."""
    if get_scope(user).is_staff:
        return
    reason = closed_reason(organiser, day)
    if reason:
        raise ValidationError({field: reason} if field else reason)
