from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from core.admin_base import RegistryAdmin, ScopedInline

from .models import NarrativeBlock, YearPlan, YearTask


@admin.register(NarrativeBlock)
class NarrativeBlockAdmin(RegistryAdmin):
    list_display = ["year", "key", "title"]
    list_filter = ["year", "key"]
    search_fields = ["title", "text"]
    ordering = ["-year", "key"]


class YearTaskInline(ScopedInline):
    model = YearTask
    fields = ["order", "text"]
    show_change_link = False


@admin.register(YearPlan)
class YearPlanAdmin(RegistryAdmin):
    list_display = ["year", "program"]
    search_fields = ["goal"]
    list_select_related = ["program"]
    ordering = ["-year"]
    inlines = [YearTaskInline]


# django-tasks-db registers its queue table in English; the booklets' own
# page shows a user how their task is doing, so the queue stays out of the
# admin.
admin.site.unregister(DBTaskResult)
