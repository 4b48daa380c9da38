from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.utils.html import format_html

from committees.admin_filters import territory_filter
from core.admin_base import RegistryAdmin, ScopedInline, ScopedMixin
from core.admin_base.grammar import GrammarMixin
from core.admin_filters import (
    ScopedRelatedFilter,
    month_filter,
    year_filter,
)
from core.models import related_count

from .models import EDIT_CONFLICT_MESSAGE, BookletProposal, Campaign, Event, EventPhoto
from .resources import EventResource


@admin.register(Campaign)
class CampaignAdmin(RegistryAdmin):
    list_display = ["name", "events_count"]
    search_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.annotate(events_total=related_count(Event, "campaign"))

    @admin.display(description="мероприятий", ordering="events_total")
    def events_count(self, obj):
        return obj.events_total


class EventPhotoInline(ScopedInline):
    model = EventPhoto
    # "Добавить еще один снимок": Django's phrase needs a masculine noun.
    verbose_name = "снимок"
    verbose_name_plural = "фото мероприятия"
    fields = ["preview", "image", "caption", "booklet_state"]
    # Proposals are decided in their own queue (BookletProposalAdmin).
    readonly_fields = ["preview", "booklet_state"]
    show_change_link = False

    @admin.display(description="")
    def preview(self, obj):
        if not obj.image:
            return ""
        return format_html(
            '<img src="{}" alt="" style="max-height:80px;max-width:120px">', obj.image.url
        )


class OrganiserFilter(admin.SimpleListFilter):
    title = "организатор"
    parameter_name = "organiser"

    def lookups(self, request, model_admin):
        return [
            ("committee", "Окружные комитеты ТОС"),
            ("center", "Центры по работе с населением"),
            ("city", "Администрация города"),
        ]

    def queryset(self, request, queryset):
        return {
            "committee": queryset.by_committees,
            "center": queryset.by_centers,
            "city": queryset.by_city,
        }.get(self.value(), queryset.all)()


