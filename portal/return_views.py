"""The portal's return pages: a chair's or a center's monthly return
(«отчет за месяц») and city staff's reopening of a submitted month."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone

from centers.models import Center
from committees.models import DistrictCommittee
from core.scoping import owner_of, scope_queryset
from events.models import Event
from reports.formatting import plural
from returns import services as returns

from .access import ENTRY_ROLES, render_portal, role_required
from .forms import ReopenForm, ReturnForm

ORGANISERS = {"committee": DistrictCommittee, "center": Center}
# A month's events listed on its return; the sums count them all.
EVENTS_SHOWN = 50


def month_or_404(year: int, month: int, today: datetime.date) -> datetime.date:
    """The first day of a month that has begun, else 404."""
    if not 1 <= month <= 12 or year < 2000:
        raise Http404("Нет такого месяца.")
    first = datetime.date(year, month, 1)
    if first > today:
        raise Http404("Этот месяц еще не наступил.")
    return first


def sums(tally, is_center: bool) -> list[tuple[int, str]]:
    """The month's figures with their words: «3 мероприятия»."""
    figures = [
        (tally.events, plural(tally.events, "мероприятие", "мероприятия", "мероприятий")),
        (tally.participants, plural(tally.participants, "участник", "участника", "участников")),
    ]
    if is_center:
        figures += [
            (tally.receptions, plural(tally.receptions, "прием граждан", "приема граждан",
                                      "приемов граждан")),
            (tally.visitors, plural(tally.visitors, "гражданин на приемах",
                                    "гражданина на приемах", "граждан на приемах")),
            (tally.prevention, "профилактическая работа: рейды, беседы, информации"),
        ]
    return figures


def _month_url(first: datetime.date) -> str:
    return reverse("portal:return_month", args=[first.year, first.month])


@role_required(*ENTRY_ROLES)
def return_latest(request):
    """The nav's «Отчет за месяц»: last month's return."""
    return redirect(_month_url(returns.previous_month(timezone.localdate())))


@role_required(*ENTRY_ROLES)
def return_month(request, year, month):
    today = timezone.localdate()
    first = month_or_404(year, month, today)
    organiser = owner_of(request.user)
    if organiser is None:
        raise Http404("Нет комитета или центра.")
    form = ReturnForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            returns.submit_return(
                user=request.user, organiser=organiser, first=first, today=today,
                nothing_happened=form.cleaned_data["nothing_happened"],
            )
        except ValidationError as error:
            for name, errors in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, f"Отчет за {returns.month_title(first)} сдан. Спасибо!")
            return redirect(_month_url(first))
    current = returns.month_of(organiser, first, today)
    events = scope_queryset(request.user, Event.objects.all()).filter(
        date__gte=first, date__lte=returns.month_end(first)
    ).order_by("date", "pk")[:EVENTS_SHOWN]
    following = returns.month_end(first) + datetime.timedelta(days=1)
    return render_portal(
        request,
        "portal/returns/month.html",
        {
            "organiser": organiser,
            "current": current,
            "sums": sums(current.tally, isinstance(organiser, Center)),
            "events": events,
            "form": form,
            "previous_url": _month_url(returns.previous_month(first)),
            "next_url": _month_url(following) if following <= today else None,
            "recent": [
                (m, _month_url(m.first))
                for m in returns.recent_months(organiser, first, today)
            ],
        },
    )


@role_required("staff")
def return_reopen(request, kind, pk, year, month):
    """City staff open a submitted month again, with the reason."""
    if kind not in ORGANISERS:
        raise Http404("Нет такого вида.")
    today = timezone.localdate()
    first = month_or_404(year, month, today)
    organiser = get_object_or_404(
        scope_queryset(request.user, ORGANISERS[kind].objects.all()), pk=pk
    )
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            returns.reopen_return(
                user=request.user, organiser=organiser, first=first,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for name, errors in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(
                request, f"{organiser}: {returns.month_title(first)} открыт заново."
            )
            return redirect(f"{reverse('portal:board')}?year={first.year}&month={first.month}")
    current = returns.month_of(organiser, first, today)
    history = current.ret.history.select_related("history_user")[:20] if current.ret else []
    return render_portal(
        request,
        "portal/returns/reopen.html",
        {"organiser": organiser, "current": current, "form": form, "history": history},
    )
