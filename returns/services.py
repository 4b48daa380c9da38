"""The monthly return: its state, submitting it, opening it again, and
the lock it puts on the month (registered with core.periods in
ReturnsConfig.ready)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from centers.models import Center
from committees.models import DistrictCommittee
from core import periods
from core.models import MONTHS
from core.scoping import get_scope, owner_of

from .models import MonthlyReturn, MonthTally

NOT_DUE, NOT_STARTED, ENTERED, SUBMITTED = "not_due", "not_started", "entered", "submitted"
STATE_NAMES = {
    NOT_DUE: "не наступил",
    NOT_STARTED: "не начат",
    ENTERED: "внесено",
    SUBMITTED: "сдан",
}
NOTHING_MESSAGE = (
    "За этот месяц не внесено ни одного мероприятия. Если их не было, отметьте "
    "«В этом месяце мероприятий не было»; иначе сначала внесите мероприятия."
)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(first: datetime.date) -> datetime.date:
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def previous_month(today: datetime.date) -> datetime.date:
    return month_start(month_start(today) - datetime.timedelta(days=1))


def month_title(first: datetime.date) -> str:
    """«март 2024»."""
    return f"{MONTHS[first.month - 1]} {first.year}"


def organiser_filter(organiser) -> dict:
    """{"committee": ...} or {"center": ...}."""
    if isinstance(organiser, DistrictCommittee):
        return {"committee_id": organiser.pk}
    if isinstance(organiser, Center):
        return {"center_id": organiser.pk}
    raise TypeError(f"not a committee or a center: {organiser!r}")


def is_due(organiser, first: datetime.date, today: datetime.date) -> bool:
    """The month has begun and the organiser existed in it."""
    return (
        first <= today
        and organiser.founded <= month_end(first)
        and (organiser.closed is None or organiser.closed >= first)
    )


def state_of(due: bool, tally: MonthTally | None, ret: MonthlyReturn | None) -> str:
    if ret is not None and ret.state == MonthlyReturn.State.SUBMITTED:
        return SUBMITTED
    if tally is not None and tally.entered:
        return ENTERED
    return NOT_STARTED if due else NOT_DUE


@dataclass
class Month:
    """One organiser's month, as the return page shows it."""

    organiser: object
    first: datetime.date
    tally: MonthTally
    ret: MonthlyReturn | None
    state: str

    @property
    def title(self) -> str:
        return month_title(self.first)

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]

    @property
    def submitted(self) -> bool:
        return self.state == SUBMITTED


def month_of(organiser, first: datetime.date, today: datetime.date | None = None) -> Month:
    """The month's tally (zeros when nothing was entered), return and
    state: two queries."""
    today = today or timezone.localdate()
    where = {**organiser_filter(organiser), "month": first}
    tally = MonthTally.objects.filter(**where).first() or MonthTally(**where)
    ret = MonthlyReturn.objects.filter(**where).select_related("submitted_by").first()
    return Month(organiser, first, tally, ret, state_of(is_due(organiser, first, today), tally,
                                                        ret))


def _own_organiser(user, organiser) -> None:
    if get_scope(user).is_staff:
        return
    own = owner_of(user)
    if own is None or type(own) is not type(organiser) or own.pk != organiser.pk:
        raise PermissionDenied("Сдать отчет можно только за свой комитет или центр.")


