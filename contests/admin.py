from django.contrib import admin

from accounts.admin_base import RegistryAdmin, ScopedInline
from kemerovo_tos.admin_filters import territory_filter

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


@admin.register(Contest)
class ContestAdmin(RegistryAdmin):
    list_display = ["name", "level", "audience", "held_since", "former_names"]
    list_filter = ["level", "audience"]
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
    list_display = ["contest", "year", "ordinal", "periods"]
    list_filter = ["year", "contest__level"]
    search_fields = ["contest__name"]
    list_select_related = ["contest"]
    autocomplete_fields = ["contest"]
    ordering = ["-year", "contest__name"]
    inlines = [NominationInline, OutcomeInline]


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
    list_display = ["pk", "edition", "nomination", "applicant_kind", "applicant_display",
                    "territory", "participants", "stage", "submitted"]
    list_filter = ["edition__year", "edition__contest", "stage", "applicant_kind",
                   territory_filter("territory")]
    search_fields = ["applicant_name", "tos_body__name", "tos_body__address",
                     "committee__name", "center__name", "address"]
    list_select_related = ["edition__contest", "nomination", "territory", "tos_body",
                           "committee", "center"]
    autocomplete_fields = ["edition", "nomination", "tos_body", "committee", "center"]
    ordering = ["-submitted", "-pk"]

    @admin.display(description="заявитель")
    def applicant_display(self, obj):
        return obj.applicant


@admin.register(Result)
class ResultAdmin(RegistryAdmin):
    list_display = ["edition", "nomination", "application", "place", "prize", "stage"]
    list_filter = ["edition__year", "stage"]
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
    list_display = ["title", "territory", "address", "kind", "status", "year_submitted",
                    "year_built", "voters"]
    list_filter = ["status", "kind", "territory", "year_submitted", "year_built"]
    search_fields = ["title", "address"]
    list_select_related = ["territory", "program"]
    ordering = ["-year_submitted", "territory__order", "title"]
