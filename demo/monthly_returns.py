"""The demo's monthly returns of 2022: most committees and centers
submitted most months, in the first ten days of the next month; a few
organisers are often late, a few never submit, and a few submitted months
were opened again by the city's staff with a reason.

Drawn with a fixed random seed, so every load gives the same returns.
Returns feed no figure of the annual report: the report's numbers are the
same with or without them. The demo logins' own committee and center keep
November and December 2022 open, to show how a month is submitted.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.conf import settings
from simple_history.utils import bulk_create_with_history

from centers.models import Center
from committees.models import DistrictCommittee
from returns.models import MonthlyReturn, MonthTally
from returns.services import is_due, month_end

from . import names

YEAR = 2022
# Today as the demo sees its year: every month of 2022 is over.
AFTER_THE_YEAR = datetime.date(YEAR + 1, 1, 31)
LEFT_OPEN = [datetime.date(YEAR, 11, 1), datetime.date(YEAR, 12, 1)]
REOPEN_REASONS = [
    "Председатель просит добавить мероприятие, внесенное с опозданием.",
    "В числе участников ошибка: исправить и сдать заново.",
    "Мероприятие внесено не тем месяцем, его нужно перенести.",
    "Центр просит исправить число обратившихся на приемах.",
]
# Shares of organisers: who submits every month on time, who often late
# (or not at all), who never.
HABITS = [(0.82, 0.97), (0.13, 0.6), (0.05, 0.0)]  # (share, chance a month)
REOPENED = 0.03  # of the submitted months


def _habit(rng: random.Random) -> float:
    draw, upto = rng.random(), 0.0
    for share, chance in HABITS:
        upto += share
        if draw < upto:
            return chance
    return HABITS[-1][1]


def _moment(rng: random.Random, day: datetime.date) -> datetime.datetime:
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime(
        day.year, day.month, day.day, rng.randint(9, 17), rng.randint(0, 59), tzinfo=zone
    )


def _organisers() -> list:
    committees = DistrictCommittee.objects.order_by("number", "pk")
    centers = Center.objects.order_by("name", "pk")
    return [*committees, *centers]


def _own_organisers() -> set:
    wanted = names.LOGINS
    return {
        *(
            ("committee", pk)
            for pk in DistrictCommittee.objects.filter(
                number=wanted["chair_committee_number"]
            ).values_list("pk", flat=True)
        ),
        *(
            ("center", pk)
            for pk in Center.objects.filter(name=wanted["center"]).values_list("pk", flat=True)
        ),
    }


def load() -> int:
    """Create the returns of 2022 (after the tally is counted: a month
    without events is submitted as «мероприятий не было»)."""
    rng = random.Random(f"returns-{YEAR}")
    months = [datetime.date(YEAR, m, 1) for m in range(1, 13)]
    events = {
        (t.committee_id, t.center_id, t.month): t.events
        for t in MonthTally.objects.filter(month__year=YEAR)
    }
    own = _own_organisers()
    rows = []
    for organiser in _organisers():
        kind = "committee" if isinstance(organiser, DistrictCommittee) else "center"
        key = {f"{kind}_id": organiser.pk}
        chance = _habit(rng)
        for first in months:
            submits = rng.random() < chance
            late = rng.randint(1, 10) if chance > 0.9 else rng.randint(5, 40)
            if not is_due(organiser, first, AFTER_THE_YEAR) or not submits:
                continue
            if (kind, organiser.pk) in own and first in LEFT_OPEN:
                continue
            count = events.get((key.get("committee_id"), key.get("center_id"), first), 0)
            submitted = month_end(first) + datetime.timedelta(days=late)
            ret = MonthlyReturn(
                **key,
                month=first,
                state=MonthlyReturn.State.SUBMITTED,
                nothing_happened=not count,
                submitted_at=_moment(rng, submitted),
            )
            if rng.random() < REOPENED:
                ret.state = MonthlyReturn.State.REOPENED
                again = submitted + datetime.timedelta(days=rng.randint(1, 7))
                ret.reopened_at = _moment(rng, again)
                ret.reopen_reason = rng.choice(REOPEN_REASONS)
            rows.append(ret)
    bulk_create_with_history(
        rows, MonthlyReturn, batch_size=500, default_change_reason="Демо-данные 2022 года"
    )
    return len(rows)
