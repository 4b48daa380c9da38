"""The staff's completeness board: who has entered which month."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import board_selectors as selectors
from . import exports
from .access import board_required


def _board_params(request, today):
    default_year, default_month = selectors.previous_month(today)
    try:
        year = int(request.GET.get("year") or default_year)
        month = int(request.GET.get("month") or (default_month if year == default_year else 12))
        territory = int(request.GET.get("territory") or 0) or None
    except ValueError:
        year, month, territory = default_year, default_month, None
    if not 1 <= month <= 12 or not 2000 <= year <= today.year + 1:
        year, month = default_year, default_month
    return year, month, territory


@require_GET
@board_required
def board(request):
    today = timezone.localdate()
    year, month, territory = _board_params(request, today)
    rows = selectors.completeness(request.user, year, today, territory)
    territories = list(selectors.territories(request.user))
    return render(
        request,
        "portal/board.html",
        {
            "rows": rows,
            "missing": selectors.missing_in(rows, month),
            "year": year,
            "month": month,
            "month_name": selectors.MONTHS[month - 1],
            "months": list(enumerate(selectors.MONTHS_SHORT, 1)),
            "month_names": list(enumerate(selectors.MONTHS, 1)),
            "years": range(today.year, today.year - 5, -1),
            "territories": territories,
            "territory": territory,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@board_required
def board_export(request):
    today = timezone.localdate()
    year, month, territory = _board_params(request, today)
    rows = selectors.completeness(request.user, year, today, territory)
    rows = selectors.missing_in(rows, month)
    content = exports.missing_xlsx(rows, year, month)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"ne-vnesli-{year}-{month:02d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
