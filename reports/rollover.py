"""Starting a year from the one before: «Начать год Y+1».

`start_year(year=Y)` copies, as drafts to be reviewed, what a new year
usually repeats: the contest editions of Y with their nominations (their
categories and periods; the stages follow from the contest's level), the
narrative blocks of Y's report and the structure of the year plan (the
goal and tasks). Applications, results and outcomes are never copied.

A draft prints nowhere, page, booklet or spreadsheet, until staff confirm
it (`without_drafts`, called by reports.document.build); the report page
and the checklist (reports.checklist) list the drafts of the year.
Running it twice copies nothing twice: what exists for Y+1 is kept.
"""

from dataclasses import dataclass, field

from django.db import transaction

from contests.models import ContestEdition, Nomination

from .models import NarrativeBlock, YearPlan, YearTask


@dataclass
class Rollover:
    year: int  # the new year
    editions: list = field(default_factory=list)  # created ContestEdition
    nominations: int = 0
    blocks: list = field(default_factory=list)  # created NarrativeBlock
    plan: YearPlan | None = None
    kept: int = 0  # things that existed already

    @property
    def created(self) -> int:
        return len(self.editions) + self.nominations + len(self.blocks) + (self.plan is not None)


def _next(value: int | None) -> int | None:
    return value + 1 if value else value


@transaction.atomic
def start_year(*, year: int) -> Rollover:
    """Copy the drafts of `year + 1` from `year` (see the module)."""
    new = year + 1
    done = Rollover(year=new)
    existing = set(ContestEdition.objects.filter(year=new).values_list("contest_id", flat=True))
    editions = ContestEdition.objects.filter(year=year).select_related("contest")
    for edition in editions.prefetch_related("nominations"):
        if edition.contest_id in existing:
            done.kept += 1
            continue
        copy = ContestEdition(
            contest=edition.contest, year=new, ordinal=_next(edition.ordinal),
            participation_year=_next(edition.participation_year), is_draft=True,
        )
        copy.full_clean()
        copy.save()
        for nomination in edition.nominations.all():
            Nomination.objects.create(
                edition=copy, name=nomination.name, category=nomination.category,
                period=nomination.period, order=nomination.order,
            )
            done.nominations += 1
        done.editions.append(copy)

    have = set(NarrativeBlock.objects.filter(year=new).values_list("key", flat=True))
    for block in NarrativeBlock.objects.filter(year=year).order_by("key"):
        if block.key in have:
            done.kept += 1
            continue
        done.blocks.append(NarrativeBlock.objects.create(
            year=new, key=block.key, title=block.title, text=block.text, is_draft=True,
        ))

    # Report Y prints the plan for Y+1; report Y+1 will print the plan for
    # Y+2, drafted from it.
    plan = YearPlan.objects.filter(year=new).prefetch_related("tasks").first()
    if plan is not None:
        if YearPlan.objects.filter(year=new + 1).exists():
            done.kept += 1
        else:
            done.plan = YearPlan.objects.create(
                year=new + 1, program=plan.program, goal=plan.goal, is_draft=True
            )
            for task in plan.tasks.all():
                YearTask.objects.create(plan=done.plan, order=task.order, text=task.text)
    return done


def without_drafts(report) -> None:
    """Leave out of a report the narrative and plan still drafts: they
    print nowhere until confirmed."""
    report.narrative = {k: b for k, b in report.narrative.items() if not b.is_draft}
    if report.plan is not None and report.plan.is_draft:
        report.plan = None


def drafts(year: int) -> dict[str, list]:
    """The year's drafts still to be confirmed, for the report page and the
    checklist: narrative blocks, the plan it prints, contest editions."""
    return {
        "blocks": list(NarrativeBlock.objects.filter(year=year, is_draft=True).order_by("key")),
        "plans": list(YearPlan.objects.filter(year=year + 1, is_draft=True)),
        "editions": list(ContestEdition.objects.filter(year=year, is_draft=True)
                         .select_related("contest")),
    }


def confirm(blocks=(), plans=(), editions=()) -> int:
    """Confirm drafts (the admin's action): they print from now on."""
    done = 0
    for queryset in (blocks, plans, editions):
        for obj in queryset:
            if obj.is_draft:
                obj.is_draft = False
                obj.save(update_fields=["is_draft"])
                done += 1
    return done
