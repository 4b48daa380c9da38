from django.contrib import admin

from committees.admin_filters import territory_filter
from core.admin_base import RegistryAdmin, ScopedInline
from core.admin_filters import (
    MONTHS,
    ActiveInYearFilter,
    LifespanColumn,
    ScopedRelatedFilter,
    month_filter,
    year_filter,
)
from core.models import related_count

from .models import Center, Club, ClubYear, PreventionRecord, Reception, RentalItem
from .resources import ClubResource, PreventionRecordResource, ReceptionResource


class ClubInline(ScopedInline):
    model = Club
    fields = ["name", "direction", "members", "online", "founded", "closed"]
    ordering = ["name"]


class ClubYearInline(ScopedInline):
    model = ClubYear
    fields = ["year", "members"]
    ordering = ["-year"]
    show_change_link = False


class RentalItemInline(ScopedInline):
    model = RentalItem
    fields = ["item", "quantity"]
    ordering = ["item"]
    show_change_link = False


class CenterColumnsMixin:
    @admin.display(description="территория", ordering="center__territory__order")
    def territory(self, obj):
        return obj.center.territory


@admin.register(Center)
class CenterAdmin(LifespanColumn, RegistryAdmin):
    list_display = ["name", "territory", "address", "head_name", "phone", "clubs_count",
                    "period"]
    list_filter = [territory_filter("territory"), ActiveInYearFilter]
    search_fields = ["name", "address", "head_name"]
    list_select_related = ["territory"]
    ordering = ["name"]
    fieldsets = [
        (None, {"fields": ["name", "territory", "address"]}),
        ("Руководитель", {"fields": ["head_name", "phone"]}),
        ("Срок деятельности", {"fields": ["founded", "closed"]}),
    ]
    inlines = [ClubInline, RentalItemInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.annotate(clubs_total=related_count(Club, "center"))

    @admin.display(description="кружков и клубов", ordering="clubs_total")
    def clubs_count(self, obj):
        return obj.clubs_total


@admin.register(Club)
class ClubAdmin(LifespanColumn, CenterColumnsMixin, RegistryAdmin):
    resource_classes = [ClubResource]
    list_display = ["name", "center", "territory", "direction", "members", "online",
                    "period"]
    list_filter = [territory_filter("center__territory"), ("center", ScopedRelatedFilter),
                   ActiveInYearFilter, "online"]
    search_fields = ["name", "direction", "center__name"]
    list_select_related = ["center__territory"]
    autocomplete_fields = ["center"]
    ordering = ["center__name", "name"]
    inlines = [ClubYearInline]


@admin.register(Reception)
class ReceptionAdmin(CenterColumnsMixin, RegistryAdmin):
    resource_classes = [ReceptionResource]
    list_display = ["date", "center", "territory", "topic", "visitors"]
    list_filter = [territory_filter("center__territory"), ("center", ScopedRelatedFilter),
                   year_filter("date"), month_filter("date")]
    search_fields = ["center__name", "topic"]
    list_select_related = ["center__territory"]
    autocomplete_fields = ["center"]
    date_hierarchy = "date"
    ordering = ["-date", "center__name"]


@admin.register(PreventionRecord)
class PreventionRecordAdmin(CenterColumnsMixin, RegistryAdmin):
    resource_classes = [PreventionRecordResource]
    list_display = ["month_display", "center", "territory", "kind", "count"]
    list_display_links = ["month_display", "kind"]
    list_filter = ["kind", territory_filter("center__territory"),
                   ("center", ScopedRelatedFilter), year_filter("month"),
                   month_filter("month")]
    search_fields = ["center__name"]
    list_select_related = ["center__territory"]
    autocomplete_fields = ["center"]
    ordering = ["-month", "center__name", "kind"]

    @admin.display(description="месяц", ordering="month")
    def month_display(self, obj):
        return f"{MONTHS[obj.month.month - 1]} {obj.month.year}"


@admin.register(RentalItem)
class RentalItemAdmin(CenterColumnsMixin, RegistryAdmin):
    list_display = ["item", "quantity", "center", "territory"]
    list_filter = [territory_filter("center__territory"), ("center", ScopedRelatedFilter)]
    search_fields = ["item", "center__name"]
    list_select_related = ["center__territory"]
    autocomplete_fields = ["center"]
    ordering = ["center__name", "item"]
