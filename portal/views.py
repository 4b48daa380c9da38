"""Pages of the chairs' and centers' portal and the staff's board.

Access follows the user's role and core.scoping only, never Django's
model permissions: a chair sees their committee, center staff their center;
the board is read by whoever reads the annual report
(core.scoping.may_read_report).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from contests.forms import ApplicationForm
from contests.services import submit_application
from core.scoping import get_scope, may_read_report, owner_of, scope_queryset
from events.models import Event

from . import exports, selectors, services
from .forms import EventForm, PortalLoginForm

ENTRY_ROLES = ("chair", "center")
LAST_CHOICES = "portal_last_event_choices"
REMEMBERED = ("kind", "campaign", "tos_body")


def access_required(may_open):
    """Send a visitor to the portal's login; refuse a user for whom
    `may_open(user)` is false."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("portal:login"))
            if not may_open(request.user):
                raise PermissionDenied("Эта страница не для вашей роли.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def role_required(*roles):
    return access_required(lambda user: get_scope(user).role in roles)


def _enters_events(user) -> bool:
    return get_scope(user).role in ENTRY_ROLES


board_required = access_required(may_read_report)


def _render(request, template, context):
    context["portal_role"] = get_scope(request.user).role
    return render(request, template, context)


def start(request):
    """The site's front door: each role to its own pages."""
    if not request.user.is_authenticated:
        return redirect("portal:login")
    role = get_scope(request.user).role
    if role in ENTRY_ROLES:
        return redirect("portal:home")
    return redirect("admin:index")


class LoginView(auth_views.LoginView):
    template_name = "portal/login.html"
    form_class = PortalLoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    next_page = "portal:login"


@access_required(lambda user: _enters_events(user) or may_read_report(user))
def home(request):
    if may_read_report(request.user):
        return redirect("portal:board")
    today = timezone.localdate()
    events = scope_queryset(request.user, Event.objects.all()).select_related(
        "tos_body", "campaign"
    )
    return _render(
        request,
        "portal/home.html",
        {
            "organiser": owner_of(request.user),
            "today": today,
            "totals": selectors.year_so_far(request.user, today),
            "latest": events[:5],
        },
    )


@role_required(*ENTRY_ROLES)
def event_list(request):
    events = (
        scope_queryset(request.user, Event.objects.all())
        .select_related("tos_body", "campaign")
        .annotate(photo_count=Count("photos"))
        .order_by("-date", "-pk")
    )
    page = Paginator(events, 20).get_page(request.GET.get("page"))
    return _render(
        request,
        "portal/event_list.html",
        {"organiser": owner_of(request.user), "page": page},
    )


@role_required(*ENTRY_ROLES)
def event_add(request):
    event = services.new_event(request.user)
    if request.method == "POST":
        form = EventForm(request.POST, request.FILES, instance=event, user=request.user)
        if form.is_valid():
            try:
                services.create_event(
                    user=request.user, event=form.instance, photos=form.cleaned_data["photos"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                request.session[LAST_CHOICES] = {
                    name: form.data.get(name, "") for name in REMEMBERED
                }
                messages.success(request, f"Мероприятие «{event.title}» сохранено.")
                return redirect("portal:home")
    else:
        last = request.session.get(LAST_CHOICES, {})
        initial = {"date": timezone.localdate(), **{k: v for k, v in last.items() if v}}
        form = EventForm(instance=event, user=request.user, initial=initial)
    return _render(request, "portal/event_form.html", {"form": form, "event": None})


@role_required(*ENTRY_ROLES)
def event_edit(request, pk):
    event = get_object_or_404(scope_queryset(request.user, Event.objects.all()), pk=pk)
    photos = list(event.photos.all())
    if request.method == "POST":
        form = EventForm(request.POST, request.FILES, instance=event, user=request.user)
        if form.is_valid():
            try:
                services.update_event(
                    user=request.user,
                    event=form.instance,
                    expected_version=form.cleaned_data["version"] or 0,
                    photos=form.cleaned_data["photos"],
                )
            except services.EditConflict as conflict:
                form.add_error(None, str(conflict))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Изменения в «{event.title}» сохранены.")
                return redirect("portal:event_list")
    else:
        form = EventForm(instance=event, user=request.user)
    return _render(
        request, "portal/event_form.html", {"form": form, "event": event, "photos": photos}
    )


@role_required("chair")
def application_add(request):
    if request.method == "POST":
        form = ApplicationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                application = submit_application(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"Заявка №{application.pk} на конкурс {application.edition.contest} подана.",
                )
                return redirect("portal:home")
    else:
        form = ApplicationForm(user=request.user)
    return _render(request, "portal/application_form.html", {"form": form})


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
