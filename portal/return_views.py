"""The portal's return pages: a chair's or a center's monthly return
(«отчет за месяц») and city staff's reopening of a submitted month."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone

from centers.models import Center
from committees.models import DistrictCommittee
from core.grammar import plural
from core.scoping import owner_of, scope_queryset
from events.models import Event
from returns import services as returns
from returns.models import MonthlyReturn, MonthTally

from .access import ENTRY_ROLES, render_portal, role_required
from .center_selectors import MonthSwitch, parse_month
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
        (tally.events, plural(tally.events, "мероприятие, мероприятия, мероприятий")),
        (tally.participants, plural(tally.participants, "участник, участника, участников")),
    ]
    if is_center:
        figures += [
            (
                tally.receptions,
                plural(tally.receptions, "прием граждан, приема граждан, приемов граждан"),
            ),
            (
                tally.visitors,
                plural(
                    tally.visitors,
                    ("гражданин на приемах", "гражданина на приемах", "граждан на приемах"),
                ),
            ),
            (
                tally.prevention,
                plural(tally.prevention, "случай, случая, случаев") + " профилактической работы",
            ),
        ]
    return figures


def latest_with_data(organiser, today: datetime.date) -> datetime.date | None:
    """The latest month up to today in which the organiser entered
    anything or submitted its return; None when there is none. One query."""
    entered = Q(events__gt=0) | Q(receptions__gt=0) | Q(prevention_records__gt=0)
    where = {**returns.organiser_filter(organiser), "month__lte": today}
    tallies = MonthTally.objects.filter(entered, **where).order_by().values("month")
    submitted = MonthlyReturn.objects.filter(**where).order_by().values("month")
    months = tallies.union(submitted).order_by("-month")[:1]
    return next((row["month"] for row in months), None)


def month_to_report(organiser, today: datetime.date) -> datetime.date:
    """The month a chair or center would report now: the latest month that
    has records or was opened again and is not submitted; else the latest
    month with records (submitted: its return is shown); else last month.
    Two queries."""
    where = {**returns.organiser_filter(organiser), "month__lte": today}
    entered = Q(events__gt=0) | Q(receptions__gt=0) | Q(prevention_records__gt=0)
    submitted = MonthlyReturn.objects.filter(**where, state=MonthlyReturn.State.SUBMITTED).values(
        "month"
    )
    unsubmitted = MonthTally.objects.filter(entered, **where).exclude(month__in=submitted)
    reopened = MonthlyReturn.objects.filter(**where, state=MonthlyReturn.State.REOPENED)
    months = (
        unsubmitted.order_by()
        .values("month")
        .union(reopened.order_by().values("month"))
        .order_by("-month")[:1]
    )
    open_month = next((row["month"] for row in months), None)
    return open_month or latest_with_data(organiser, today) or returns.previous_month(today)


def _month_url(first: datetime.date) -> str:
    return reverse("portal:return_month", args=[first.year, first.month])


@role_required(*ENTRY_ROLES)
def return_latest(request):
    """The nav's «Отчет за месяц»: the month asked for (?month=2022-12, the
    month picker's), else the month to report (month_to_report)."""
    today = timezone.localdate()
    asked = parse_month(request.GET.get("month"), today)
    if asked is not None:
        return redirect(_month_url(asked))
    organiser = owner_of(request.user)
    if organiser is None:
        return redirect(_month_url(returns.previous_month(today)))
    return redirect(_month_url(month_to_report(organiser, today)))


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
                user=request.user,
                organiser=organiser,
                first=first,
                today=today,
                nothing_happened=form.cleaned_data["nothing_happened"],
            )
        except ValidationError as error:
            for name, errors in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, f"Отчет за {returns.month_title(first)} сдан. Спасибо!")
            return redirect(_month_url(first))
    current = returns.month_of(organiser, first, today)
    events = (
        scope_queryset(request.user, Event.objects.all())
        .filter(date__gte=first, date__lte=returns.month_end(first))
        .order_by("date", "pk")[:EVENTS_SHOWN]
    )
    recent = returns.recent_months(organiser, first, today)
    # A way back to the records when the year on screen has none: the
    # latest month with records (one more query, only then).
    latest = first
    if not any(m.tally.entered or m.ret for m in recent):
        latest = latest_with_data(organiser, today) or first
    return render_portal(
        request,
        "portal/returns/month.html",
        {
            "organiser": organiser,
            "current": current,
            "sums": sums(current.tally, isinstance(organiser, Center)),
            "events": events,
            "form": form,
            "switch": MonthSwitch(month=first, today=today, latest=latest),
            "here": reverse("portal:return_latest"),
            "recent": [(m, _month_url(m.first)) for m in recent],
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
                user=request.user,
                organiser=organiser,
                first=first,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for name, errors in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, f"{organiser}: {returns.month_title(first)} открыт заново.")
            return redirect(f"{reverse('portal:board')}?year={first.year}&month={first.month}")
    current = returns.month_of(organiser, first, today)
    history = current.ret.history.select_related("history_user")[:20] if current.ret else []
    return render_portal(
        request,
        "portal/returns/reopen.html",
        {"organiser": organiser, "current": current, "form": form, "history": history},
    )
