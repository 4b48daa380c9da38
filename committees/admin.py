from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html

from core.admin_base import RegistryAdmin, ScopedInline
from core.admin_filters import (
    ActiveInYearFilter,
    LifespanColumn,
    ScopedRelatedFilter,
)
from core.models import related_count
from core.scoping import get_scope

from .admin_filters import ConsentFilter, territory_filter
from .models import Activist, Consent, DistrictCommittee, Territory, TosBody
from .resources import ActivistResource, TosBodyResource
from .services import end_memberships, erase_personal_data


class WithdrawnFilter(admin.SimpleListFilter):
    """«Отозвали согласие» of the consents list: the withdrawals, newest
    first. The activists list has the fuller ConsentFilter."""

    title = "отзыв"
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("yes", "Отозвали согласие"), ("no", "Не отзывали")]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        return queryset.filter(withdrawn__isnull=self.value() == "no")


@admin.register(Territory)
class TerritoryAdmin(RegistryAdmin):
    list_display = ["name", "kind", "name_genitive", "order"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["order", "name"]


class TosBodyInline(ScopedInline):
    """A committee's bodies, to read: a committee has up to a few hundred of
    them, each edited on its own page (the link beside it)."""

    model = TosBody
    fields = ["address", "kind", "name", "founded", "closed"]
    readonly_fields = fields
    ordering = ["kind", "address"]
    classes = ["collapse"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DistrictCommittee)
class DistrictCommitteeAdmin(LifespanColumn, RegistryAdmin):
    list_display = ["number", "name", "territory", "chair_name", "phone", "bodies_count",
                    "period"]
    list_display_links = ["number", "name"]
    list_filter = [territory_filter("territory"), ActiveInYearFilter]
    search_fields = ["name", "chair_name", "=number"]
    list_select_related = ["territory"]
    ordering = ["number"]
    fieldsets = [
        (None, {"fields": ["number", "name", "territory", "bodies_link"]}),
        ("Председатель", {"fields": ["chair_name", "phone"]}),
        ("Срок деятельности", {"fields": ["founded", "closed"]}),
    ]
    readonly_fields = ["bodies_link"]
    inlines = [TosBodyInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.annotate(bodies_total=related_count(TosBody, "committee"))

    @admin.display(description="органов ТОС", ordering="bodies_total")
    def bodies_count(self, obj):
        return obj.bodies_total

    @admin.display(description="органы ТОС")
    def bodies_link(self, obj):
        if obj.pk is None:
            return "Органы ТОС добавляются после сохранения комитета."
        url = reverse("admin:committees_tosbody_changelist")
        return format_html(
            '<a href="{}?committee__id__exact={}">Открыть список ({}) с поиском и фильтрами</a>',
            url, obj.pk, obj.bodies_total,
        )


@admin.register(TosBody)
class TosBodyAdmin(LifespanColumn, RegistryAdmin):
    resource_classes = [TosBodyResource]
    list_display = ["address", "kind", "name_display", "committee", "territory",
                    "activists_count", "period"]
    list_filter = ["kind", territory_filter("committee__territory"),
                   ("committee", ScopedRelatedFilter), ActiveInYearFilter]
    search_fields = ["name", "address", "committee__name"]
    list_select_related = ["committee__territory"]
    autocomplete_fields = ["committee"]
    ordering = ["committee__number", "address"]
    fieldsets = [
        (None, {"fields": ["committee", "kind", "address", "name"]}),
        ("Срок деятельности", {"fields": ["founded", "closed"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.annotate(activists_total=related_count(Activist, "tos_body"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.closed and "closed" in form.changed_data:
            # The same rule as the portal's «Прекратить деятельность»
            # (committees.services.close_tos_body).
            ended = end_memberships(body=obj, day=obj.closed, user=request.user)
            if ended:
                self.message_user(
                    request,
                    f"Участие активистов органа ТОС завершено {obj.closed:%d.%m.%Y}: {ended}.",
                    messages.INFO,
                )

    @admin.display(description="название", ordering="name")
    def name_display(self, obj):
        return f"«{obj.name}»" if obj.name else "—"

    @admin.display(description="активистов", ordering="activists_total")
    def activists_count(self, obj):
        return obj.activists_total

    @admin.display(description="территория", ordering="committee__territory__order")
    def territory(self, obj):
        return obj.committee.territory


@admin.register(Activist)
class ActivistAdmin(LifespanColumn, RegistryAdmin):
    resource_classes = [ActivistResource]
    list_display = ["full_name", "role", "tos_body", "committee", "period"]
    list_filter = ["role", territory_filter("committee__territory"),
                   ("committee", ScopedRelatedFilter), ActiveInYearFilter, ConsentFilter]
    search_fields = ["full_name", "tos_body__address", "tos_body__name"]
    # The committee is the activist's own column (Activist.committee).
    list_select_related = ["tos_body", "committee"]
    autocomplete_fields = ["tos_body"]
    ordering = ["full_name"]

    actions = ["erase_personal_data"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not get_scope(request.user).is_staff:
            actions.pop("erase_personal_data", None)
        return actions

    @admin.action(description="Удалить персональные данные (отзыв согласия)")
    def erase_personal_data(self, request, queryset):
        if not get_scope(request.user).is_staff:
            raise PermissionDenied
        count = 0
        for obj in queryset:
            try:
                erase_personal_data(activist=obj, user=request.user)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
                return
            count += 1
        self.message_user(request, f"Персональные данные удалены: {count}.", messages.SUCCESS)


class ConsentInline(ScopedInline):
    model = Consent
    fields = ["purpose", "text_version", "given", "form", "scan", "withdrawn"]
    extra = 0


ActivistAdmin.inlines = [ConsentInline]


@admin.register(Consent)
class ConsentAdmin(RegistryAdmin):
    """Consents, and with the filter «Отозвали согласие» the staff's list of
    withdrawals, newest first."""

    list_display = ["activist", "purpose", "given", "form", "withdrawn", "committee"]
    list_filter = [WithdrawnFilter, "purpose", "form"]
    search_fields = ["activist__full_name"]
    list_select_related = ["activist__committee"]
    autocomplete_fields = ["activist"]
    ordering = ["-withdrawn", "-given"]
    fields = ["activist", "purpose", "text_version", "given", "form", "scan", "withdrawn"]

    @admin.display(description="окружной комитет", ordering="activist__committee__number")
    def committee(self, obj):
        return obj.activist.committee
