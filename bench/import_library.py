"""django-import-export at its tuned best, for bench/import.py to time
beside the project's engine (issue 19).

One `ModelResource` per format, built from the format's own columns
(core.imports.columns) so that both refuse the same rows with the same
Russian messages:

- every column is a library `Field` whose widget runs the format's own cell
  parser (a `CellError` is a `ValueError`, which the library collects per
  field) and refuses an empty required cell;
- a natural key (committee, TOS body, center, campaign) is a widget that
  looks the name up in the project's lookups, preloaded once per related
  table in `before_import` and scoped to the user: the cached
  ForeignKeyWidget, no query per row;
- `validate_instance` runs what the engine runs per row: the model's own
  clean() (not full_clean(), whose unique checks query per row), the user's
  scope, the format's extra rule (an activist's e-mail) and a row that
  repeats another's identity;
- `use_bulk` (the rows go out through Django's bulk_create 1 000 at a
  time, the library's default: 10–14 % faster than one bulk_create at the
  end, on both databases), `skip_diff`, `force_init_instance` (no
  lookup of saved records per row: every row is new, so this resource
  cannot update on re-import, which the engine does), `use_transactions`
  with `rollback_on_validation_errors` (all or nothing), and each created
  row's history copied by the database (core.history.record_saved), as the
  engine writes it.
"""

import time

from django.core.exceptions import ValidationError
from import_export import resources, widgets
from import_export.fields import Field

from core import history
from core.imports.columns import CellError, Column
from core.imports.engine import REASON, Context, RowError
from core.scoping import fits_scope

COMMITTEE, TOS_BODY, CENTER, CAMPAIGN = "committee", "tos_body", "center", "campaign"


class Cell(widgets.Widget):
    """One cell through its column's parser; the same messages as the
    engine. Each distinct cell is parsed once (a column repeats its roles,
    dates and committees), as in the engine."""

    def __init__(self, column: Column):
        super().__init__()
        self.parse, self.required, self.default = column.parse, column.required, column.default
        self.memo = {}

    def clean(self, value, row=None, **kwargs):
        key = (value.__class__, value)
        try:
            found = self.memo[key]
        except KeyError:
            try:
                found = self.memo[key] = self.convert(value, row)
            except ValueError as error:
                found = self.memo[key] = error
        if isinstance(found, ValueError):
            raise found
        return found

    def convert(self, value, row):
        value = self.parse(value)
        if self.required and (value is None or value == ""):
            raise CellError("не заполнено")
        return self.default if value is None else value


class NaturalKey(Cell):
    """A related record by the name a person knows, from the lookups that
    `before_import` preloaded: `resolve(ctx, text, row)` (RowError is the
    engine's; the library wants a ValueError)."""

    def __init__(self, column: Column, resource, resolve, depends=()):
        super().__init__(column)
        self.resource, self.resolve, self.depends = resource, resolve, depends

    def clean(self, value, row=None, **kwargs):
        # The name's meaning may depend on other cells of the row (a TOS
        # body's committee): they are part of the memo's key.
        return super().clean((value, *[row.get(header) for header in self.depends]), row)

    def convert(self, value, row):
        text = super().convert(value[0], row)
        if not text:
            return None
        try:
            return self.resolve(self.resource.ctx, text, row)
        except RowError as error:
            raise ValueError(error.message) from None


def _resolvers(kind):
    """How each natural-key column of a format is resolved."""
    from centers import lookups as centers
    from committees import lookups as committees
    from events import lookups as events

    columns = {c.key: c for c in kind.columns}

    def cell(row, key):
        value = columns[key].parse(row.get(columns[key].header))
        return "" if value is None else value

    def committee(ctx, text, row):
        return committees.committee(ctx, text, columns[COMMITTEE].header)

    def tos_body(ctx, text, row):
        name = cell(row, COMMITTEE)
        if not name:
            raise RowError("орган ТОС указывается вместе с его окружным комитетом")
        kind_of = cell(row, "tos_kind") if "tos_kind" in columns else None
        return committees.tos_body(ctx, committee(ctx, name, row), text, "", kind_of or None)

    return {
        COMMITTEE: committee,
        TOS_BODY: tos_body,
        CENTER: lambda ctx, text, row: centers.center(ctx, text, ""),
        CAMPAIGN: lambda ctx, text, row: events.campaign(ctx, text, ""),
    }


