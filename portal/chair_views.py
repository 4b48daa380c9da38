"""The portal's chair pages: the committee's TOS bodies, their activists
and consents, and «Мои заявки». Rows are read through core.scoping only
(another committee's row is a 404); writes go through
committees.services, which full_clean() before saving."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from committees import services as registry
from committees.models import Activist, Consent, TosBody
from contests.models import Application
from core.personal_data import log_access
from core.scoping import owner_of, scope_queryset
from core.search import search

from . import chair_forms
from .access import render_portal, role_required, scoped_or_404

PER_PAGE = 25
BODY_SEARCH = ["name", "address"]
ACTIVIST_SEARCH = ["full_name", "tos_body__address", "tos_body__name"]

chair_required = role_required("chair")


def _searched(queryset, fields, term):
    found = search(queryset, fields, term) if term else queryset
    return queryset if found is None else found


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _query_string(form) -> str:
    """The search as a query string, for the pager's links."""
    if not form.is_valid():
        return ""
    return urlencode({k: v for k, v in form.cleaned_data.items() if v})


def _members_now():
    """The number of a body's activists who are members today, as a scalar
    subquery computed for the page's rows only."""
    rows = (
        Activist.objects.active_on(timezone.localdate())
        .filter(tos_body=OuterRef("pk"))
        .order_by()
        .values("tos_body")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _bodies(user):
    return scope_queryset(user, TosBody.objects.all())


def _activists(user):
    return scope_queryset(user, Activist.objects.all())


def _save_errors(form, error: ValidationError) -> None:
    """A model's own rule refused the write: each message at its field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# TOS bodies -------------------------------------------------------------


@chair_required
def body_list(request):
    form = chair_forms.SearchForm(request.GET)
    term = form.cleaned_data["q"] if form.is_valid() else ""
    show_closed = form.is_valid() and form.cleaned_data["closed"]
    bodies = _bodies(request.user)
    if not show_closed:
        bodies = bodies.active_on(timezone.localdate())
    bodies = _searched(bodies, BODY_SEARCH, term).annotate(
        people=_members_now()
    ).order_by("address", "pk")
    return render_portal(
        request,
        "portal/chair/body_list.html",
        {
            "section": "bodies",
            "organiser": owner_of(request.user),
            "form": form,
            "term": term,
            "page": _page(request, bodies),
            "query": _query_string(form),
        },
    )


@chair_required
def body_add(request):
    committee = owner_of(request.user)
    form = chair_forms.TosBodyForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        body = form.save()
        messages.success(request, f"{body} добавлен.")
        return redirect("portal:body_detail", pk=body.pk)
    return render_portal(
        request, "portal/chair/body_form.html", {"section": "bodies", "form": form, "body": None}
    )


@chair_required
def body_detail(request, pk):
    body = scoped_or_404(request, TosBody.objects.select_related("committee"), pk)
    form = chair_forms.TosBodyForm(
        request.POST or None, instance=body, committee=body.committee
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Изменения в «{body}» сохранены.")
        return redirect("portal:body_detail", pk=body.pk)
    people = body.activists.order_by("closed", "full_name")
    return render_portal(
        request,
        "portal/chair/body_form.html",
        {"section": "bodies", "form": form, "body": body, "people": list(people[:200])},
    )


@chair_required
def body_close(request, pk):
    body = scoped_or_404(request, TosBody.objects.all(), pk)
    form = chair_forms.CloseForm(
        request.POST or None, founded=body.founded, label="Дата прекращения деятельности"
    )
    if body.closed:
        messages.error(request, f"{body} уже прекратил деятельность {body.closed:%d.%m.%Y}.")
        return redirect("portal:body_detail", pk=body.pk)
    if request.method == "POST" and form.is_valid():
        try:
            ended = registry.close_tos_body(
                body=body, day=form.cleaned_data["day"], user=request.user
            )
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(
                request,
                f"{body} прекратил деятельность {body.closed:%d.%m.%Y}. "
                f"Участие завершено у активистов: {ended}.",
            )
            return redirect("portal:body_list")
    active = body.activists.filter(Q(closed__isnull=True) | Q(closed__gt=timezone.localdate()))
    return render_portal(
        request,
        "portal/chair/close_form.html",
        {
            "section": "bodies",
            "form": form,
            "title": "Прекратить деятельность",
            "subject": str(body),
            "warning": active.count(),
            "back": reverse("portal:body_detail", args=[body.pk]),
        },
    )


# Activists --------------------------------------------------------------


@chair_required
def activist_list(request):
    form = chair_forms.SearchForm(request.GET)
    term = form.cleaned_data["q"] if form.is_valid() else ""
    show_closed = form.is_valid() and form.cleaned_data["closed"]
    people = _activists(request.user)
    if not show_closed:
        people = people.active_on(timezone.localdate())
    withdrawn = Consent.objects.filter(activist=OuterRef("pk"), withdrawn__isnull=False)
    people = (
        _searched(people, ACTIVIST_SEARCH, term)
        .select_related("tos_body")
        .annotate(withdrew=Exists(withdrawn))
        .order_by("full_name", "pk")
    )
    return render_portal(
        request,
        "portal/chair/activist_list.html",
        {
            "section": "activists",
            "organiser": owner_of(request.user),
            "form": form,
            "term": term,
            "page": _page(request, people),
            "query": _query_string(form),
        },
    )


@chair_required
def activist_add(request):
    initial = {}
    body_id = request.GET.get("body", "")
    if body_id.isdigit() and _bodies(request.user).filter(pk=body_id).exists():
        initial["tos_body"] = int(body_id)
    form = chair_forms.ActivistForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        activist = form.save()
        messages.success(
            request, f"{activist} добавлен(а). Внесите согласие на обработку персональных данных."
        )
        return redirect("portal:consent_add", pk=activist.pk)
    return render_portal(
        request,
        "portal/chair/activist_form.html",
        {"section": "activists", "form": form, "activist": None},
    )


@chair_required
def activist_detail(request, pk):
    activist = scoped_or_404(request, Activist.objects.select_related("tos_body"), pk)
    moved_from = activist.tos_body
    form = chair_forms.ActivistForm(request.POST or None, instance=activist, user=request.user)
    if request.method == "POST" and form.is_valid():
        activist = form.save()
        if activist.tos_body_id != moved_from.pk:
            messages.success(request, f"{activist} переведен(а) в «{activist.tos_body}».")
        else:
            messages.success(request, f"Изменения у «{activist}» сохранены.")
        return redirect("portal:activist_detail", pk=activist.pk)
    # The card shows the phone, e-mail and birth date: one entry per page
    # shown (a saved form redirects here and is logged by that view).
    log_access(request, "card", Activist, [activist.pk])
    return render_portal(
        request,
        "portal/chair/activist_form.html",
        {
            "section": "activists",
            "form": form,
            "activist": activist,
            "consents": list(activist.consents.all()),
        },
    )


@chair_required
def activist_end(request, pk):
    activist = scoped_or_404(request, Activist.objects.all(), pk)
    if activist.closed:
        messages.error(request, f"Участие «{activist}» уже завершено {activist.closed:%d.%m.%Y}.")
        return redirect("portal:activist_detail", pk=activist.pk)
    form = chair_forms.CloseForm(
        request.POST or None, founded=activist.founded, label="Дата окончания участия"
    )
    if request.method == "POST" and form.is_valid():
        try:
            registry.end_activist(
                activist=activist, day=form.cleaned_data["day"], user=request.user
            )
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(
                request, f"Участие «{activist}» завершено {activist.closed:%d.%m.%Y}."
            )
            return redirect("portal:activist_list")
    return render_portal(
        request,
        "portal/chair/close_form.html",
        {
            "section": "activists",
            "form": form,
            "title": "Завершить участие",
            "subject": str(activist),
            "warning": None,
            "back": reverse("portal:activist_detail", args=[activist.pk]),
        },
    )


# Consents ---------------------------------------------------------------


@chair_required
def consent_add(request, pk):
    activist = scoped_or_404(request, Activist.objects.all(), pk)
    form = chair_forms.ConsentForm(request.POST or None, request.FILES or None, activist=activist)
    if request.method == "POST" and form.is_valid():
        try:
            consent = registry.record_consent(consent=form.instance, user=request.user)
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(
                request,
                f"Согласие «{consent.get_purpose_display()}» от {consent.given:%d.%m.%Y} внесено.",
            )
            return redirect("portal:activist_detail", pk=activist.pk)
    return render_portal(
        request,
        "portal/chair/consent_form.html",
        {"section": "activists", "form": form, "activist": activist},
    )


@chair_required
def consent_withdraw(request, pk):
    consent = scoped_or_404(request, Consent.objects.select_related("activist"), pk)
    form = chair_forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registry.withdraw_consent(
                consent=consent, day=form.cleaned_data["day"], user=request.user
            )
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(
                request,
                f"Отзыв согласия «{consent.get_purpose_display()}» записан. "
                "Администрация удалит персональные данные.",
            )
            return redirect("portal:activist_detail", pk=consent.activist_id)
    return render_portal(
        request,
        "portal/chair/withdraw_form.html",
        {"section": "activists", "form": form, "consent": consent},
    )


# «Мои заявки» -----------------------------------------------------------


@chair_required
def my_applications(request):
    applications = (
        scope_queryset(request.user, Application.objects.all())
        .select_related("edition__contest", "nomination", "tos_body", "result")
        .order_by("-submitted", "-pk")
    )
    return render_portal(
        request,
        "portal/chair/applications.html",
        {"section": "applications", "page": _page(request, applications)},
    )
