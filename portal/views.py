"""The portal's front door, login and home, and the chair's contest
application. Who may open which page: portal/access.py."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone

from contests.forms import ApplicationForm
from contests.services import submit_application
from core.scoping import get_scope, may_read_report, owner_of, scope_queryset
from events.models import Event

from . import center_views, selectors
from .access import ENTRY_ROLES, access_required, enters_events, render_portal, role_required
from .forms import PortalLoginForm


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


@access_required(lambda user: enters_events(user) or may_read_report(user))
def home(request):
    if get_scope(request.user).role == "center":
        return center_views.center_home(request)
    if may_read_report(request.user):
        return redirect("portal:board")
    today = timezone.localdate()
    year, years = selectors.home_years(request.user, today, request.GET.get("year"))
    events = scope_queryset(
        request.user, Event.objects.filter(date__year=year, date__lte=today)
    ).select_related("tos_body", "campaign")
    return render_portal(
        request,
        "portal/home.html",
        {
            "organiser": owner_of(request.user),
            "today": today,
            "year": year,
            "years": years,
            "past_year": year < today.year,
            "totals": selectors.year_so_far(request.user, today, year),
            "latest": events[:5],
        },
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
                return redirect("portal:my_applications")
    else:
        form = ApplicationForm(user=request.user)
    return render_portal(
        request, "portal/application_form.html", {"form": form, "section": "apply"}
    )
