"""The staff's completeness board: the state of every committee's and
center's monthly return, whom to call (.xlsx), reminders."""

import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.scoping import get_scope
from returns.services import STATE_NAMES
from returns.tasks import send_reminders

from . import board_selectors as selectors
from . import exports
from .access import board_required, role_required


def _board_params(data, user, today):
    """year, month, territory, state, page, and the year list."""
    span = selectors.data_span(user, today)
    default_year, default_month = selectors.default_month(span, today)
    try:
        year = int(data.get("year") or default_year)
        month = int(data.get("month") or (default_month if year == default_year else 12))
        territory = int(data.get("territory") or 0) or None
        page = int(data.get("page") or 1)
    except ValueError:
        year, month, territory, page = default_year, default_month, None, 1
    if not 1 <= month <= 12 or not 2000 <= year <= today.year:
        year, month = default_year, default_month
    state = data.get("state", "")
    if state not in selectors.STATES:
        state = ""
    years = selectors.years(span, today)
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    return year, month, territory, state, page, years


def _query(year, month, territory, state="") -> str:
    parts = [f"year={year}", f"month={month}"]
    if territory:
        parts.append(f"territory={territory}")
    if state:
        parts.append(f"state={state}")
    return "&".join(parts)


@board_required
@require_GET
def board(request):
    today = timezone.localdate()
    year, month, territory, state, page, years = _board_params(request.GET, request.user, today)
    result = selectors.board(request.user, year, month, today, territory_id=territory,
                             state=state, page=page)
    base = _query(year, month, territory)
    return render(request, "portal/board.html", {
        "board": result,
        "rows": result.rows,
        "year": year,
        "month": month,
        "state": state,
        "month_name": selectors.MONTHS[month - 1],
        "months": list(enumerate(selectors.MONTHS_SHORT, 1)),
        "month_names": list(enumerate(selectors.MONTHS, 1)),
        "years": years,
        "territories": list(selectors.territories(request.user)),
        "territory": territory,
        "state_links": [
            ("", "Все", result.counts["all"]),
            *[(s, STATE_NAMES[s].capitalize(), result.counts[s]) for s in selectors.STATES],
        ],
        "base_query": base,
        "query": _query(year, month, territory, state),
        "not_submitted": result.counts[selectors.NOT_STARTED] + result.counts[selectors.ENTERED],
        "is_staff": get_scope(request.user).is_staff,
    })


@board_required
@require_GET
def board_export(request):
    today = timezone.localdate()
    year, month, territory, _state, _page, _years = _board_params(
        request.GET, request.user, today
    )
    rows = selectors.not_submitted(request.user, year, month, today, territory)
    content = exports.missing_xlsx(rows, year, month)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"ne-sdali-{year}-{month:02d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@role_required("staff")
@require_POST
def board_remind(request):
    """«Напомнить»: the chosen rows, or everyone who has not submitted the
    month; sent by the task worker (returns.tasks.send_reminders)."""
    today = timezone.localdate()
    year, month, territory, state, _page, _years = _board_params(
        request.POST, request.user, today
    )
    due = selectors.not_submitted(request.user, year, month, today, territory)
    keys = {row.key for row, _state in due}
    if "all" not in request.POST:
        keys &= set(request.POST.getlist("pick"))
    if not keys:
        messages.error(request, "Никто не выбран: отметьте строки тех, кому напомнить.")
    else:
        ids = {"committee": [], "center": []}
        for key in sorted(keys):
            kind, pk = key.split("-")
            ids[kind].append(int(pk))
        send_reminders.enqueue(
            datetime.date(year, month, 1).isoformat(), ids["committee"], ids["center"],
            request.user.pk,
        )
        messages.success(
            request,
            f"Напоминания за {selectors.MONTHS[month - 1]} {year} отправляются: "
            f"комитетов и центров — {len(keys)}. Кому уже напоминали сегодня, "
            "второго письма не получит.",
        )
    return redirect(f"{reverse('portal:board')}?{_query(year, month, territory, state)}")
