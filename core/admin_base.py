"""Base classes for every admin of the registry.

They route querysets, foreign-key choices, forms, inlines, actions, history
pages, imports and exports through core.scoping and
core.personal_data, so that no admin class repeats the access rules:

- rows: every queryset is `scope_queryset`'d; an object outside the scope
  is a 404, exactly like one that does not exist;
- writes: a form whose record would leave the user's scope gets a Russian
  form error; `save_model` refuses as a last resort;
- fields: those the role never fills (scoping.role_hidden_fields) and
  personal data the user may not see (personal_data.hidden_fields) are left
  out of forms, lists, search, history pages and exports;
- imports see only the user's rows and may write only into their scope;
  every export is recorded (accounts.ExportRecord).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.imports.upload_store import SessionBoundImportMixin
from core.paginator import EstimatedCountPaginator

from . import personal_data
from .scoping import (
    fits_scope,
    get_scope,
    in_scope,
    may_change,
    owner_field_initial,
    read_only_changes,
    read_only_message,
    role_hidden_fields,
    role_read_only_fields,
    scope_queryset,
)
from .search import search as indexed_search
from .signals import data_exported

OUT_OF_SCOPE = (
    "Запись вне вашей зоны ответственности: её можно сохранить только для своего "
    "окружного комитета (своего центра)."
)


def hidden_fields(user, model) -> set[str]:
    """Every field of `model` the user does not see: role and personal data."""
    return set(role_hidden_fields(user, model)) | set(personal_data.hidden_fields(user, model))


def _root(name) -> str:
    return name.split("__")[0] if isinstance(name, str) else ""


def _without(names, hidden):
    """`names` (fields, or tuples of fields on one line) minus `hidden`."""
    kept = []
    for name in names:
        if isinstance(name, (list, tuple)):
            line = type(name)(n for n in name if _root(n) not in hidden)
            if line:
                kept.append(line)
        elif _root(name) not in hidden:
            kept.append(name)
    return kept


def lookup_touches_hidden(user, model, lookup: str) -> bool:
    """Whether a filter lookup (`phone__startswith`, `activists__email`)
    reads, at any hop of its path, a field the user does not see. Such a
    filter would answer yes or no about the hidden value."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False  # a transform or lookup name: the path has ended
        if field.name in hidden_fields(user, model):
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


