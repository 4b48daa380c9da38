"""The demo's monthly returns of 2022 look like a working year: most
committees and centers submitted most months, a few did not, a few months
were opened again; the demo's own chair and center still have a month to
submit. Read from the demo database conftest loads (TOS_DEMO_TESTS=1)."""

import datetime

import pytest
from django.db.models import Count, Q

from centers.models import Center
from committees.models import DistrictCommittee
from demo import names
from returns.models import MonthlyReturn, MonthTally

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

DECEMBER = datetime.date(2022, 12, 1)


def organisers_in(month: datetime.date) -> int:
    alive = Q(founded__lte=month) & (Q(closed__isnull=True) | Q(closed__gte=month))
    return DistrictCommittee.objects.filter(alive).count() + Center.objects.filter(alive).count()


def test_most_of_december_2022_is_submitted_but_not_all():
    submitted = MonthlyReturn.objects.filter(
        month=DECEMBER, state=MonthlyReturn.State.SUBMITTED
    ).count()
    due = organisers_in(DECEMBER)
    assert 0.7 * due <= submitted < due


def test_every_month_of_2022_has_returns_and_a_few_were_reopened():
    by_month = dict(
        MonthlyReturn.objects.filter(month__year=2022).values_list("month").annotate(n=Count("pk"))
    )
    assert len(by_month) == 12
    reopened = MonthlyReturn.objects.filter(state=MonthlyReturn.State.REOPENED)
    assert 0 < reopened.count() < 0.1 * MonthlyReturn.objects.count()
    assert not reopened.filter(reopen_reason="").exists()


def test_a_month_marked_without_events_has_none():
    tallies = {
        (t.committee_id, t.center_id, t.month): t.events
        for t in MonthTally.objects.filter(month__year=2022, events__gt=0)
    }
    for ret in MonthlyReturn.objects.filter(month__year=2022):
        has_events = tallies.get((ret.committee_id, ret.center_id, ret.month), 0) > 0
        assert ret.nothing_happened is not has_events


def test_the_demo_chair_and_center_still_have_december_to_submit():
    committee = DistrictCommittee.objects.get(number=names.LOGINS["chair_committee_number"])
    center = Center.objects.get(name=names.LOGINS["center"])
    assert not MonthlyReturn.objects.filter(committee=committee, month=DECEMBER).exists()
    assert not MonthlyReturn.objects.filter(center=center, month=DECEMBER).exists()
