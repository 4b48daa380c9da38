"""The annual report on the web, as .xlsx and as PDF. The views check access
and present; the figures come from reports.aggregates via reports.document."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.scoping import get_scope
from committees.models import Territory
from events.models import Event

from . import booklet, spreadsheet
from .document import build

FIRST_YEAR = 2000


def _territory(request):
    """The territory the user may see: staff choose any (or the whole city),
    a viewer always gets their own, everyone else is refused."""
    scope = get_scope(request.user)
    if scope.is_staff:
        pk = request.GET.get("territory")
        if pk:
            try:
                return Territory.objects.get(pk=int(pk))
            except (ValueError, Territory.DoesNotExist):
                raise Http404("Нет такой территории.") from None
        return None
    if scope.role == "viewer" and scope.territory_id:
        return Territory.objects.get(pk=scope.territory_id)
    raise PermissionDenied("Годовой отчет доступен сотрудникам администрации и наблюдателям.")


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
    scope = get_scope(request.user)
    return render(request, "reports/page.html", {
        "doc": doc,
        "years": _years(),
        "territories": Territory.objects.all() if scope.is_staff else [],
        "territory": territory,
        "xlsx_url": reverse("reports:xlsx", args=[year]) + query,
        "pdf_url": reverse("reports:pdf", args=[year]) + query,
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


@login_required
def pdf(request, year: int):
    territory = _territory(request)
    _check_year(year)
    response = HttpResponse(booklet.booklet_pdf(year, territory), content_type="application/pdf")
    name = _filename(year, territory, "pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