class ScopedMixin:
    """Rows, choices, fields and writes limited to the user's scope."""

    def hidden_fields(self, request) -> set[str]:
        return hidden_fields(request.user, self.model)

    def lookup_allowed(self, lookup, value, request=None):
        # Django allows any lookup on a model's own fields; one on a field
        # the user may not see is refused (HTTP 400), match or no match.
        if request is not None and lookup_touches_hidden(request.user, self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

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

    def get_fieldsets(self, request, obj=None):
        hidden = self.hidden_fields(request)
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = _without(options.get("fields", ()), hidden)
            if fields:
                fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = _without(super().get_readonly_fields(request, obj), self.hidden_fields(request))
        extra = [
            name for name in role_read_only_fields(request.user, self.model)
            if name not in fields and name not in self.hidden_fields(request)
        ]
        return [*fields, *extra]

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


class ScopedResourceMixin:
    """Mixed into an import-export resource class for one user: it finds only
    the user's rows, writes only into the user's scope, and leaves out the
    fields the user may not see."""

    scope_user = None

    def _hidden(self):
        return hidden_fields(self.scope_user, self._meta.model)

    def _visible(self, fields):
        hidden = self._hidden()
        return [f for f in fields if _root(getattr(f, "attribute", None) or "") not in hidden]

    def get_queryset(self):
        return scope_queryset(self.scope_user, super().get_queryset())

    def get_export_order(self):
        hidden = self._hidden()
        return tuple(
            name for name in super().get_export_order()
            if _root(getattr(self.fields.get(name), "attribute", None) or name) not in hidden
        )

    def get_export_fields(self, selected_fields=None):
        return self._visible(super().get_export_fields(selected_fields))

    def get_import_fields(self):
        return self._visible(super().get_import_fields())

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if not fits_scope(self.scope_user, instance):
            raise ValidationError(OUT_OF_SCOPE)


def scoped_resource(resource_class, user):
    """`resource_class` bound to `user` (see ScopedResourceMixin)."""
    return type(
        resource_class.__name__,
        (ScopedResourceMixin, resource_class),
        {"scope_user": user, "__module__": resource_class.__module__},
    )


class RegistryAdmin(ScopedMixin, SessionBoundImportMixin, SimpleHistoryAdmin,
                    ImportExportModelAdmin):
    """The admin of a registry model: scoped, with history, import and export."""

    list_per_page = 50
    # The registry's big tables make an exact COUNT of the unfiltered table
    # on every filtered page expensive; "show all" count is not needed.
    show_full_result_count = False
    # An unfiltered list of a big table shows PostgreSQL's row estimate.
    paginator = EstimatedCountPaginator

    # Lists, search and filters

    def get_list_display(self, request):
        return _without(super().get_list_display(request), self.hidden_fields(request))

    def get_list_display_links(self, request, list_display):
        links = super().get_list_display_links(request, list_display)
        return [name for name in links if name in list_display] if links else links

    def get_list_filter(self, request):
        hidden = self.hidden_fields(request)
        return [f for f in super().get_list_filter(request) if _root(f) not in hidden]

    def get_search_fields(self, request):
        hidden = self.hidden_fields(request)
        fields = super().get_search_fields(request)
        return [f for f in fields if _root(f.lstrip("^=@")) not in hidden]

    def get_search_results(self, request, queryset, search_term):
        # Each field its own indexable condition (core/search.py).
        search_fields = self.get_search_fields(request)
        if search_fields and search_term:
            found = indexed_search(queryset, search_fields, search_term)
            if found is not None:
                return found, False
        return super().get_search_results(request, queryset, search_term)

    # Objects outside the scope do not exist

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index with "may have been deleted"; for
        # another committee's record that would confirm it exists.
        raise Http404(f"{opts.verbose_name}: запись не найдена.")

    def _scoped_object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Запись не найдена.")
        return obj

    # Forms

    def get_changeform_initial_data(self, request):
        initial = owner_field_initial(request.user, self.model)
        initial.update(super().get_changeform_initial_data(request))
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        user = request.user

        class ScopedForm(form):
            def _post_clean(self):
                super()._post_clean()
                if not self._errors and not fits_scope(user, self.instance):
                    self.add_error(None, OUT_OF_SCOPE)
                for name in [] if self._errors else read_only_changes(user, self.instance):
                    self.add_error(None, read_only_message(self.instance, name))

        ScopedForm.__name__ = form.__name__
        return ScopedForm

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The admin wraps the change view in a transaction: refusing here
        # rolls back a write that moved the record out of the user's scope.
        if not in_scope(request.user, obj):
            raise PermissionDenied("Запись вне вашей зоны ответственности.")

    # History pages

    def history_view(self, request, object_id, extra_context=None):
        if not get_scope(request.user).is_staff:
            # Staff may read the history of a deleted record; others only
            # that of a record they can open now.
            self._scoped_object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self._scoped_object_or_404(request, object_id)
        if request.method == "POST" and not self.has_change_permission(request, obj):
            # simple-history saves a posted version without asking.
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        hidden = sorted(self.hidden_fields(request))
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=hidden, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    # Import and export

    def get_import_resource_classes(self, request):
        return [scoped_resource(r, request.user)
                for r in super().get_import_resource_classes(request)]

    def get_export_resource_classes(self, request):
        return [scoped_resource(r, request.user)
                for r in super().get_export_resource_classes(request)]

    def get_data_for_export(self, request, queryset, **kwargs):
        # get_export_queryset() is already scoped; an override elsewhere or
        # a caller passing its own queryset must not widen it.
        queryset = scope_queryset(request.user, queryset)
        data = super().get_data_for_export(request, queryset, **kwargs)
        export_form = kwargs.get("export_form")
        resource = self.choose_export_resource_class(export_form, request)(
            **self.get_export_resource_kwargs(request)
        )
        names = self.get_export_resource_fields_from_form(export_form) or list(resource.fields)
        fields = [
            _root(resource.fields[n].attribute or n) for n in names if n in resource.fields
        ]
        file_format = ""
        if export_form is not None and hasattr(export_form, "cleaned_data"):
            index = export_form.cleaned_data.get("format")
            if index not in (None, ""):
                file_format = self.get_export_formats()[int(index)]().get_title()
        data_exported.send(
            sender=type(self),
            user=request.user,
            queryset=queryset,
            fields=[f for f in fields if f not in self.hidden_fields(request)],
            filters=request.GET.urlencode(),
            file_format=file_format,
            via="admin",
        )
        return data
