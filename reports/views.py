"""The annual report on the web, as .xlsx and as PDF. The views check access
and present; the figures come from reports.aggregates via reports.document."""

import datetime
import hashlib
import re
import time
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache as shared_cache
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from committees.models import Territory
from core.scoping import report_scope, scope_queryset

from . import edition_views, services, spreadsheet
from .aggregates import years_with_data
from .document import build
from .models import BookletJob

FIRST_YEAR = 2000
# How long the live page of a year is kept: its key changes with the data,
# so this only clears out the pages of data that has changed since.
LIVE_SECONDS = 7 * 24 * 3600


def _territory(request):
    """The territory of the report the user reads (core.scoping.report_scope):
    a viewer's own whatever they ask; staff pick any (?territory=) or read
    the whole city (None). Anyone else is refused."""
    pk = report_scope(request.user)
    if pk is None:
        pk = request.GET.get("territory")
        if not pk:
            return None
    try:
        return scope_queryset(request.user, Territory.objects.all()).get(pk=int(pk))
    except (ValueError, Territory.DoesNotExist):
        raise Http404("Нет такой территории.") from None


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= datetime.date.today().year + 1:
        raise Http404("Нет отчета за этот год.")


@cache
def _code_version() -> str:
    """The report's code and templates, so that a deploy does not serve a
    page cached by the code before it. Read once per process."""
    digest = hashlib.sha1(usedforsecurity=False)
    root = Path(settings.BASE_DIR)
    for path in sorted([*(root / "reports").glob("*.py"),
                        *(root / "templates" / "reports").glob("_*.html")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _clock() -> float:
    return time.time()


def _where(territory) -> str:
    return str(territory.pk) if territory is not None else "city"


def _keys(version: str, year: int, territory) -> tuple[str, str]:
    code = _code_version()
    return (f"reports:years:{version}",
            f"reports:live:{year}:{_where(territory)}:{version}:{code}")


def _years(version: str) -> list[int]:
    """The years with data, newest first (aggregates.years_with_data), kept
    under the data's version."""
    key = f"reports:years:{version}"
    years = shared_cache.get(key)
    if years is None:
        years = years_with_data()
        shared_cache.set(key, years, LIVE_SECONDS)
    return years


def _latest_key(year: int, territory) -> str:
    return f"reports:live-latest:{year}:{_where(territory)}:{_code_version()}"


def _draw(year: int, territory, body_key: str) -> str:
    """Compute and draw the page's figures, tables and charts, and keep
    them under the data's version and as the latest drawn."""
    body = render_to_string("reports/_live.html", {
        "doc": build(year, territory),
        # Each figure links to its records, with its definition.
        "drilldown": True,
        # Inline, so that the charts' text takes the page's PT Sans; the
        # SVG is matplotlib's, which escapes every label.
        "inline_charts": True,
    })
    shared_cache.set_many({body_key: body, _latest_key(year, territory): (_clock(), body)},
                          LIVE_SECONDS)
    return body


def redraw(year: int, territory_id: int | None) -> None:
    """The task worker's redraw of a live page (reports.tasks.redraw_live_page)."""
    territory = Territory.objects.get(pk=territory_id) if territory_id else None
    _years_key, body_key = _keys(services.data_version(), year, territory)
    _draw(year, territory, body_key)


def _live(year: int, territory) -> tuple[list[int], str | None]:
    """The years with data, and the page's figures, tables and charts as
    HTML (None for a year without data), both kept in the shared cache
    under the data's version (services.data_version): an unchanged year is
    neither computed nor drawn again, in this process or any other."""
    version = services.data_version()
    years_key, body_key = _keys(version, year, territory)
    found = shared_cache.get_many([years_key, body_key])
    years = found.get(years_key)
    if years is None:
        years = years_with_data()
        shared_cache.set(years_key, years, LIVE_SECONDS)
    if year not in years:
        return years, None
    body = found.get(body_key)
    latest_key = _latest_key(year, territory)
    stale = getattr(settings, "REPORTS_LIVE_STALE_SECONDS", 60)
    if body is None and stale > 0:
        # Data changed since the page was drawn. Under a stream of entries
        # (a year-end afternoon: an event saved every few seconds) every
        # request would draw the page anew. The page drawn before is served
        # instead; once it is REPORTS_LIVE_STALE_SECONDS old, one request
        # queues the redraw in the task worker (reports.tasks) and nobody
        # waits for it.
        latest = shared_cache.get(latest_key)
        if latest is not None:
            if _clock() - latest[0] >= stale and shared_cache.add(
                f"{latest_key}:redraw", 1, stale
            ):
                from .tasks import redraw_live_page

                redraw_live_page.enqueue(year, territory.pk if territory is not None else None)
                body = shared_cache.get(body_key)  # drawn already by an immediate backend
            body = body or latest[1]
    if body is None:
        body = _draw(year, territory, body_key)
    # Rendered by the project's own template from escaped values.
    return years, mark_safe(body)  # noqa: S308


def _filename(year: int, territory, ext: str) -> str:
    suffix = f"-{territory.pk}" if territory is not None else ""
    return f"godovoj-otchet-{year}{suffix}.{ext}"


@login_required
def index(request):
    """The latest year with data (or this year, saying it has none)."""
    territory = _territory(request)
    years = _years(services.data_version())
    query = f"?territory={territory.pk}" if territory is not None else ""
    year = years[0] if years else datetime.date.today().year
    return redirect(reverse("reports:page", args=[year]) + query)


@login_required
def page(request, year: int):
    territory = _territory(request)
    query = f"?territory={territory.pk}" if territory is not None else ""
    picked = request.GET.get("year", "")
    if picked.isdigit() and int(picked) != year:
        # The year picker submits ?year=; the year lives in the path.
        return redirect(reverse("reports:page", args=[int(picked)]) + query)
    _check_year(year)
    # A published year shows its edition, from its snapshot (edition_views).
    edition = edition_views.page_context(request, year, territory)
    if edition["edition_body"] is not None:
        years, body = _years(edition["version"]), edition["edition_body"]
    else:
        years, body = _live(year, territory)
    return render(request, "reports/page.html", {
        **edition,
        "year": year,
        "body": body,  # None: no data for the year
        "years": years if year in years else sorted([*years, year], reverse=True),
        "other_years": [
            (y, reverse("reports:page", args=[y]) + query) for y in years if y != year
        ],
        # The territory picker: for staff, whose report is the city's.
        "territories": Territory.objects.all() if report_scope(request.user) is None else [],
        "territory": territory,
        "xlsx_url": reverse("reports:xlsx", args=[year]) + query,
        "pdf_url": reverse("reports:pdf", args=[year]) + query,
        "booklet_url": reverse("reports:booklet_request", args=[year]) + query,
    })


@login_required
def xlsx(request, year: int):
    territory = _territory(request)
    _check_year(year)
    content = spreadsheet.workbook_bytes(build(year, territory, with_charts=False))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = _filename(year, territory, "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _booklet(request, year: int):
    """The booklet of the year and the user's territory, never made here:
    one already made of the same data, or the job that makes it."""
    territory = _territory(request)
    _check_year(year)
    try:
        job, _ = services.booklet_for(user=request.user, year=year, territory=territory)
    except services.TooManyBooklets as refusal:
        response = render(request, "reports/booklet_job.html", {
            "job": None,
            "year": year,
            "refusal": str(refusal),
            "report_url": reverse("reports:page", args=[year])
            + (f"?territory={territory.pk}" if territory is not None else ""),
        }, status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return None, response
    return job, None


@login_required
def pdf(request, year: int):
    """The booklet's address: its file when made, else the page that
    follows it being made in the background."""
    job, refused = _booklet(request, year)
    if refused:
        return refused
    if job.status == BookletJob.Status.DONE:
        return redirect("reports:booklet_file", pk=job.pk)
    return redirect("reports:booklet_job", pk=job.pk)


@login_required
@require_POST
def booklet_request(request, year: int):
    """The report page's button: the page that follows the booklet."""
    job, refused = _booklet(request, year)
    return refused or redirect("reports:booklet_job", pk=job.pk)


def _job(request, pk: int) -> BookletJob:
    """A booklet job the user may read: a booklet of the same data is
    shared by whoever reads its territory's report; staff may open any."""
    report_scope(request.user)  # the same access rule as the report itself
    jobs = scope_queryset(request.user, BookletJob.objects.select_related("territory"))
    return get_object_or_404(jobs, pk=pk)


def _job_state(job: BookletJob) -> dict:
    return {
        "status": job.status,
        "status_display": job.get_status_display(),
        "progress": job.progress,
        "stage": job.stage,
        "error": job.error,
        "file_url": reverse("reports:booklet_file", args=[job.pk]) if job.file else "",
    }


def _followed_job(request, pk: int) -> BookletJob:
    """The job as its page shows it: one whose worker was lost is failed
    here, so the page stops waiting and offers a new order."""
    return services.give_up_if_stalled(_job(request, pk))


@login_required
def booklet_job(request, pk: int):
    job = _followed_job(request, pk)
    query = f"?territory={job.territory_id}" if job.territory_id else ""
    return render(request, "reports/booklet_job.html", {
        "job": job,
        "state": _job_state(job),
        "report_url": reverse("reports:page", args=[job.year]) + query,
        # A failed booklet is ordered again with one click.
        "retry_url": reverse("reports:booklet_request", args=[job.year]) + query,
    })


@login_required
def booklet_status(request, pk: int):
    return JsonResponse(_job_state(_followed_job(request, pk)))


def _booklet_filename(job: BookletJob) -> str:
    """«Годовой отчет за 2022 год — Северный район.pdf»."""
    name = f"Годовой отчет за {job.year} год"
    if job.territory is not None:
        territory = re.sub(r'[\x00-\x1f\\/:*?"<>|]+', " ", job.territory.name).strip()
        name += f" — {territory}"
    return f"{name}.pdf"


@login_required
def booklet_file(request, pk: int):
    job = _job(request, pk)
    if job.status != BookletJob.Status.DONE or not job.file:
        raise Http404("Буклет еще не готов.")
    return FileResponse(
        job.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=_booklet_filename(job),
    )
