from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from committees.admin_filters import territory_filter
from core.admin_base import RegistryAdmin, ScopedInline
from core.scoping import get_scope

from . import services
from .forms import ResultActionForm
from .models import (
    Application,
    Contest,
    ContestEdition,
    EditionOutcome,
    InitiativeProject,
    Nomination,
    Program,
    Result,
)
from .resources import ApplicationResource, InitiativeProjectResource


class EditionFilter(admin.SimpleListFilter):
    """Contest editions by name and year, read in one query (the stock
    related filter prints each edition with a query for its contest)."""

    title = "проведение конкурса"
    parameter_name = "edition"

    def lookups(self, request, model_admin):
        editions = ContestEdition.objects.select_related("contest")
        return [(str(e.pk), f"{e.contest.name} — {e.year}") for e in editions]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        return queryset.filter(edition_id=self.value())


class NominationFilter(admin.SimpleListFilter):
    """The nominations of the edition chosen in EditionFilter; hidden until
    an edition is chosen, since names repeat from year to year."""

    title = "номинация"
    parameter_name = "nomination"

    def lookups(self, request, model_admin):
        edition = request.GET.get(EditionFilter.parameter_name, "")
        if not edition.isdigit():
            return []
        return [(str(n.pk), str(n)) for n in Nomination.objects.filter(edition_id=edition)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        return queryset.filter(nomination_id=self.value())


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@admin.register(Contest)
class ContestAdmin(RegistryAdmin):
    list_display = ["name", "level", "audience", "held_since", "former_names", "report_key"]
    list_filter = ["level", "audience", "report_key"]
    search_fields = ["name", "former_names", "organiser"]
    ordering = ["name"]


class NominationInline(ScopedInline):
    model = Nomination
    fields = ["order", "name", "category", "period"]
    show_change_link = False


class OutcomeInline(ScopedInline):
    model = EditionOutcome
    fields = ["order", "label", "value"]
    show_change_link = False


@admin.register(ContestEdition)
class ContestEditionAdmin(RegistryAdmin):
    list_display = ["contest", "year", "ordinal", "periods", "results_link"]
    list_filter = ["year", "contest__level"]
    search_fields = ["contest__name"]
    list_select_related = ["contest"]
    autocomplete_fields = ["contest"]
    ordering = ["-year", "contest__name"]
    readonly_fields = ["results_link"]
    inlines = [NominationInline, OutcomeInline]

    def get_queryset(self, request):
        # ContestEdition.periods, counted in the row query, not per row.
        return super().get_queryset(request).annotate(
            period_count=Count("nominations__period", distinct=True)
        )

    @admin.display(description="периодов", ordering="period_count")
    def periods(self, obj):
        return obj.period_count or "—"

    @admin.display(description="итоги")
    def results_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse("contests:edition_results", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">Итоги для печати</a>', url)


@admin.register(Nomination)
class NominationAdmin(RegistryAdmin):
    list_display = ["name", "category", "period", "edition"]
    list_filter = ["edition__year", "category"]
    search_fields = ["name", "edition__contest__name"]
    list_select_related = ["edition__contest"]
    autocomplete_fields = ["edition"]
    ordering = ["-edition__year", "edition__contest__name", "order"]


@admin.register(Application)
class ApplicationAdmin(RegistryAdmin):
    resource_classes = [ApplicationResource]
    list_display = ["number", "edition", "nomination", "applicant_kind", "applicant_display",
                    "territory", "participants", "stage", "submitted"]
    list_filter = [EditionFilter, NominationFilter, "stage", territory_filter("territory"),
                   "applicant_kind", "edition__year"]
    search_fields = ["applicant_name", "tos_body__name", "tos_body__address",
                     "committee__name", "center__name", "address"]
    list_select_related = ["edition__contest", "nomination", "territory", "tos_body",
                           "committee", "center"]
    autocomplete_fields = ["edition", "nomination", "tos_body", "committee", "center"]
    ordering = ["-submitted", "-pk"]
    actions = ["advance_stage", "record_result"]

    @admin.display(description="№", ordering="pk")
    def number(self, obj):
        return obj.pk

    @admin.display(description="заявитель")
    def applicant_display(self, obj):
        return obj.applicant

    def has_jury_permission(self, request):
        # Stages and results are the jury's: city staff only.
        return get_scope(request.user).is_staff and self.has_change_permission(request)

    @admin.action(description="Перевести на городской этап", permissions=["jury"])
    def advance_stage(self, request, queryset):
        try:
            count = services.advance_applications(user=request.user, applications=queryset)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(
                request, f"Ничего не изменено. {_error_text(error)}", messages.ERROR
            )
            return
        self.message_user(
            request,
            f"Переведено на следующий этап (районный → городской, "
            f"региональный → федеральный): {count}.",
            messages.SUCCESS,
        )

    @admin.action(description="Записать итог", permissions=["jury"])
    def record_result(self, request, queryset):
        form = ResultActionForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                count = services.record_results(
                    user=request.user,
                    applications=queryset,
                    place=form.cleaned_data["place"],
                    prize=form.cleaned_data["prize"],
                )
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, f"Итог не записан. {_error_text(error)}", messages.ERROR
                )
            else:
                self.message_user(request, f"Итог записан: {count}.", messages.SUCCESS)
                return None
        applications = queryset.select_related(*self.list_select_related)
        context = {
            **self.admin_site.each_context(request),
            "title": "Записать итог",
            "opts": self.model._meta,
            "form": form,
            "applications": applications,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "record_result",
        }
        return TemplateResponse(request, "contests/admin/record_result.html", context)


@admin.register(Result)
class ResultAdmin(RegistryAdmin):
    list_display = ["edition", "nomination", "application", "place", "prize", "stage"]
    list_filter = [EditionFilter, "stage", "edition__year"]
    search_fields = ["prize", "application__applicant_name", "application__tos_body__name",
                     "application__center__name"]
    list_select_related = ["edition__contest", "application__nomination",
                           "application__tos_body", "application__committee",
                           "application__center"]
    raw_id_fields = ["application"]
    autocomplete_fields = ["edition"]
    ordering = ["-edition__year", "place"]

    @admin.display(description="номинация")
    def nomination(self, obj):
        return obj.application.nomination or "—"


@admin.register(Program)
class ProgramAdmin(RegistryAdmin):
    list_display = ["name", "level", "start_year", "end_year", "adopted"]
    list_filter = ["level"]
    search_fields = ["name"]
    ordering = ["name"]


@admin.register(InitiativeProject)
class InitiativeProjectAdmin(RegistryAdmin):
    resource_classes = [InitiativeProjectResource]
    list_display = ["title", "territory", "address", "kind", "status", "year_submitted",
                    "year_built", "voters"]
    list_filter = ["status", "kind", "program", "territory", "year_submitted", "year_built"]
    search_fields = ["title", "address"]
    list_select_related = ["territory", "program"]
    ordering = ["-year_submitted", "territory__order", "title"]
