from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html_join
from django_tasks_db.models import DBTaskResult
from simple_history.admin import SimpleHistoryAdmin

from core.admin_base import RegistryAdmin, ScopedInline
from core.admin_base.grammar import GrammarMixin

from . import rollover
from .models import ClosedYear, NarrativeBlock, PublishedEdition, YearPlan, YearTask


class ConfirmDraftsMixin:
    """«Подтвердить черновики»: a draft copied from last year
    (reports.rollover) prints from now on."""

    actions = ["confirm_drafts"]

    @admin.action(description="Подтвердить черновики: печатать в отчете")
    def confirm_drafts(self, request, queryset):
        done = rollover.confirm(queryset)
        self.message_user(request, f"Подтверждено черновиков: {done}.", messages.SUCCESS)


@admin.register(NarrativeBlock)
class NarrativeBlockAdmin(ConfirmDraftsMixin, RegistryAdmin):
    list_display = ["year", "key", "title", "is_draft"]
    list_filter = ["year", "key", "is_draft"]
    search_fields = ["title", "text"]
    ordering = ["-year", "key"]


class YearTaskInline(ScopedInline):
    model = YearTask
    fields = ["order", "text"]
    show_change_link = False


@admin.register(YearPlan)
class YearPlanAdmin(ConfirmDraftsMixin, RegistryAdmin):
    list_display = ["year", "program", "is_draft"]
    search_fields = ["goal"]
    list_select_related = ["program"]
    ordering = ["-year"]
    inlines = [YearTaskInline]


@admin.register(ClosedYear)
class ClosedYearAdmin(GrammarMixin, SimpleHistoryAdmin):
    """«Закрыть год» is adding one; «Открыть год» deleting it. Publishing the
    report closes its year too (reports.editions.publish)."""

    list_display = ["year", "reason", "closed_at", "closed_by"]
    list_select_related = ["closed_by"]
    fields = ["year", "reason", "closed_at", "closed_by"]
    readonly_fields = ["closed_at", "closed_by"]

    def save_model(self, request, obj, form, change):
        obj.closed_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(PublishedEdition)
class PublishedEditionAdmin(GrammarMixin, admin.ModelAdmin):
    """The editions, read only: published from the report page
    (reports.edition_views.publish), downloaded as stored."""

    list_display = ["__str__", "published_at", "published_by", "status", "note", "files"]
    list_filter = ["year", "status"]
    list_select_related = ["published_by"]
    fields = ["year", "number", "published_at", "published_by", "status", "note", "files",
              "error"]
    readonly_fields = fields

    @admin.display(description="файлы")
    def files(self, obj):
        if obj.status != PublishedEdition.Status.PUBLISHED:
            return "—"
        return format_html_join(", ", '<a href="{}">{}</a>', (
            (reverse("reports:edition_file", args=[obj.pk, kind]), kind.upper())
            for kind in ("pdf", "xlsx")
        ))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# django-tasks-db registers its queue table in English; the booklets' own
# page shows a user how their task is doing, so the queue stays out of the
# admin.
admin.site.unregister(DBTaskResult)