class LibraryResource(resources.ModelResource):
    """The tuned ModelResource of one format (`kind`, an ImportKind)."""

    class Meta:
        fields = ()
        use_bulk = True
        batch_size = 1000  # a batch written as the rows come; rolled back on errors
        skip_diff = True
        force_init_instance = True
        use_transactions = True
        clean_model_instances = False  # the model's clean() runs in validate_instance

    def __init__(self, kind, user=None):
        super().__init__()
        self.kind, self.user = kind, user
        self.write_seconds = 0.0  # in bulk_create and the history, for the profile
        resolvers = _resolvers(kind)
        self.fields = {}
        for column in kind.columns:
            if column.key in resolvers:
                depends = [c.header for c in kind.columns
                           if column.key == TOS_BODY and c.key in (COMMITTEE, "tos_kind")]
                widget = NaturalKey(column, self, resolvers[column.key], depends)
            else:
                widget = Cell(column)
            # A column that only names another record (an activist's
            # committee, a TOS body's kind) sets nothing itself.
            attribute = column.key if column.fields else None
            self.fields[column.key] = Field(attribute=attribute, column_name=column.header,
                                            widget=widget)
        self.import_fields = super().get_import_fields()

    def get_import_fields(self):
        return self.import_fields  # the library computes them again for every row

    def before_import(self, dataset, **kwargs):
        """Scope and lookups: one query per related table, once."""
        self.ctx = Context(self.user)
        self.kind.preload(self.ctx)
        self.seen = {}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        email = getattr(instance, "email", "")
        if email and ("@" not in email or " " in email):
            raise ValidationError({"email": f"неверный адрес эл. почты «{email}»"})
        if not self.ctx.unrestricted and not fits_scope(self.user, instance):
            raise ValidationError("запись относится не к вашему комитету или центру")
        instance.clean()
        key = self.kind.identity_of(instance)
        if key in self.seen:
            raise ValidationError("строка повторяет другую строку файла")
        self.seen[key] = True

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None,
                    result=None):
        created = list(self.create_instances)
        derive = getattr(self.kind.model, "derive", None)
        if created and derive is not None:
            derive(created)  # what save() derives; bulk_create() does not
        started = time.perf_counter()
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)
        keys = [obj.pk for obj in created if obj.pk is not None]
        if keys:
            history.record_saved(self.kind.model, keys, self.user, history.CREATED,
                                 reason=REASON)
        self.write_seconds += time.perf_counter() - started


def resource_for(kind, user=None, bare=False) -> LibraryResource:
    base = BareResource if bare else LibraryResource
    meta = type("Meta", (LibraryResource.Meta,), {"model": kind.model})
    cls = type(f"{kind.model.__name__}{base.__name__}", (base,), {"Meta": meta})
    return cls(kind, user=user)


def import_with_library(kind, table, *, user=None, dry_run=False, bare=False):
    """The library's import of a table read by core.imports.files (the same
    python-calamine reader): its Result."""
    import tablib

    dataset = tablib.Dataset(*table.rows, headers=table.headers)
    resource = resource_for(kind, user=user, bare=bare)
    return resource.import_data(dataset, dry_run=dry_run, use_transactions=True,
                                rollback_on_validation_errors=True)


def refused_rows(result, table) -> list[int]:
    """The spreadsheet rows a library Result refused."""
    return sorted(table.numbers[row.number - 1] for row in result.invalid_rows)


class BareResource(LibraryResource):
    """The library with less to do, for comparison only: the cells' and
    natural keys' errors, but no clean(), no scope or repeat check and no
    history. It refuses fewer rows than the engine."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None,
                    result=None):
        derive = getattr(self.kind.model, "derive", None)
        if self.create_instances and derive is not None:
            derive(list(self.create_instances))
        resources.ModelResource.bulk_create(self, using_transactions, dry_run, raise_errors,
                                            batch_size, result)
