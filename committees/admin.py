from django.contrib import admin
from django.db.models import Count

from accounts.admin_base import RegistryAdmin, ScopedInline
from kemerovo_tos.admin_filters import ActiveInYearFilter, territory_filter

from .models import Activist, DistrictCommittee, Territory, TosBody


@admin.register(Territory)
class TerritoryAdmin(RegistryAdmin):
    list_display = ["name", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["order", "name"]


class TosBodyInline(ScopedInline):
    model = TosBody
    fields = ["kind", "name", "address", "founded", "closed"]
    # A committee has up to a few hundred bodies: show them, edit them in
    # their own page.
    readonly_fields = fields
    can_delete = False
    max_num = 0
    ordering = ["kind", "address"]


@admin.register(DistrictCommittee)
class DistrictCommitteeAdmin(RegistryAdmin):
    list_display = ["number", "name", "territory", "chair_name", "bodies_count", "founded",
                    "closed"]
    list_display_links = ["number", "name"]
    list_filter = ["territory", ActiveInYearFilter]
    search_fields = ["name", "chair_name", "=number"]
    list_select_related = ["territory"]
    ordering = ["number"]
    inlines = [TosBodyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(bodies_total=Count("bodies"))

    @admin.display(description="органов ТОС", ordering="bodies_total")
    def bodies_count(self, obj):
        return obj.bodies_total


@admin.register(TosBody)
class TosBodyAdmin(RegistryAdmin):
    list_display = ["__str__", "kind", "address", "committee", "territory", "founded"]
    list_filter = ["kind", territory_filter("committee__territory"), ActiveInYearFilter,
                   "committee"]
    search_fields = ["name", "address", "committee__name"]
    list_select_related = ["committee__territory"]
    autocomplete_fields = ["committee"]
    ordering = ["committee__number", "address"]

    @admin.display(description="территория", ordering="committee__territory__name")
    def territory(self, obj):
        return obj.committee.territory


@admin.register(Activist)
class ActivistAdmin(RegistryAdmin):
    list_display = ["full_name", "role", "tos_body", "committee", "founded", "closed"]
    list_filter = ["role", territory_filter("tos_body__committee__territory"),
                   ActiveInYearFilter]
    search_fields = ["full_name", "tos_body__address", "tos_body__name"]
    list_select_related = ["tos_body__committee"]
    autocomplete_fields = ["tos_body"]
    ordering = ["full_name"]

    @admin.display(description="окружной комитет", ordering="tos_body__committee__number")
    def committee(self, obj):
        return obj.tos_body.committee