class EventAdminForm(forms.ModelForm):
    """Carries the version the user opened, so that a save over someone
    else's newer save is refused instead of overwriting it."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The portal's question (Event.clean, portal.forms.EventForm): a count
    # above settings.EVENT_PARTICIPANTS_CONFIRM is saved once confirmed.
    confirm_participants = forms.BooleanField(
        label="Да, число верное", required=False,
        help_text="Отметьте, если участников действительно так много: большое число "
        "сохраняется только с этой отметкой.",
    )

    class Meta:
        model = Event
        fields = [  # the admin narrows these by its fieldsets and the user's role
            "date", "title", "kind", "campaign", "participants", "committee", "tos_body",
            "center", "by_city", "is_youth", "is_at_risk", "place", "description",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # From the table, not the instance: the history's restore form
            # shows an old version's instance, but is saved over the current.
            self.initial["opened_version"] = (
                Event.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            )

    def _post_clean(self):
        self.instance.participants_confirmed = bool(
            self.cleaned_data.get("confirm_participants")
        )
        super()._post_clean()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # The admin's change view runs in a transaction: the row stays
            # locked until this save commits, so of two concurrent saves of
            # the same version the second sees the first's new version.
            rows = Event.objects.filter(pk=self.instance.pk)
            if transaction.get_connection().in_atomic_block:
                # Not so in simple-history's restore view, which has no
                # transaction of its own.
                rows = rows.select_for_update()
            current = rows.values_list("version", flat=True).first()
            if current is not None and cleaned.get("opened_version") != current:
                raise ValidationError(EDIT_CONFLICT_MESSAGE, code="edit_conflict")
            self.instance.version = (current or 0) + 1
        return cleaned


@admin.register(Event)
class EventAdmin(RegistryAdmin):
    form = EventAdminForm
    resource_classes = [EventResource]
    list_display = ["date_display", "title", "kind", "organiser_name", "territory_name",
                    "campaign", "participants", "marks"]
    list_display_links = ["date_display", "title"]
    list_filter = [
        OrganiserFilter,
        "kind",
        territory_filter("territory"),
        ("committee", ScopedRelatedFilter),
        ("center", ScopedRelatedFilter),
        year_filter("date"),
        month_filter("date"),
        "campaign",
        "is_youth",
        "is_at_risk",
    ]
    # Not the description nor the organisers' names: scanning every text of
    # a million events took seconds; organisers have their own filters.
    search_fields = ["title", "place", "tos_body__name", "tos_body__address"]
    list_select_related = ["committee", "center", "territory", "tos_body", "campaign"]
    autocomplete_fields = ["committee", "tos_body", "center", "campaign"]
    date_hierarchy = "date"
    ordering = ["-date", "-pk"]
    empty_value_display = "—"
    inlines = [EventPhotoInline]
    readonly_fields = ["created", "updated"]
    fieldsets = [
        (None, {"fields": ["date", "title", "kind", "campaign", "participants",
                           "confirm_participants", "opened_version"]}),
        ("Организатор", {
            "fields": ["committee", "tos_body", "center", "by_city"],
            "description": "Ровно один организатор: окружной комитет (и, если провел "
                           "орган ТОС, сам орган), центр или администрация города.",
        }),
        # «Яркий момент года» is no longer ticked here: photos go to the
        # booklet by proposal and approval (BookletProposalAdmin); the ticks
        # made before became approvals (migration 0008).
        ("Отметки", {"fields": ["is_youth", "is_at_risk"]}),
        ("Подробности", {"fields": ["place", "description"]}),
        ("Служебное", {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    @admin.display(description="организатор")
    def organiser_name(self, obj):
        return obj.organiser

    @admin.display(description="территория")
    def territory_name(self, obj):
        return obj.territory or "—"

    @admin.display(description="дата", ordering="date")
    def date_display(self, obj):
        return f"{obj.date:%d.%m.%Y}"

    @admin.display(description="отметки")
    def marks(self, obj):
        marks = [
            label
            for flag, label in [
                (obj.is_youth, "молодежное"),
                (obj.is_at_risk, "«группа риска»"),
            ]
            if flag
        ]
        return ", ".join(marks) or "—"


class BookletStateFilter(admin.SimpleListFilter):
    """The queue opens on what waits for a decision."""

    title = "в буклет"
    parameter_name = "booklet"

    def lookups(self, request, model_admin):
        return [(value, label) for value, label in EventPhoto.Booklet.choices
                if value != EventPhoto.Booklet.NONE]

    def queryset(self, request, queryset):
        return queryset.filter(booklet_state=self.value()) if self.value() else queryset


@admin.register(BookletProposal)
class BookletProposalAdmin(GrammarMixin, ScopedMixin, admin.ModelAdmin):
    """The one queue of photos proposed for the booklet: staff edit the
    caption and the order in the list and approve or reject many at once,
    instead of ticking events one by one. Chairs and centers read their own
    proposals here (core.access); only staff decide. Not a RegistryAdmin:
    a proxy has no history table of its own (the photo's history is kept,
    EventPhoto.history), and the queue is neither imported nor exported."""

    show_full_result_count = False

    list_display = ["preview", "booklet_state", "event_name", "organiser_name",
                    "booklet_caption", "booklet_order", "proposed_by", "proposed_at"]
    list_display_links = ["preview"]
    list_editable = ["booklet_caption", "booklet_order"]
    list_filter = [BookletStateFilter, territory_filter("event__territory"),
                   year_filter("event__date")]
    search_fields = ["booklet_caption", "event__title"]
    list_select_related = ["event__committee", "event__tos_body", "event__center",
                           "proposed_by"]
    actions = ["approve", "reject"]
    fields = ["preview", "event", "booklet_state", "booklet_caption", "booklet_order",
              "proposed_by", "proposed_at", "decided_by", "decided_at"]
    readonly_fields = ["preview", "event", "booklet_state", "proposed_by", "proposed_at",
                       "decided_by", "decided_at"]
    empty_value_display = "—"

    def get_queryset(self, request):
        waiting = Case(When(booklet_state=EventPhoto.Booklet.PROPOSED, then=Value(0)),
                       default=Value(1), output_field=IntegerField())
        return (
            super().get_queryset(request)
            .exclude(booklet_state=EventPhoto.Booklet.NONE)
            .annotate(waiting=waiting)
            .order_by("waiting", "booklet_order", "-event__date", "pk")
        )

    def has_add_permission(self, request, *args):
        return False  # a proposal comes from a photo of an event

    def changelist_view(self, request, extra_context=None):
        title = ("Фото для буклета: одобрите, поправьте подпись и порядок"
                 if self.has_change_permission(request) else "Фото, предложенные в буклет")
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # As RegistryAdmin: a row outside the scope is not found, never
        # "may have been deleted", which would confirm it exists.
        raise Http404(f"{opts.verbose_name}: запись не найдена.")

    def has_delete_permission(self, request, obj=None):
        return False  # a photo is deleted with its event, or in the event's card

    @admin.display(description="фото")
    def preview(self, obj):
        if not obj.image:
            return ""
        # The inline's style, the one the Content-Security-Policy allows by
        # its hash (kemerovo_tos/settings.py).
        return format_html(
            '<img src="{}" alt="Фото: {}" loading="lazy" '
            'style="max-height:80px;max-width:120px">', obj.image.url, obj.event.title,
        )

    @admin.display(description="мероприятие", ordering="event__date")
    def event_name(self, obj):
        return str(obj.event)

    @admin.display(description="организатор")
    def organiser_name(self, obj):
        return obj.event.organiser

    def _decide(self, request, queryset, state):
        photos = list(queryset.select_related(None))
        done = EventPhoto.decide_all(photos, state, by=request.user)
        verb = "Одобрено" if state == EventPhoto.Booklet.APPROVED else "Отклонено"
        self.message_user(request, f"{verb} для буклета: {done} фото.", messages.SUCCESS)

    @admin.action(description="Одобрить для буклета", permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, EventPhoto.Booklet.APPROVED)

    @admin.action(description="Отклонить", permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, EventPhoto.Booklet.REJECTED)
