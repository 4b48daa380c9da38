"""«Начать год Y+1»: last year's editions, narrative and plan copied as
drafts; a draft prints nowhere until confirmed; running twice copies
nothing twice."""

import pytest
from django.urls import reverse

from contests.models import Application, ContestEdition, Nomination, Result
from reports import booklet, rollover, spreadsheet
from reports.document import build
from reports.models import NarrativeBlock, YearPlan
from tests.factories import EventFactory
from tests.portal.helpers import make_city_staff

from .conftest import YEAR

pytestmark = pytest.mark.django_db
NEW = YEAR + 1
INTRO = "Город Кемерово является крупным центром."


@pytest.fixture
def staff_client(client):
    client.force_login(make_city_staff())
    return client


def test_the_editions_and_nominations_are_copied_as_drafts(small_year):
    done = rollover.start_year(year=YEAR)
    old = ContestEdition.objects.filter(year=YEAR)
    new = ContestEdition.objects.filter(year=NEW)
    assert new.count() == old.count() == len(done.editions)
    assert all(e.is_draft for e in new)
    assert not any(e.is_draft for e in old)
    for edition in old:
        copy = new.get(contest=edition.contest)
        assert [(n.name, n.category, n.period) for n in copy.nominations.all()] == [
            (n.name, n.category, n.period) for n in edition.nominations.all()
        ]
        assert copy.applications_open is None  # takes no applications until reviewed
    practice = new.get(contest__name="Лучшая практика ТОС")
    assert practice.participation_year == 5
    # Applications and results stay with their year.
    assert not Application.objects.filter(edition__year=NEW).exists()
    assert not Result.objects.filter(edition__year=NEW).exists()
    block = NarrativeBlock.objects.get(year=NEW, key=NarrativeBlock.Key.INTRODUCTION)
    assert block.is_draft and block.text.startswith(INTRO)
    plan = YearPlan.objects.get(year=NEW + 1)
    assert plan.is_draft
    assert [t.text for t in plan.tasks.all()] == [
        "Развитие молодежного движения ТОС.", "Совершенствование деятельности МКУ «ЦРН».",
    ]


def test_running_it_twice_copies_nothing_twice(small_year):
    first = rollover.start_year(year=YEAR)
    counts = (ContestEdition.objects.count(), Nomination.objects.count(),
              NarrativeBlock.objects.count(), YearPlan.objects.count())
    again = rollover.start_year(year=YEAR)
    assert again.created == 0 and again.kept == first.created - first.nominations
    assert counts == (ContestEdition.objects.count(), Nomination.objects.count(),
                      NarrativeBlock.objects.count(), YearPlan.objects.count())


def test_no_draft_text_prints_in_the_new_years_report_until_confirmed(
    staff_client, admin_client, small_year
):
    EventFactory(committee=small_year.committees[0], date=f"{NEW}-03-01", participants=5)
    rollover.start_year(year=YEAR)
    document = build(NEW)
    texts = [block.text for section in document.sections for block in section.blocks]
    assert not any(INTRO in text for text in texts)
    assert document.report.plan is None
    assert INTRO not in booklet.render_html(document)
    assert INTRO.encode() not in spreadsheet.workbook_bytes(build(NEW, with_charts=False))
    page = staff_client.get(reverse("reports:page", args=[NEW])).content.decode()
    assert INTRO not in page
    # The page lists the drafts for staff.
    assert "Черновики из прошлого года" in page
    assert "Текстовый блок «Введение»" in page

    # Confirmed in the admin, it prints.
    block = NarrativeBlock.objects.get(year=NEW)
    admin_client.post(reverse("admin:reports_narrativeblock_changelist"), {
        "action": "confirm_drafts", "_selected_action": [block.pk],
    })
    block.refresh_from_db()
    assert not block.is_draft
    texts = [b.text for section in build(NEW).sections for b in section.blocks]
    assert INTRO in texts


def test_the_start_page_copies_on_post_only(staff_client, small_year):
    url = reverse("reports:start_year", args=[YEAR])
    page = staff_client.get(url)
    assert f"Начать {NEW} год" in page.content.decode()
    assert not ContestEdition.objects.filter(year=NEW).exists()
    response = staff_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:checklist", args=[NEW])
    assert ContestEdition.objects.filter(year=NEW, is_draft=True).exists()
