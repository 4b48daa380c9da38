"""The annual report on the web, as .xlsx and as PDF. The views check access
and present; the figures come from reports.aggregates via reports.document."""

import datetime
import re

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from committees.models import Territory
from core.scoping import report_scope, scope_queryset
from events.models import Event

from . import services, spreadsheet
from .document import build
from .models import BookletJob

FIRST_YEAR = 2000


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


def _years() -> list[int]:
    years = {d.year for d in Event.objects.dates("date", "year")}
    years.add(datetime.date.today().year)
    return sorted(years, reverse=True)


def _filename(year: int, territory, ext: str) -> str:
    suffix = f"-{territory.pk}" if territory is not None else ""
    return f"godovoj-otchet-{year}{suffix}.{ext}"


@login_required
def index(request):
    _territory(request)
    years = [y for y in _years() if y < datetime.date.today().year] or _years()
    return redirect("reports:page", year=years[0])


@login_required
def page(request, year: int):
    territory = _territory(request)
    query = f"?territory={territory.pk}" if territory is not None else ""
    picked = request.GET.get("year", "")
    if picked.isdigit() and int(picked) != year:
        # The year picker submits ?year=; the year lives in the path.
        return redirect(reverse("reports:page", args=[int(picked)]) + query)
    _check_year(year)
    doc = build(year, territory)
    return render(request, "reports/page.html", {
        "doc": doc,
        "years": _years(),
        # The territory picker: for staff, whose report is the city's.
        "territories": Territory.objects.all() if report_scope(request.user) is None else [],
        "territory": territory,
        "xlsx_url": reverse("reports:xlsx", args=[year]) + query,
        "pdf_url": reverse("reports:pdf", args=[year]) + query,
        "booklet_url": reverse("reports:booklet_request", args=[year]) + query,
        # Inline, so that the charts' text takes the page's PT Sans; the
        # SVG is matplotlib's, which escapes every label.
        "inline_charts": True,
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
