from django.contrib import admin

from accounts.admin_base import RegistryAdmin, ScopedInline
from kemerovo_tos.admin_filters import (
    ActiveInYearFilter,
    month_filter,
    territory_filter,
    year_filter,
)

from .models import Center, Club, PreventionRecord, Reception, RentalItem


class ClubInline(ScopedInline):
    model = Club
    fields = ["name", "direction", "members", "founded", "closed"]


class RentalItemInline(ScopedInline):
    model = RentalItem
    fields = ["item", "quantity"]
    show_change_link = False


@admin.register(Center)
class CenterAdmin(RegistryAdmin):
    list_display = ["name", "territory", "address", "head_name", "phone", "founded", "closed"]
    list_filter = ["territory", ActiveInYearFilter]
    search_fields = ["name", "address", "head_name"]
    list_select_related = ["territory"]
    ordering = ["name"]
    inlines = [ClubInline, RentalItemInline]


@admin.register(Club)
class ClubAdmin(RegistryAdmin):
    list_display = ["name", "center", "territory", "direction", "members", "online"]
    list_filter = [territory_filter("center__territory"), ActiveInYearFilter, "online"]
    search_fields = ["name", "direction", "center__name"]
    list_select_related = ["center__territory"]
    autocomplete_fields = ["center"]
    ordering = ["center__name", "name"]

    @admin.display(description="территория", ordering="center__territory__name")
    def territory(self, obj):
        return obj.center.territory


@admin.register(Reception)
class ReceptionAdmin(RegistryAdmin):
    list_display = ["date", "center", "territory", "topic", "visitors"]
    list_filter = [territory_filter("center__territory"), year_filter("date"),
                   month_filter("date")]
    search_fields = ["center__name", "topic"]
    list_select_related = ["center__territory"]
    autocomplete_fields = ["center"]
    date_hierarchy = "date"
    ordering = ["-date", "center__name"]

    @admin.display(description="территория", ordering="center__territory__name")
    def territory(self, obj):
        return obj.center.territory


@admin.register(PreventionRecord)
class PreventionRecordAdmin(RegistryAdmin):
    list_display = ["month_display", "center", "territory", "kind", "count"]
    list_filter = ["kind", territory_filter("center__territory"), year_filter("month"),
                   month_filter("month")]
    search_fields = ["center__name"]
    list_select_related = ["center__territory"]
    autocomplete_fields = ["center"]
    ordering = ["-month", "center__name", "kind"]

    @admin.display(description="месяц", ordering="month")
    def month_display(self, obj):
        return f"{obj.month:%m.%Y}"

    @admin.display(description="территория", ordering="center__territory__name")
    def territory(self, obj):
        return obj.center.territory


@admin.register(RentalItem)
class RentalItemAdmin(RegistryAdmin):
    list_display = ["item", "quantity", "center", "territory"]
    list_filter = [territory_filter("center__territory")]
    search_fields = ["item", "center__name"]
    list_select_related = ["center__territory"]
    autocomplete_fields = ["center"]
    ordering = ["center__name", "item"]

    @admin.display(description="территория", ordering="center__territory__name")
    def territory(self, obj):
        return obj.center.territory
