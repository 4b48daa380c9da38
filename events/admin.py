from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html

from committees.admin_filters import territory_filter
from core.admin_base import RegistryAdmin, ScopedInline
from core.admin_filters import (
    ScopedRelatedFilter,
    month_filter,
    year_filter,
)
from core.models import related_count

from .models import EDIT_CONFLICT_MESSAGE, Campaign, Event, EventPhoto
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
    fields = ["preview", "image", "caption"]
    readonly_fields = ["preview"]
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

    class Meta:
        model = Event
        fields = [  # the admin narrows these by its fieldsets and the user's role
            "date", "title", "kind", "campaign", "participants", "committee", "tos_body",
            "center", "by_city", "is_youth", "is_at_risk", "is_highlight", "place",
            "description",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # From the table, not the instance: the history's restore form
            # shows an old version's instance, but is saved over the current.
            self.initial["opened_version"] = (
                Event.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            )

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
        "is_highlight",
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
                           "opened_version"]}),
        ("Организатор", {
            "fields": ["committee", "tos_body", "center", "by_city"],
            "description": "Ровно один организатор: окружной комитет (и, если провел "
                           "орган ТОС, сам орган), центр или администрация города.",
        }),
        ("Отметки", {"fields": ["is_youth", "is_at_risk", "is_highlight"]}),
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
                (obj.is_highlight, "в буклет"),
            ]
            if flag
        ]
        return ", ".join(marks) or "—"
