"""The portal's center pages: a center specialist's month (home), clubs,
receptions, prevention work of a month on one screen, rental stock.

Rows are read through core.scoping only, so another center's id answers
404; the rules of a record are its model's (centers/models.py) and the
writes spanning rows are centers/services.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from centers import services
from centers.models import Club, ClubYear, Reception, RentalItem
from core.scoping import owner_field_initial, owner_of, scope_queryset

from . import center_selectors as selectors
from .access import render_portal, role_required, scoped_or_404
from .center_forms import (
    ClubCloseForm,
    ClubForm,
    PreventionMonthForm,
    ReceptionForm,
    RentalItemForm,
    add_service_error,
    first_of_year_or_today,
)

center_required = role_required("center")
GET_POST = require_http_methods(["GET", "POST"])


def _month_switch(request, today):
    """The month asked for (?month=2022-12), else the latest with data;
    returns (center, MonthSwitch)."""
    center, latest = selectors.center_with_latest(request.user, today)
    month = selectors.parse_month(request.GET.get("month"), today) or latest
    return center, selectors.MonthSwitch(month=month, today=today, latest=latest)


def _year(request, today) -> int:
    """The year asked for (?year=2022), else that of the latest month
    with data."""
    year = selectors.parse_year(request.GET.get("year"), today)
    if year is None:
        _, latest = selectors.center_with_latest(request.user, today)
        year = latest.year
    return year


def _new(user, model, **fields):
    obj = model(**fields)
    for name, pk in owner_field_initial(user, model).items():
        setattr(obj, model._meta.get_field(name).attname, pk)
    return obj


def _return_url(month) -> str | None:
    """The monthly return of `month` (portal/return_urls.py), once that
    page exists."""
    try:
        return reverse("portal:return_month", args=[month.year, month.month])
    except NoReverseMatch:
        return None


# The home ------------------------------------------------------------------


@center_required
def center_home(request):
    """The center's month at a glance, opened on the latest month with
    data, with buttons into each kind of record."""
    today = timezone.localdate()
    center, switch = _month_switch(request, today)
    return render_portal(
        request,
        "portal/center/home.html",
        {
            "organiser": center,
            "switch": switch,
            "summary": selectors.center_month(request.user, switch.month),
            "return_url": _return_url(switch.month),
            "section": "home",
        },
    )


# Prevention work -------------------------------------------------------------


@center_required
@GET_POST
def center_prevention(request):
    today = timezone.localdate()
    center, switch = _month_switch(request, today)
    if request.method == "POST":
        form = PreventionMonthForm(request.POST)
        if form.is_valid():
            try:
                services.save_prevention_month(
                    center=center, month=switch.month, counts=form.counts(), user=request.user
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, f"Профилактическая работа за {switch.title} сохранена.")
                return redirect(reverse("portal:center_prevention") + f"?month={switch.param}")
    else:
        form = PreventionMonthForm(initial=services.prevention_month(center, switch.month))
    return render_portal(
        request,
        "portal/center/prevention.html",
        {
            "organiser": center,
            "switch": switch,
            "form": form,
            "return_url": _return_url(switch.month),
            "section": "prevention",
        },
    )


# Receptions ------------------------------------------------------------------


@center_required
@require_safe
def center_receptions(request):
    today = timezone.localdate()
    center, switch = _month_switch(request, today)
    receptions = list(selectors.receptions_of_month(request.user, switch.month))
    return render_portal(
        request,
        "portal/center/receptions.html",
        {
            "organiser": center,
            "switch": switch,
            "receptions": receptions,
            "visitors": sum(r.visitors for r in receptions),
            "section": "receptions",
        },
    )


LAST_RECEPTION_DATE = "portal_last_reception_date"


def _reception_back(reception: Reception) -> str:
    return reverse("portal:center_receptions") + f"?month={reception.date:%Y-%m}"


def _save_reception(request, reception: Reception, *, was=None):
    """(form, response): the bound form saved through the service and a
    redirect, or the form with its errors and no response."""
    form = ReceptionForm(request.POST, instance=reception, user=request.user)
    if form.is_valid():
        try:
            services.save_reception(reception=form.instance, user=request.user, was=was)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            # Receptions are entered in batches after the fact: the next
            # one starts on the date of the last.
            request.session[LAST_RECEPTION_DATE] = reception.date.isoformat()
            messages.success(request, f"Прием {reception.date:%d.%m.%Y} сохранен.")
            return form, redirect(_reception_back(reception))
    return form, None


@center_required
@GET_POST
def center_reception_add(request):
    reception = _new(request.user, Reception)
    if request.method == "POST":
        form, response = _save_reception(request, reception)
        if response:
            return response
    else:
        last = request.session.get(LAST_RECEPTION_DATE)
        form = ReceptionForm(
            instance=reception, user=request.user, initial={"date": last or timezone.localdate()}
        )
    return render_portal(
        request,
        "portal/center/reception_form.html",
        {"form": form, "reception": None, "section": "receptions"},
    )


@center_required
@GET_POST
def center_reception_edit(request, pk):
    reception = scoped_or_404(request, Reception.objects.all(), pk)
    was = reception.date
    if request.method == "POST":
        form, response = _save_reception(request, reception, was=was)
        if response:
            return response
    else:
        form = ReceptionForm(instance=reception, user=request.user)
    return render_portal(
        request,
        "portal/center/reception_form.html",
        {"form": form, "reception": reception, "was": was, "section": "receptions"},
    )


@center_required
@GET_POST
def center_reception_delete(request, pk):
    reception = scoped_or_404(request, Reception.objects.all(), pk)
    error = None
    if request.method == "POST":
        try:
            services.delete_reception(reception=reception, user=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, f"Прием {reception.date:%d.%m.%Y} удален.")
            return redirect(_reception_back(reception))
    topic = f", тема «{reception.topic}»" if reception.topic else ""
    return render_portal(
        request,
        "portal/center/confirm_delete.html",
        {
            "title": "Удалить прием?",
            "what": f"Прием {reception.date:%d.%m.%Y}{topic}: "
            f"обратилось граждан — {reception.visitors}.",
            "back": reverse("portal:center_reception_edit", args=[reception.pk]),
            "error": error,
            "confirm": "Удалить",
            "section": "receptions",
        },
    )


# Clubs -----------------------------------------------------------------------


def _club_back(year: int) -> str:
    return reverse("portal:center_clubs") + f"?year={year}"


@center_required
@require_safe
def center_clubs(request):
    today = timezone.localdate()
    year = _year(request, today)
    clubs = list(selectors.clubs_of_year(request.user, year))
    return render_portal(
        request,
        "portal/center/clubs.html",
        {
            "organiser": owner_of(request.user),
            "year": year,
            "previous_year": year - 1 if year > selectors.FIRST_YEAR else None,
            "next_year": year + 1 if year < today.year else None,
            "clubs": clubs,
            "members": sum(c.year_members for c in clubs),
            "section": "clubs",
        },
    )


def _club_years(club: Club, year: int) -> list[int]:
    """The years beside `year` in which the club worked, up to this one."""
    if club.pk is None:
        return []
    first = club.founded.year
    last = min(club.closed.year if club.closed else 9999, timezone.localdate().year)
    return [y for y in (year - 1, year + 1) if first <= y <= last]


def _club_page(request, club: Club, year: int, initial: dict):
    """The club's form for `year`: saved through the service (a redirect)
    or shown again."""
    if request.method == "POST":
        form = ClubForm(request.POST, instance=club, user=request.user, year=year)
        if form.is_valid():
            try:
                services.save_club(
                    club=form.instance, year=year, members=form.cleaned_data["year_members"]
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, f"Кружок «{club.name}» сохранен.")
                return redirect(_club_back(year))
    else:
        form = ClubForm(instance=club, user=request.user, year=year, initial=initial)
    return render_portal(
        request,
        "portal/center/club_form.html",
        {
            "form": form,
            "club": club if club.pk else None,
            "year": year,
            "other_years": _club_years(club, year),
            "section": "clubs",
        },
    )


@center_required
@GET_POST
def center_club_add(request):
    today = timezone.localdate()
    year = _year(request, today)
    initial = {"founded": first_of_year_or_today(year, today)}
    return _club_page(request, _new(request.user, Club), year, initial)


@center_required
@GET_POST
def center_club_edit(request, pk):
    today = timezone.localdate()
    club = scoped_or_404(request, Club.objects.all(), pk)
    year = selectors.parse_year(request.GET.get("year"), today) or (
        club.closed.year if club.closed else today.year
    )
    entered = ClubYear.objects.filter(club=club, year=year).values_list("members", flat=True)
    initial = {"year_members": next(iter(entered), club.members)}
    return _club_page(request, club, year, initial)


@center_required
@GET_POST
def center_club_close(request, pk):
    today = timezone.localdate()
    club = scoped_or_404(request, Club.objects.filter(closed__isnull=True), pk)
    if request.method == "POST":
        form = ClubCloseForm(request.POST, instance=club)
        if form.is_valid():
            form.save()
            messages.success(request, f"Кружок «{club.name}» закрыт с {club.closed:%d.%m.%Y}.")
            return redirect(_club_back(club.closed.year))
    else:
        form = ClubCloseForm(instance=club, initial={"closed": today})
    return render_portal(
        request,
        "portal/center/club_close.html",
        {"form": form, "club": club, "section": "clubs"},
    )


# Rental stock ----------------------------------------------------------------


@center_required
@require_safe
def center_rental(request):
    items = scope_queryset(request.user, RentalItem.objects.all()).order_by("item")
    return render_portal(
        request,
        "portal/center/rental.html",
        {"organiser": owner_of(request.user), "items": items, "section": "rental"},
    )


def _rental_form(request, item: RentalItem, template_item):
    if request.method == "POST":
        form = RentalItemForm(request.POST, instance=item, user=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, f"«{item.item}»: {item.quantity} шт. сохранено.")
            return redirect("portal:center_rental")
    else:
        form = RentalItemForm(instance=item, user=request.user)
    return render_portal(
        request,
        "portal/center/rental_form.html",
        {"form": form, "item": template_item, "section": "rental"},
    )


@center_required
@GET_POST
def center_rental_add(request):
    return _rental_form(request, _new(request.user, RentalItem, quantity=1), None)


@center_required
@GET_POST
def center_rental_edit(request, pk):
    item = scoped_or_404(request, RentalItem.objects.all(), pk)
    return _rental_form(request, item, item)


@center_required
@GET_POST
def center_rental_delete(request, pk):
    item = scoped_or_404(request, RentalItem.objects.all(), pk)
    if request.method == "POST":
        item.delete()
        messages.success(request, f"«{item.item}» убран из пункта проката.")
        return redirect("portal:center_rental")
    return render_portal(
        request,
        "portal/center/confirm_delete.html",
        {
            "title": "Убрать инвентарь?",
            "what": f"«{item.item}», {item.quantity} шт., больше не будет в пункте проката.",
            "back": reverse("portal:center_rental_edit", args=[item.pk]),
            "error": None,
            "confirm": "Убрать",
            "section": "rental",
        },
    )