@transaction.atomic
def submit_return(*, user, organiser, first: datetime.date, nothing_happened: bool = False,
                  today: datetime.date | None = None) -> MonthlyReturn:
    """Confirm the month («сдан»): after it the month is closed to the
    chair or center staff (lock_reason)."""
    _own_organiser(user, organiser)
    today = today or timezone.localdate()
    if first != month_start(first):
        raise ValidationError("Месяц записывается первым числом.")
    if first > today:
        raise ValidationError(f"Месяц {month_title(first)} еще не наступил.")
    if not is_due(organiser, first, today):
        raise ValidationError(f"В {month_title(first)} {organiser} еще не работал.")
    where = {**organiser_filter(organiser), "month": first}
    ret = MonthlyReturn.objects.select_for_update().filter(**where).first()
    if ret is not None and ret.state == MonthlyReturn.State.SUBMITTED:
        raise ValidationError(f"Отчет за {month_title(first)} уже сдан.")
    tally = MonthTally.objects.filter(**where).first()
    if not (tally and tally.events) and not nothing_happened:
        raise ValidationError({"nothing_happened": NOTHING_MESSAGE})
    ret = ret or MonthlyReturn(**where)
    ret.state = MonthlyReturn.State.SUBMITTED
    ret.nothing_happened = bool(nothing_happened and not (tally and tally.events))
    ret.submitted_at = timezone.now()
    ret.submitted_by = user
    ret._change_reason = "Отчет сдан"
    ret.full_clean()
    ret.save()
    return ret


@transaction.atomic
def reopen_return(*, user, organiser, first: datetime.date, reason: str) -> MonthlyReturn:
    """City staff open a submitted month again, with the reason (kept in
    the return and its history)."""
    if not get_scope(user).is_staff:
        raise PermissionDenied("Открыть месяц заново могут только сотрудники администрации.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Напишите, почему месяц открывается заново."})
    where = {**organiser_filter(organiser), "month": first}
    ret = MonthlyReturn.objects.select_for_update().filter(**where).first()
    if ret is None or ret.state != MonthlyReturn.State.SUBMITTED:
        raise ValidationError(f"Отчет за {month_title(first)} не сдан: открывать нечего.")
    ret.state = MonthlyReturn.State.REOPENED
    ret.reopened_at = timezone.now()
    ret.reopened_by = user
    ret.reopen_reason = reason
    ret._change_reason = f"Открыт заново: {reason}"
    ret.full_clean()
    ret.save()
    return ret


def closed_message(first: datetime.date) -> str:
    return (
        f"Отчет за {month_title(first)} уже сдан: изменения за этот месяц больше не "
        "вносятся. Если нужно исправить, попросите администрацию открыть месяц заново."
    )


def lock_reason(organiser, day: datetime.date) -> str | None:
    """The lock source of core.periods: a submitted month is closed. In a
    batch of checks (core.periods.remembered, an import) the submitted
    months are read once."""
    if not isinstance(organiser, DistrictCommittee | Center):
        return None
    first = month_start(day)
    key = next(iter(organiser_filter(organiser).items()))
    memo = periods.memo()
    if memo is not None:
        closed = memo.get("returns")
        if closed is None:
            closed = memo["returns"] = set(
                MonthlyReturn.objects.filter(state=MonthlyReturn.State.SUBMITTED)
                .values_list("committee_id", "center_id", "month")
            )
        probe = (key[1], None, first) if key[0] == "committee_id" else (None, key[1], first)
        return closed_message(first) if probe in closed else None
    submitted = MonthlyReturn.objects.filter(
        **{key[0]: key[1]}, month=first, state=MonthlyReturn.State.SUBMITTED
    ).exists()
    return closed_message(first) if submitted else None


def recent_months(organiser, first: datetime.date, today: datetime.date, count: int = 12
                  ) -> list[Month]:
    """The `count` months up to `first`, newest first, with their states:
    two queries."""
    months = [first]
    while len(months) < count:
        months.append(previous_month(months[-1]))
    where = {**organiser_filter(organiser), "month__gte": months[-1], "month__lte": first}
    tallies = {t.month: t for t in MonthTally.objects.filter(**where)}
    returns = {r.month: r for r in MonthlyReturn.objects.filter(**where)}
    key = organiser_filter(organiser)
    return [
        Month(organiser, m, tallies.get(m) or MonthTally(**key, month=m), returns.get(m),
              state_of(is_due(organiser, m, today), tallies.get(m), returns.get(m)))
        for m in months
    ]
