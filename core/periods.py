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

import contextvars
import datetime
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.utils import timezone

from .scoping import get_scope

_LOCK_SOURCES = []
# A batch of checks (an import's rows) lets the sources read their closed
# months once: `remembered()` opens a dict the sources keep them in.
_MEMO = contextvars.ContextVar("periods_memo", default=None)


def register_lock(source) -> None:
    """Add a source of closed months (called from an AppConfig.ready())."""
    if source not in _LOCK_SOURCES:
        _LOCK_SOURCES.append(source)


@contextmanager
def remembered():
    """Within it, lock sources may remember what they read (memo())."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memo() -> dict | None:
    """The open batch's dict for the lock sources, or None outside one."""
    return _MEMO.get()


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


# Which records are dated for an organiser: model label -> (the date field,
# the organiser fields). The app that closes months registers the models
# its return covers (returns/apps.py), so that the admin and the import
# engine, which know no app, find the organiser and the month of any record.
_DATED: dict[str, tuple[str, tuple[str, ...]]] = {}


def register_dated(model, *, day: str, organisers: tuple[str, ...]) -> None:
    _DATED[model._meta.label_lower] = (day, organisers)


def period_of(obj) -> tuple[object, datetime.date] | tuple[None, None]:
    """The organiser (committee or center) and the date of a registered
    record, as it stands in memory; (None, None) for any other."""
    entry = _DATED.get(obj._meta.label_lower)
    if entry is None:
        return None, None
    day, organisers = entry
    for name in organisers:
        if getattr(obj, f"{name}_id", None):
            return getattr(obj, name), getattr(obj, day)
    return None, None


def check_record_open(user, obj, *, before=(None, None)) -> None:
    """check_open for a registered record: its month as it stands and, for
    a change, the month it had (`before`, a period_of() taken earlier), so
    that nothing is moved into or out of a closed month. The error belongs
    to the record's date field."""
    entry = _DATED.get(obj._meta.label_lower)
    if entry is None:
        return
    for organiser, day in (period_of(obj), before):
        check_open(user, organiser, day, field=entry[0])
