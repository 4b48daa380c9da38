"""Published editions of the annual report, and the closed years.

Publishing a year (`publish()`) closes it (`close_year()`) and queues
`make_edition`, which builds the report once (reports.document.build) and
freezes what it shows: the figures, the rendered text, tables and charts
(`snapshot()`), and the PDF booklet and the xlsx workbook, byte for byte, in
storage. The page of a published year is served from the snapshot, never
computed again (reports.edition_views); the figures that changed since are
found by comparing with the live figures, computed only when the data's
version (reports.services.data_version) differs from the edition's, and
then kept under that version.

A closed year is a lock source of core.periods (`lock_reason`, registered
in reports/apps.py): chairs and center staff can no longer add, change or
delete that year's events, receptions and prevention records, in the
admin, the portal or an import; city staff still can, and the history
records who did.
"""

import datetime
import logging

from django.core.cache import cache as shared_cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from core import periods

from .models import ClosedYear, PublishedEdition

log = logging.getLogger(__name__)
# How long the live figures a published page compares with are kept: their
# key changes with the data.
LIVE_SECONDS = 7 * 24 * 3600


# Closing a year -----------------------------------------------------------------


def lock_reason(organiser, day: datetime.date) -> str | None:
    """The lock source of core.periods: any day of a closed year. In a batch
    of checks (core.periods.remembered, an import) the closed years are
    read once."""
    memo = periods.memo()
    if memo is not None:
        closed = memo.get("reports.closed")
        if closed is None:
            closed = memo["reports.closed"] = {c.year: c for c in ClosedYear.objects.all()}
        found = closed.get(day.year)
    else:
        found = ClosedYear.objects.filter(year=day.year).first()
    return found.message if found is not None else None


def close_year(*, user, year: int, reason: str) -> ClosedYear:
    """Close `year` (or say why anew, if it is closed already)."""
    closed = ClosedYear.objects.filter(year=year).first() or ClosedYear(year=year)
    closed.reason = reason
    closed.closed_by = user
    closed.full_clean()
    closed.save()
    return closed


# Publishing --------------------------------------------------------------------


def latest(year: int) -> PublishedEdition | None:
    """The edition a published year's page shows: the newest published."""
    return (
        PublishedEdition.objects.filter(year=year, status=PublishedEdition.Status.PUBLISHED)
        .select_related("published_by").order_by("-number").first()
    )


def publish(*, user, year: int, note: str = "") -> PublishedEdition:
    """Publish the report of `year` as its next edition: the year is closed
    at once, the edition is made by the task `make_edition`. A second
    edition says why (`note`)."""
    note = note.strip()
    with transaction.atomic():
        editions = PublishedEdition.objects.select_for_update().filter(year=year)
        if editions.filter(status=PublishedEdition.Status.PREPARING).exists():
            raise ValidationError(
                f"Редакция отчета за {year} год уже готовится: дождитесь ее."
            )
        last = editions.aggregate(n=Max("number"))["n"] or 0
        published = editions.filter(status=PublishedEdition.Status.PUBLISHED)
        if published.exists() and not note:
            raise ValidationError({"note": "Укажите, что изменилось и почему: отчет "
                                           f"за {year} год уже опубликован."})
        edition = PublishedEdition(year=year, number=last + 1, note=note, published_by=user)
        edition.full_clean()
        edition.save()
        day = timezone.localdate(edition.published_at)
        close_year(user=user, year=year,
                   reason=f"отчет опубликован {day:%d.%m.%Y} (редакция № {edition.number})")
        transaction.on_commit(lambda: make_edition.enqueue(edition.pk))
    return edition


@task()
def make_edition(edition_id: int) -> None:
    run_edition(edition_id)


def run_edition(edition_id: int) -> None:
    """Build the year's report once and freeze it into the edition."""
    from . import booklet, services, spreadsheet
    from .document import build

    edition = PublishedEdition.objects.get(pk=edition_id)
    try:
        version = services.data_version()  # before the build: a change during it shows
        document = build(edition.year)
        edition.snapshot = snapshot(document)
        base = f"godovoj-otchet-{edition.year}-redakciya-{edition.number}"
        edition.xlsx.save(f"{base}.xlsx", ContentFile(spreadsheet.workbook_bytes(document)),
                          save=False)
        pdf = booklet.write_pdf(booklet.render_html(document))
        edition.pdf.save(f"{base}.pdf", ContentFile(pdf), save=False)
        edition.data_version = version
        edition.status = PublishedEdition.Status.PUBLISHED
        edition.save()
    except Exception as error:  # the edition says so; the year stays closed
        log.exception("edition %s failed", edition_id)
        PublishedEdition.objects.filter(pk=edition_id).update(
            status=PublishedEdition.Status.FAILED,
            error=f"Не удалось подготовить редакцию: {error}",
        )
        raise


def _figure(figure) -> dict:
    return {
        "number": figure.number, "key": figure.key, "label": figure.label,
        "value": figure.value, "previous": figure.previous,
        "definition": figure.definition,
    }


def _cell(value):
    return value if value is None or isinstance(value, int | float | str) else str(value)


def _table(table) -> dict:
    return {
        "key": table.key, "title": table.title, "header": list(table.header),
        "rows": [[_cell(v) for v in row] for row in table.rows],
        "footer": [_cell(v) for v in table.footer] if table.footer else None,
    }


def snapshot(document) -> dict:
    """What the page, the spreadsheet and the booklet showed, as JSON: the
    figures; the text, tables and charts rendered as the page shows them;
    the narrative, the year plan and the photos the report chose."""
    report = document.report
    tables = []
    for value in document.tables.values():
        tables.extend(value if isinstance(value, list) else [value] if value else [])
    plan = report.plan
    return {
        "year": document.year,
        "comparable": document.comparable,
        "figures": [_figure(f) for f in document.figures],
        "sections_html": render_to_string("reports/edition_sections.html", {
            "doc": document, "inline_charts": True,
        }),
        "tables": [_table(t) for t in tables],
        "narrative": {key: {"title": block.title, "text": block.text}
                      for key, block in report.narrative.items()},
        "plan": None if plan is None else {
            "year": plan.year, "goal": plan.goal,
            "program": str(plan.program) if plan.program_id else "",
            "tasks": [task.text for task in plan.tasks.all()],
        },
        "photos": [{"id": p.pk, "event_id": p.event_id, "image": p.image.name}
                   for p in report.photos],
    }


# What changed since -------------------------------------------------------------


def live_figures(year: int, version: str) -> dict[str, dict]:
    """The city's headline figures of `year` as they stand, key -> value and
    records' address, kept under the data's version."""
    key = f"reports:edition-live:{year}:{version}"
    found = shared_cache.get(key)
    if found is None:
        from .document import build

        found = {f.key: {"value": f.value, "url": f.url}
                 for f in build(year, with_charts=False).figures}
        shared_cache.set(key, found, LIVE_SECONDS)
    return found


def changes(edition: PublishedEdition, version: str) -> dict[str, dict]:
    """The figures whose value is no longer the published one: key ->
    {"was", "now", "url"}. Nothing is computed while the data is as it
    was published."""
    if version == edition.data_version:
        return {}
    live = live_figures(edition.year, version)
    changed = {}
    for figure in edition.snapshot.get("figures", []):
        now = live.get(figure["key"])
        now_value = now["value"] if now is not None else 0
        if now_value != figure["value"]:
            changed[figure["key"]] = {"was": figure["value"], "now": now_value,
                                      "url": now["url"] if now else ""}
    return changed
