"""RegistryAdmin, the admin of a registry model: scoped (see .scoped), with
history and import-export: lists, search, 404s, forms, history pages,
import and export."""

import re

from django.contrib.admin.utils import unquote
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from import_export.admin import ImportExportModelAdmin
from import_export.forms import SelectableFieldsExportForm
from simple_history.admin import SimpleHistoryAdmin

from core.imports.escaping import EscapedExport
from core.imports.registry import kind_for_model
from core.imports.upload_store import SessionBoundImportMixin
from core.paginator import EstimatedCountPaginator
from core.scoping import (
    OUT_OF_SCOPE,
    fits_scope,
    get_scope,
    in_scope,
    owner_field_initial,
    read_only_changes,
    read_only_message,
    scope_queryset,
)
from core.search import search as indexed_search
from core.signals import data_exported

from .grammar import GrammarMixin
from .resources import list_resource, scoped_resource
from .scoped import ScopedMixin, root_name, without_hidden
from .sums import ColumnTotalsMixin

NO_FORMAT = "Для этого раздела нет формата загрузки из файла."
FORMAT_HELP = (
    "xlsx — книга Excel. csv — текст UTF-8 с BOM, разделитель запятая. "
    "CSV (Excel, ;) — текст UTF-8 с BOM, разделитель точка с запятой: его Excel и "
    "LibreOffice с русскими настройками открывают по двойному щелчку сразу по столбцам."
)
# What a sheet's name or a file's name may not hold (Excel, Windows).
UNSAFE_NAME = re.compile(r"[\\/:*?\"<>|\[\]]+")


def safe_name(text: str, limit: int) -> str:
    return " ".join(UNSAFE_NAME.sub(" ", text).split())[:limit].strip()


class ExportForm(SelectableFieldsExportForm):
    """The library's export form, its columns named as in the file (the
    Russian headers) rather than by the fields' English names."""

    def __init__(self, formats, resources, **kwargs):
        self._headers = {}
        super().__init__(formats, resources, **kwargs)
        self.fields["format"].help_text = FORMAT_HELP

    def _get_field_label(self, resource, field_name):
        if resource not in self._headers:
            self._headers[resource] = {name: field.column_name
                                       for name, field in resource().fields.items()}
        return capfirst(self._headers[resource].get(field_name, field_name))


class RegistryAdmin(GrammarMixin, ColumnTotalsMixin, ScopedMixin, SessionBoundImportMixin,
                    SimpleHistoryAdmin, ImportExportModelAdmin):
    """The admin of a registry model: scoped, with history, import and export."""

    list_per_page = 50
    # The registry's big tables make an exact COUNT of the unfiltered table
    # on every filtered page expensive; "show all" count is not needed.
    show_full_result_count = False
    # An unfiltered list of a big table shows PostgreSQL's row estimate.
    paginator = EstimatedCountPaginator

    # Lists, search and filters

    def get_list_display(self, request):
        return without_hidden(super().get_list_display(request), self.hidden_fields(request))

    def get_list_display_links(self, request, list_display):
        links = super().get_list_display_links(request, list_display)
        return [name for name in links if name in list_display] if links else links

    def get_list_filter(self, request):
        hidden = self.hidden_fields(request)
        return [f for f in super().get_list_filter(request) if root_name(f) not in hidden]

    def get_search_fields(self, request):
        hidden = self.hidden_fields(request)
        fields = super().get_search_fields(request)
        return [f for f in fields if root_name(f.lstrip("^=@")) not in hidden]

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

    export_form_class = ExportForm

    @property
    def importable(self) -> bool:
        """Whether the model has an import format (core.imports.registry);
        a list without one offers no import at all."""
        return kind_for_model(self.model) is not None

    def has_import_permission(self, request):
        return self.importable and super().has_import_permission(request)

    def import_action(self, request, **kwargs):
        if not self.importable:
            raise Http404(NO_FORMAT)
        return super().import_action(request, **kwargs)

    def process_import(self, request, **kwargs):
        if not self.importable:
            raise Http404(NO_FORMAT)
        return super().process_import(request, **kwargs)

    def process_result(self, result, request):
        # The confirm step imports for real; a row the database refuses
        # there (anything the preview's rehearsal could not foresee, such
        # as a record saved by someone else in between) is shown as the
        # preview shows it, not as «Импорт завершен: 0 новых».
        if result.has_errors() or result.has_validation_errors():
            return self.refused_import(request, result)
        return super().process_result(result, request)

    def refused_import(self, request, result):
        form_class = self.get_import_form_class(request)
        form = form_class(self.get_import_formats(), self.get_import_resource_classes(request))
        context = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            "title": "Импорт",
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            "fields_list": [],
            "import_error_display": self.import_error_display,
            "result": result,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def get_resource_classes(self, request):
        if not self.resource_classes:
            # The library's default would export keys and raw text.
            return [list_resource(self.model)]
        return super().get_resource_classes(request)

    def get_import_resource_classes(self, request):
        return [scoped_resource(r, request.user)
                for r in super().get_import_resource_classes(request)]

    def get_export_resource_classes(self, request):
        classes = super().get_export_resource_classes(request)
        for resource_class in classes:
            if not issubclass(resource_class, EscapedExport):
                raise ImproperlyConfigured(
                    f"{resource_class.__name__}: an export resource must escape its "
                    "cells (core.imports.escaping.EscapedExport).")
        return [scoped_resource(r, request.user) for r in classes]

    def get_export_filename(self, request, queryset, file_format):
        # «Мероприятия-2026-12-01.xlsx»: the list's name and the local date.
        name = self.get_export_resource_classes(request)[0].get_display_name()
        return (f"{safe_name(str(name), 100)}-{timezone.localdate():%Y-%m-%d}."
                f"{file_format.get_extension()}")

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        response = super()._do_file_export(file_format, request, queryset,
                                           export_form=export_form)
        # A Cyrillic name needs RFC 6266's filename*, with an ASCII fallback.
        response["Content-Disposition"] = content_disposition_header(
            True, self.get_export_filename(request, queryset, file_format))
        return response

    def get_data_for_export(self, request, queryset, **kwargs):
        # get_export_queryset() is already scoped; an override elsewhere or
        # a caller passing its own queryset must not widen it.
        queryset = scope_queryset(request.user, queryset)
        data = super().get_data_for_export(request, queryset, **kwargs)
        export_form = kwargs.get("export_form")
        resource = self.choose_export_resource_class(export_form, request)(
            **self.get_export_resource_kwargs(request)
        )
        # The sheet's name: the import format's (the file imports back), or
        # the list's; never tablib's «Tablib Dataset».
        data.title = safe_name(str(resource.get_display_name()), 31)
        names = self.get_export_resource_fields_from_form(export_form) or list(resource.fields)
        fields = [
            root_name(resource.fields[n].attribute or n) for n in names if n in resource.fields
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
