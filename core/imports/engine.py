"""The import engine: a whole file validated, then saved in one transaction.

Every row is parsed (each distinct cell of a column once), its natural keys
are resolved from lookups preloaded once per related table, the model's own
clean() is run (related objects come from those lookups, so clean() makes
no query), and the row is matched to a saved record by its stable identity.
Only when no row has an error are the new records inserted and the changed
ones updated, each with its history, inside one transaction (sql.py: plain
tuples through the cursor, not the ORM's compiler). The model's constraints
stay in the database; a row it refuses is named with the constraint's own
message. The number of queries depends on the number of related tables and
batches, not on the number of rows.
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.dispatch import Signal

from core import history, periods
from core.scoping import (
    fits_scope,
    get_scope,
    may_change,
    read_only_expected,
    read_only_message,
)

from . import sql
from .columns import CellError, Column, fold
from .files import Table

NEW, UPDATE, SKIP = "new", "update", "skip"
# Distinct cells of one column whose parsed values an import remembers.
MEMO_SIZE = 20_000
# Saved records changed by a file, loaded this many per query.
LOAD_CHUNK = 5000
REASON = "Загрузка из файла"
# Columns a person may add for their own use; they are not imported.
IGNORED_HEADERS = {fold(h) for h in ("№", "№ п/п", "п/п", "N", "Примечание", "Ошибка")}

# Sent inside the import's transaction once its rows are written: model,
# objs (new and changed). The monthly return counts them again (returns).
rows_saved = Signal()


class RowError(Exception):
    def __init__(self, message: str, column: str = ""):
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass
class Problem:
    """One error of an import: its row (0 for the file), column and reason."""

    row: int
    column: str
    message: str

    def __str__(self):
        where = f"Строка {self.row}" if self.row else "Файл"
        if self.column:
            where += f", столбец «{self.column}»"
        return f"{where}: {self.message}"


@dataclass
class RowOutcome:
    number: int
    action: str  # NEW, UPDATE or SKIP
    instance: Model
    changed: tuple[str, ...] = ()


@dataclass
class Outcome:
    kind: "ImportKind"
    rows: list[RowOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # What the user should know even when nothing is wrong (how a column
    # was read: columns.Column.for_file).
    notices: list[str] = field(default_factory=list)
    saved: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> list[Model]:
        return [row.instance for row in self.rows if row.action == NEW]

    @property
    def updated(self) -> list[Model]:
        return [row.instance for row in self.rows if row.action == UPDATE]

    def summary(self) -> str:
        return (
            f"добавлено {self.count(NEW)}, изменено {self.count(UPDATE)}, "
            f"без изменений {self.count(SKIP)}"
        )


class Context:
    """What one import knows: the user, their scope, the preloaded lookups."""

    def __init__(self, user):
        self.user = user
        self.scope = get_scope(user) if user is not None else None
        self.lookups: dict[str, dict] = {}

    @property
    def unrestricted(self) -> bool:
        return self.user is None or self.scope.is_staff


class ImportKind:
    """One import format: a model, its columns and how rows become records.

    Subclasses set the attributes and implement `build`; `preload` fills the
    lookups that `build` uses.
    """

    key: str = ""
    title: str = ""  # the sheet's name and the format's name
    model: type[Model]
    columns: list[Column] = []
    # Model attributes that identify a row's record on re-import.
    identity: tuple[str, ...] = ()
    # Model attributes that before_update() sets on a changed record.
    extra_update_fields: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()

    def preload(self, ctx: Context) -> None:
        """Fill ctx.lookups, one query per related table."""

    def build(self, values: dict, ctx: Context) -> Model:
        raise NotImplementedError

    def existing(self, objs: list[Model], ctx: Context) -> QuerySet:
        """The saved records that rows of this file may match."""
        return self.model._default_manager.all()

    def before_update(self, instance: Model) -> None:
        """Called on a saved record that a row changes."""

    def identity_of(self, obj: Model) -> tuple:
        return tuple([
            fold(value) if value.__class__ is str else value
            for value in [getattr(obj, name) for name in self.identity]
        ])

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related(*self.select_related)


def match_columns(kind: ImportKind, headers: list[str]) -> tuple[dict[int, Column], list[Problem]]:
    """Map the file's columns to the format's; report missing and unknown ones."""
    mapping: dict[int, Column] = {}
    problems = []
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        column = next((c for c in kind.columns if c.matches(header)), None)
        if column is None:
            if fold(header) not in IGNORED_HEADERS:
                problems.append(Problem(0, header, "неизвестный столбец; проверьте заголовок "
                                        "или удалите столбец"))
            continue
        if column.key in seen:
            problems.append(Problem(0, header, "столбец повторяется"))
            continue
        seen[column.key] = index
        mapping[index] = column
    missing = [c.header for c in kind.columns if c.required and c.key not in seen]
    if missing:
        names = ", ".join(f"«{name}»" for name in missing)
        problems.insert(0, Problem(0, "", f"нет обязательных столбцов: {names}. "
                                   "Заголовки должны быть в первой строке листа."))
    return mapping, problems


def run_import(
    kind: ImportKind,
    table: Table,
    *,
    user=None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int | None = None,
) -> Outcome:
    """Validate every row of `table`; save them all, or nothing.

    The phases: the file's columns (`_read`), every row checked and built
    (`_check_rows`), matched to its saved record (`_match_existing`), then
    all saved with their history in one transaction (`_save_all`). A dry
    run writes them too, in a transaction rolled back (`_rehearse`), so
    that it finds every row the database would refuse."""
    started = time.perf_counter()
    outcome = Outcome(kind=kind)
    mapping = _read(kind, table, user, outcome)
    if mapping is None:
        return outcome
    ctx = Context(user)
    kind.preload(ctx)
    compare = list(dict.fromkeys(name for c in mapping.values() for name in c.fields))
    with periods.remembered():  # closed months read once, not per row
        built = _check_rows(kind, table, mapping, ctx, outcome, progress)
    if outcome.problems:
        return outcome
    _match_existing(kind, built, compare, ctx, outcome)
    if not outcome.problems:
        (_rehearse if dry_run else _save_all)(kind, outcome, user, batch_size)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _read(kind: ImportKind, table: Table, user, outcome: Outcome) -> dict[int, Column] | None:
    """The format's column of each of the file's columns, or None (and the
    problems in `outcome`) when the user may not import or the file's
    header or rows will not do."""
    if user is not None and not may_change(user, kind.model):
        outcome.problems.append(Problem(0, "", "у вас нет права загружать "
                                        f"«{kind.model._meta.verbose_name_plural}»."))
        return None
    mapping, problems = match_columns(kind, table.headers)
    if problems:
        outcome.problems.extend(problems)
        return None
    if not table.rows:
        outcome.problems.append(Problem(0, "", "в файле нет ни одной строки данных."))
        return None
    return mapping


def _check_rows(kind, table, mapping, ctx, outcome, progress) -> list[tuple[int, Model]]:
    """Every row parsed, built into its model object and checked (scope,
    the model's clean()); the rows' problems go to `outcome`."""
    present = {column.key for column in mapping.values()}
    defaults = {c.key: c.default for c in kind.columns if c.key not in present}
    # Each column's parser, and a memo of the results of its distinct cells:
    # a column repeats its roles, kinds, dates and committees row after row.
    parsers = []
    for index, column in mapping.items():
        parse, notice = column.for_file(table.rows, index)
        if notice:
            outcome.notices.append(f"Столбец «{column.header}»: {notice}.")
        parsers.append((index, parse, column.key, column.required, column.header,
                        column.default, {}))
    built: list[tuple[int, Model]] = []
    total = len(table.rows)
    for position, (number, raw) in enumerate(zip(table.numbers, table.rows, strict=True), 1):
        values = dict(defaults)
        row_problems = []
        for index, parse, key, required, header, default, memo in parsers:
            cell = raw[index]
            memo_key = (cell.__class__, cell)  # 1, 1.0 and True are equal keys
            try:
                value = memo[memo_key]
            except KeyError:
                try:
                    value = parse(cell)
                except CellError as error:
                    value = error
                if len(memo) < MEMO_SIZE:
                    memo[memo_key] = value
            if value.__class__ is CellError:
                row_problems.append(Problem(number, header, str(value)))
                continue
            if required and (value is None or value == ""):
                row_problems.append(Problem(number, header, "не заполнено"))
            values[key] = default if value is None else value
        if not row_problems:
            try:
                obj = kind.build(values, ctx)
                _check_scope(kind, obj, ctx)
                obj.clean()
                periods.check_record_open(ctx.user, obj)  # a submitted month
            except RowError as error:
                row_problems.append(Problem(number, error.column, error.message))
            except ValidationError as error:
                row_problems.extend(_validation_problems(kind, number, error))
            else:
                built.append((number, obj))
        outcome.problems.extend(row_problems)
        if progress and (position % 500 == 0 or position == total):
            progress(position, total)
    return built


def _save_all(kind, outcome, user, batch_size) -> None:
    """`_save`, with the database's refusal as the outcome's problem."""
    try:
        _save(kind, outcome, user, batch_size)
    except DatabaseRefused as refused:
        outcome.problems.append(refused.problem)
    except IntegrityError as error:
        outcome.problems.append(Problem(0, "", "база данных отклонила записи, ничего не "
                                        f"сохранено: {error}"))
    except DatabaseError as error:
        outcome.problems.append(Problem(0, "", f"ошибка базы данных, ничего не сохранено: "
                                        f"{error}"))
    else:
        outcome.saved = True


def _rehearse(kind, outcome, user, batch_size) -> None:
    """The dry run: `_save_all` inside a transaction that is rolled back.

    clean() cannot see what only the database knows (a TOS body's own name
    taken by another body, or twice in the file); checking each unique and
    check constraint beforehand would repeat the database in Python, a query
    per row. Writing for real and rolling back finds exactly what the real
    run would refuse, named the same way, at the real run's cost."""
    try:
        with transaction.atomic():
            _save_all(kind, outcome, user, batch_size)
            raise _Rollback
    except _Rollback:
        pass
    finally:
        outcome.saved = False
        _forget_keys(outcome)


def _forget_keys(outcome) -> None:
    """Keys a rolled-back INSERT gave the new rows mean nothing."""
    for row in outcome.rows:
        if row.action == NEW:
            row.instance.pk = None
            row.instance._state.adding = True


def _check_scope(kind: ImportKind, obj: Model, ctx: Context) -> None:
    if ctx.unrestricted:
        return
    if not fits_scope(ctx.user, obj):
        raise RowError(
            "запись относится не к вашему комитету или центру: можно загружать только "
            "записи своего окружного комитета или центра.",
            column=_owner_header(kind),
        )
    # Fields the role may not set (core.scoping.ROLE_READ_ONLY_FIELDS):
    # the value must be the one the model itself would give.
    for name, expected in read_only_expected(ctx.user, obj).items():
        raise RowError(read_only_message(obj, name, expected),
                       column=_column_header(kind, name))


def _column_header(kind: ImportKind, field_name: str) -> str:
    for column in kind.columns:
        if column.key == field_name or f"{field_name}_id" in column.fields:
            return column.header
    return ""


def _owner_header(kind: ImportKind) -> str:
    for column in kind.columns:
        if column.key in ("committee", "center", "tos_body"):
            return column.header
    return ""


def _validation_problems(kind: ImportKind, number: int, error: ValidationError) -> list[Problem]:
    headers = {name: c.header for c in kind.columns for name in c.fields}
    headers.update({name.removesuffix("_id"): h for name, h in list(headers.items())})
    if not hasattr(error, "error_dict"):
        return [Problem(number, "", message) for message in error.messages]
    return [
        Problem(number, headers.get(name, ""), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _match_existing(kind, built, compare, ctx, outcome) -> None:
    """Match each row to its saved record by identity.

    The saved records are read as plain tuples (key, identity, compared
    values); full instances are loaded only for the records a row changes.
    A row that changes nothing keeps its own instance, given the saved
    record's key."""
    objs = [obj for _number, obj in built]
    queryset = kind.existing(objs, ctx)
    width = len(kind.identity)
    saved = {}
    for values in queryset.values_list("pk", *kind.identity, *compare):
        key = tuple([fold(v) if v.__class__ is str else v for v in values[1:width + 1]])
        saved[key] = values
    first_row: dict[tuple, int] = {}
    changes: list[tuple[RowOutcome, Model]] = []
    using = queryset.db
    for number, obj in built:
        key = kind.identity_of(obj)
        if key in first_row:
            outcome.problems.append(Problem(
                number, "", f"строка повторяет строку {first_row[key]} "
                "(та же запись указана в файле дважды)"))
            continue
        first_row[key] = number
        current = saved.get(key)
        if current is None:
            outcome.rows.append(RowOutcome(number, NEW, obj))
            continue
        changed = tuple([name for name, value in zip(compare, current[width + 1:], strict=True)
                         if value != getattr(obj, name)])
        obj.pk = current[0]
        obj._state.adding, obj._state.db = False, using
        row = RowOutcome(number, SKIP if not changed else UPDATE, obj, changed)
        outcome.rows.append(row)
        if changed:
            changes.append((row, obj))
    if changes and not outcome.problems:
        _load_changed(kind, queryset, changes)


def _load_changed(kind, queryset, changes) -> None:
    """Put the saved record, with the row's new values, in each changed row."""
    relations = {f.attname: f.name for f in kind.model._meta.concrete_fields if f.is_relation}
    keys = [obj.pk for _row, obj in changes]
    # By key alone: the kind's own filter of saved records, joined, made
    # SQLite scan the table once per key.
    by_key = kind.model._default_manager.using(queryset.db).select_related(
        *kind.select_related).order_by()
    records = {}
    for start in range(0, len(keys), LOAD_CHUNK):
        records.update((record.pk, record)
                       for record in by_key.filter(pk__in=keys[start:start + LOAD_CHUNK]))
    for row, obj in changes:
        current = records[obj.pk]
        for name in row.changed:
            setattr(current, name, getattr(obj, name))
            relation = relations.get(name)
            if relation is not None:  # keep the preloaded object, not a query
                setattr(current, relation, getattr(obj, relation))
        kind.before_update(current)
        row.instance = current


def _save(kind, outcome, user, batch_size) -> None:
    """Write the new and the changed records, each with its history.

    New records go out as multi-row INSERTs or a COPY of plain tuples (see
    sql.py); when the database refuses them, they are written again in a
    transaction rolled back, to name the row (`DatabaseRefused`)."""
    model = kind.model
    history_user = user if getattr(user, "pk", None) else None
    created, updated = outcome.created, outcome.updated
    fields = list(dict.fromkeys(
        [name for row in outcome.rows if row.action == UPDATE for name in row.changed]
        + list(kind.extra_update_fields)
    ))
    try:
        with transaction.atomic():
            if created:
                sql.create(model, created, batch_size=batch_size)
                history.record_saved(model, [obj.pk for obj in created], history_user,
                                     history.CREATED, reason=REASON)
            if updated:
                sql.update(model, updated, fields, batch_size=batch_size)
                history.record_saved(model, [obj.pk for obj in updated], history_user,
                                     history.CHANGED, reason=REASON)
            rows_saved.send(sender=kind.__class__, model=model, objs=[*created, *updated])
    except IntegrityError as error:
        for obj in created:  # keys of a rolled-back INSERT mean nothing
            obj.pk = None
            obj._state.adding = True
        raise _find_refused(kind, outcome, fields) or error from error


class DatabaseRefused(IntegrityError):
    """The database refused one row; the problem names it."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _find_refused(kind, outcome, fields) -> DatabaseRefused | None:
    """Write the rows again, a batch at a time, and a refused batch row by
    row; roll it all back. The first row refused is the one to name."""
    model = kind.model
    writes = {
        NEW: lambda rows: sql.create(model, [row.instance for row in rows]),
        UPDATE: lambda rows: sql.update(model, [row.instance for row in rows], fields),
    }
    found = None
    try:
        with transaction.atomic():
            for action, write in writes.items():
                rows = [row for row in outcome.rows if row.action == action]
                found = _first_refused(kind, rows, write)
                if found is not None:
                    break
            raise _Rollback
    except (_Rollback, IntegrityError):
        pass
    _forget_keys(outcome)
    return found


def _first_refused(kind, rows, write) -> DatabaseRefused | None:
    for start in range(0, len(rows), sql.BATCH):
        batch = rows[start:start + sql.BATCH]
        try:
            with transaction.atomic():
                write(batch)
            continue
        except IntegrityError:
            pass
        for row in batch:
            try:
                with transaction.atomic():
                    write([row])
            except IntegrityError as error:
                return DatabaseRefused(_refusal(kind, row.number, error))
        return None
    return None


class _Rollback(Exception):
    pass


def _refusal(kind, number: int, error: Exception) -> Problem:
    """The model's own Russian message for the constraint the database
    names, with its column; the database's text if none matches."""
    text = str(error)
    meta = kind.model._meta
    headers = {name: c.header for c in kind.columns for name in c.fields}
    headers.update({name.removesuffix("_id"): h for name, h in list(headers.items())})
    rules = []  # (fields, message, names the database may quote)
    for constraint in meta.constraints:
        fields = list(getattr(constraint, "fields", ()) or ())
        columns = ", ".join(f"{meta.db_table}.{meta.get_field(f).column}" for f in fields)
        rules.append((fields, constraint.get_violation_error_message(),
                      [constraint.name] + ([columns] if columns else [])))
    for model_field in meta.concrete_fields:
        if model_field.unique and not model_field.primary_key:
            rules.append(([model_field.name], model_field.error_messages.get("unique") or "",
                          [f"{meta.db_table}.{model_field.column}",  # SQLite
                           f"{meta.db_table}_{model_field.column}_key"]))  # PostgreSQL
    for fields, message, names in rules:
        if any(_quotes(text, name) for name in names):
            header = next((headers[f] for f in fields if f in headers), "")
            return Problem(number, header, message or "запись нарушает правило реестра")
    return Problem(number, "", f"база данных отклонила запись: {text}")


def _quotes(text: str, name: str) -> bool:
    """Whether a database message names `name` as a whole word."""
    return re.search(rf"(?<![\w.]){re.escape(name)}(?![\w.])", text) is not None
