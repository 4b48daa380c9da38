"""Who may open a portal page: every portal view is wrapped in one of
these, and they decide through core.scoping only, never Django's model
permissions: a chair sees their committee, center staff their center; the
board is read by whoever reads the annual report
(core.scoping.may_read_report)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from core.personal_data import log_access
from core.scoping import get_scope, may_read_report, scope_queryset

ENTRY_ROLES = ("chair", "center")


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


def enters_events(user) -> bool:
    return get_scope(user).role in ENTRY_ROLES


board_required = access_required(may_read_report)


def render_portal(request, template, context):
    context["portal_role"] = get_scope(request.user).role
    return render(request, template, context)


def scoped_or_404(request, queryset, pk):
    """The row `pk` of `queryset` as the user's scope has it, else a 404;
    a row that exists outside the scope (another committee's or center's)
    leaves a «refused» entry in the access log, as the admin's cards do
    (core/admin_base/scoped.py). Every portal page that opens one row by
    its id goes through here."""
    row = scope_queryset(request.user, queryset).filter(pk=pk).first()
    if row is None:
        model = queryset.model
        if model._base_manager.filter(pk=pk).exists():
            log_access(request, "refused", model, [pk])
        raise Http404("Запись не найдена.")
    return row
