"""The one base resource every registry resource inherits.

Admin import: django-import-export's screens (upload, preview, confirm)
stay, but `import_data` hands the file to the engine of this package, which
reads it with python-calamine, checks every row, resolves natural keys from
preloaded lookups and saves in one transaction. The
library's row-by-row path (a query or more per row, no all-or-nothing across
validation errors of related keys) is not used, so a 24 000-row file takes
seconds in the admin as in `manage.py import_xlsx`.

Export: the columns are the import format's columns (a file exported can be
imported back), limited to the user's scope, without the personal fields
the user may not see, every cell through escaping.py's `export_cell`
(formula-like text escaped in CSV and XLSX alike).
"""

from collections import defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import resources
from import_export.fields import Field
from import_export.results import Error, Result, RowResult

from core.personal_data import hidden_fields
from core.scoping import scope_queryset

from .engine import NEW, SKIP, UPDATE, ImportKind, Outcome, Problem, run_import
from .escaping import EscapedExport, export_cell
from .files import FileRejected, Table, read_table
from .formats import UploadedDataset


def request_user():
    """The user of the current admin request, if any (simple_history's
    middleware keeps the request in a thread-local)."""
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class RegistryResource(EscapedExport, resources.ModelResource):
    kind_class: type[ImportKind]

    class Meta:
        fields = ()

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.kind = self.kind_class()
        self.fields = {
            column.key: Field(
                attribute=None,
                column_name=column.header,
                dehydrate_method=column.export or (lambda obj: ""),
            )
            for column in self.kind.columns
            if column.export is not None
        }

    @classmethod
    def get_display_name(cls):
        return cls.kind_class.title

    def get_user(self):
        return self.user or request_user()

    # Export

    def _hidden_keys(self) -> set[str]:
        hidden = set(hidden_fields(self.get_user(), self.kind.model))
        return {c.key for c in self.kind.columns if c.personal and c.personal in hidden}

    def get_export_fields(self, selected_fields=None):
        fields = super().get_export_fields(selected_fields)
        hidden = self._hidden_keys()
        return [f for f in fields if self.get_field_name(f) not in hidden]

    def get_user_visible_fields(self):
        hidden = self._hidden_keys()
        return [f for name, f in self.fields.items() if name not in hidden]

    def filter_export(self, queryset, **kwargs):
        user = self.get_user()
        if user is not None:
            queryset = scope_queryset(user, queryset)
        return self.kind.export_queryset(queryset)

    # Import

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None,
                    collect_failed_rows=False, rollback_on_validation_errors=False, **kwargs):
        user = kwargs.get("user") or self.get_user()
        result = self.get_result_class()()
        result.diff_headers = [c.header for c in self.kind.columns]
        try:
            table = self.read(dataset, kwargs.get("file_name") or "")
        except FileRejected as error:
            result.append_base_error(Error(error))
            result.outcome = Outcome(kind=self.kind, problems=[Problem(0, "", str(error))])
            return result
        outcome = run_import(self.kind, table, user=user, dry_run=dry_run)
        fill_result(result, outcome)
        return result

    def read(self, dataset, filename: str) -> Table:
        if isinstance(dataset, UploadedDataset):
            return read_table(dataset.data, dataset.filename or filename, self.kind.title)
        # A tablib dataset built in code: its first row is the header.
        headers = [str(h or "") for h in (dataset.headers or [])]
        rows = [list(row) for row in dataset]
        return Table(headers=headers, rows=rows, numbers=list(range(2, len(rows) + 2)))


def fill_result(result: Result, outcome: Outcome) -> None:
    """Translate the engine's outcome into django-import-export's result, so
    that its preview, confirm step and admin log work unchanged."""
    result.outcome = outcome
    columns = list(outcome.kind.columns)
    by_row: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for problem in outcome.problems:
        if not problem.row:
            result.append_base_error(Error(FileRejected(str(problem))))
        else:
            by_row[problem.row][problem.column or NON_FIELD_ERRORS].append(problem.message)
    for number, errors in sorted(by_row.items()):
        result.append_invalid_row(number, {}, ValidationError(dict(errors)))
    if outcome.problems:
        return
    types = {NEW: RowResult.IMPORT_TYPE_NEW, UPDATE: RowResult.IMPORT_TYPE_UPDATE,
             SKIP: RowResult.IMPORT_TYPE_SKIP}
    for row in outcome.rows:
        result.totals[types[row.action]] += 1
        if row.action == SKIP:
            continue
        row_result = RowResult()
        row_result.import_type = types[row.action]
        row_result.instance = row.instance
        row_result.object_id = row.instance.pk
        row_result.number = row.number
        row_result.changed = {
            c.header for c in columns if set(c.fields) & set(row.changed)
        }
        row_result.diff = [
            export_cell(c.export(row.instance), native=False) if c.export else ""
            for c in columns
        ]
        result.append_row_result(row_result)
    result.total_rows = len(outcome.rows)
