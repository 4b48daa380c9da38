from django.contrib import admin

from accounts.admin_base import RegistryAdmin, ScopedInline
from kemerovo_tos.admin_filters import month_filter, territory_filter, year_filter

from .models import Campaign, Event, EventPhoto


@admin.register(Campaign)
class CampaignAdmin(RegistryAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    ordering = ["name"]


class EventPhotoInline(ScopedInline):
    model = EventPhoto
    fields = ["image", "caption"]
    show_change_link = False


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


@admin.register(Event)
class EventAdmin(RegistryAdmin):
    list_display = ["date", "title", "kind", "organiser_name", "territory_name", "campaign",
                    "participants", "is_youth", "is_at_risk"]
    list_display_links = ["date", "title"]
    list_filter = [OrganiserFilter, "kind", territory_filter("committee__territory",
                   "center__territory"), year_filter("date"), month_filter("date"),
                   "is_youth", "is_at_risk", "is_highlight", "campaign"]
    search_fields = ["title", "description", "place", "committee__name", "center__name",
                     "tos_body__name", "tos_body__address"]
    list_select_related = ["committee__territory", "center__territory", "tos_body",
                           "campaign"]
    autocomplete_fields = ["committee", "tos_body", "center", "campaign"]
    date_hierarchy = "date"
    ordering = ["-date", "-pk"]
    inlines = [EventPhotoInline]
    fieldsets = [
        (None, {"fields": ["date", "title", "kind", "campaign", "participants"]}),
        ("Организатор", {"fields": ["committee", "tos_body", "center", "by_city"]}),
        ("Отметки", {"fields": ["is_youth", "is_at_risk", "is_highlight"]}),
        ("Подробности", {"fields": ["place", "description"]}),
    ]

    @admin.display(description="организатор")
    def organiser_name(self, obj):
        return obj.organiser

    @admin.display(description="территория")
    def territory_name(self, obj):
        return obj.territory or "—"
