"""Base classes for every admin of the registry.

They route querysets, foreign-key choices and write permissions through
accounts.scoping, so that no admin class repeats the access rules.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .scoping import in_scope, may_change, scope_queryset


class ScopedMixin:
    """Rows, choices and writes limited to the user's scope."""

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scope_queryset(request.user, field.queryset)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scope_queryset(request.user, field.queryset)
        return field

    def has_add_permission(self, request, *args):
        return may_change(request.user, self.model) and super().has_add_permission(
            request, *args
        )

    def has_change_permission(self, request, obj=None):
        return may_change(request.user, self.model) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return may_change(request.user, self.model) and super().has_delete_permission(
            request, obj
        )


class ScopedInline(ScopedMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


class RegistryAdmin(ScopedMixin, SimpleHistoryAdmin, ImportExportModelAdmin):
    """The admin of a registry model: scoped, with history, import and export."""

    list_per_page = 50
    # The registry's big tables make an exact COUNT of the unfiltered table
    # on every filtered page expensive; "show all" count is not needed.
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The admin wraps the change view in a transaction: refusing here
        # rolls back a write that moved the record out of the user's scope.
        if not in_scope(request.user, obj):
            raise PermissionDenied("Запись вне вашей зоны ответственности.")
