"""The portal's event pages: a chair's or a center's own events."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils import timezone

from core.periods import closed_reason, period_of
from core.scoping import owner_of, scope_queryset
from events.models import Event

from . import services
from .access import ENTRY_ROLES, render_portal, role_required, scoped_or_404
from .forms import EventForm

LAST_CHOICES = "portal_last_event_choices"
# Kept from one event to the next while a batch is entered: the date too,
# since a month's events are usually entered after the month.
REMEMBERED = ("date", "kind", "campaign", "tos_body")
ANOTHER = "another"  # the «Внести и добавить еще» button


@role_required(*ENTRY_ROLES)
def event_list(request):
    events = (
        scope_queryset(request.user, Event.objects.all())
        .select_related("tos_body", "campaign")
        .annotate(
            photo_count=Count("photos"),
            booklet_count=Count("photos", filter=~Q(photos__booklet_state="none")),
        )
        .order_by("-date", "-pk")
    )
    page = Paginator(events, 20).get_page(request.GET.get("page"))
    return render_portal(
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
                    user=request.user, event=form.instance, photos=form.cleaned_data["photos"],
                    booklet=form.booklet,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                request.session[LAST_CHOICES] = {
                    name: form.data.get(name, "") for name in REMEMBERED
                }
                messages.success(request, f"Мероприятие «{event.title}» сохранено.")
                return redirect("portal:event_add" if ANOTHER in request.POST else "portal:home")
    else:
        last = request.session.get(LAST_CHOICES, {})
        initial = {"date": timezone.localdate(), **{k: v for k, v in last.items() if v}}
        form = EventForm(instance=event, user=request.user, initial=initial)
    return render_portal(
        request, "portal/event_form.html", {"form": form, "event": None, "another": ANOTHER}
    )


def _closed(event) -> str | None:
    """Why the event's month takes no changes from its chair or center."""
    return closed_reason(*period_of(event))


@role_required(*ENTRY_ROLES)
def event_edit(request, pk):
    event = scoped_or_404(request, Event.objects.all(), pk)
    photos = list(event.photos.all())
    if request.method == "POST":
        form = EventForm(request.POST, request.FILES, instance=event, user=request.user,
                         photos=photos)
        if form.is_valid():
            try:
                services.update_event(
                    user=request.user,
                    event=form.instance,
                    expected_version=form.cleaned_data["version"] or 0,
                    photos=form.cleaned_data["photos"],
                    booklet=form.booklet,
                )
            except services.EditConflict as conflict:
                form.add_error(None, str(conflict))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Изменения в «{event.title}» сохранены.")
                return redirect("portal:event_list")
    else:
        form = EventForm(instance=event, user=request.user, photos=photos)
    return render_portal(
        request,
        "portal/event_form.html",
        {"form": form, "event": event, "photos": photos, "closed": _closed(event)},
    )


@role_required(*ENTRY_ROLES)
def event_delete(request, pk):
    """A confirmation page, then the deletion; refused in a submitted month."""
    events = Event.objects.select_related("committee", "center")
    event = scoped_or_404(request, events.annotate(photo_count=Count("photos")), pk)
    closed = _closed(event)
    if request.method == "POST" and not closed:
        try:
            services.delete_event(user=request.user, event=event)
        except ValidationError as error:
            closed = " ".join(error.messages)
        else:
            messages.success(request, f"Мероприятие «{event.title}» удалено.")
            return redirect("portal:event_list")
    if request.method == "POST":
        messages.error(request, closed)
    return render_portal(
        request, "portal/event_delete.html", {"event": event, "closed": closed}
    )
