"""Multi-row INSERT through the database cursor, without the ORM's compiler.

Django's bulk_create prepares every value of every row through the field's
get_db_prep_save() and its SQL compiler: for 24 000 rows of a dozen columns
that is most of an import's time. Here each column gets one converter,
chosen once from its field (most columns need none: str, int, bool and None
go to both drivers as they are), and the rows go out as
`INSERT ... VALUES (...), (...), ... RETURNING id` in batches. The cursor is
Django's, so queries are counted and logged as usual.
"""

import contextlib
import datetime
import io
import itertools
from collections.abc import Callable, Iterable, Sequence

from django.db import connections
from django.db.models import DateField, DateTimeField, Field, Model
from django.utils import timezone

# Columns whose Python values both SQLite and psycopg2 take as they are.
PASSTHROUGH = {
    "AutoField", "BigAutoField", "SmallAutoField", "BigIntegerField", "BooleanField",
    "CharField", "EmailField", "ForeignKey", "IntegerField", "OneToOneField",
    "PositiveBigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "SlugField", "SmallIntegerField", "TextField", "URLField",
}
# Rows per INSERT statement; also bounded by the driver's parameter limit.
BATCH = 500


def converter(field: Field, connection) -> Callable | None:
    """The function that turns a field's Python value into the database's, or
    None when the driver takes the value as it is."""
    internal = field.get_internal_type()
    if internal in PASSTHROUGH:
        return None
    if internal == "DateField":
        return connection.ops.adapt_datefield_value
    if internal == "DateTimeField":
        return connection.ops.adapt_datetimefield_value

    def prepare(value, field=field, connection=connection):
        return field.get_db_prep_save(value, connection)

    return prepare


def convert_all(values: Iterable, convert: Callable, none=None) -> list:
    """`convert` applied to each value but None (which becomes `none`), once
    per distinct value: a column repeats its dates and the moment of the
    import."""
    done = {None: none}
    out = []
    for value in values:
        try:
            out.append(done[value])
        except KeyError:
            done[value] = converted = convert(value)
            out.append(converted)
        except TypeError:  # an unhashable value
            out.append(convert(value))
    return out


def column_values(fields: Sequence[Field], objs: Sequence[Model], connection) -> list[tuple]:
    """The rows of `objs` as tuples of database values, column by column."""
    columns = []
    for field in fields:
        values = [getattr(obj, field.attname) for obj in objs]
        convert = converter(field, connection)
        if convert is not None:
            values = convert_all(values, convert)
        columns.append(values)
    return list(zip(*columns, strict=True))


def fast_path(connection) -> bool:
    """Whether the database takes what this module writes: SQLite 3.35 or
    later (RETURNING, UPDATE ... FROM), PostgreSQL through psycopg2 (COPY)."""
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version_info >= (3, 35)
    if connection.vendor == "postgresql":
        from django.db.backends.postgresql.psycopg_any import is_psycopg3

        return not is_psycopg3
    return False


def rows_per_statement(connection, width: int, batch_size: int | None = None) -> int:
    if connection.vendor == "sqlite":
        import sqlite3

        raw = connection.connection
        limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if raw else 999
    else:
        limit = 65_535
    return max(1, min(batch_size or BATCH, limit // max(width, 1)))


def insert(
    model_or_table,
    columns: Sequence[str],
    rows: Sequence[tuple],
    *,
    returning: str = "",
    using: str = "default",
    batch_size: int | None = None,
) -> list:
    """INSERT `rows` (tuples of database values, in `columns` order) into a
    table; with `returning`, the values of that key column for the rows, in
    their order. PostgreSQL gets one COPY (`copy`); SQLite multi-row
    INSERTs of at most `batch_size` rows."""
    connection = connections[using]
    table = (model_or_table if isinstance(model_or_table, str)
             else model_or_table._meta.db_table)
    if not rows:
        return []
    if connection.vendor == "postgresql" and fast_path(connection):
        return copy(connection, table, columns, rows, returning)
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES "
    tail = f" RETURNING {quote(returning)}" if returning else ""
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    step = rows_per_statement(connection, len(columns), batch_size)
    returned = []
    statements: dict[int, str] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(rows), step):
            chunk = rows[start:start + step]
            sql = statements.get(len(chunk))
            if sql is None:
                sql = statements[len(chunk)] = head + ", ".join([one] * len(chunk)) + tail
            cursor.execute(sql, list(itertools.chain.from_iterable(chunk)))
            if returning:
                # Keys are handed out in the order of the VALUES list; sorting
                # does not rely on the order RETURNING reports them in.
                returned.extend(sorted(row[0] for row in cursor.fetchall()))
    return returned


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def copy_text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(COPY_ESCAPES)
    if isinstance(value, datetime.date):  # and datetime
        return value.isoformat()
    return str(value).translate(COPY_ESCAPES)


COPY_SPECIAL = ("\\", "\n", "\r", "\t")


def copy_column(values: Sequence) -> list[str]:
    """A column's values in COPY's text format, with one check of the whole
    column where the values are all text or all numbers."""
    kinds = set(map(type, values))
    has_none = type(None) in kinds
    kinds.discard(type(None))
    if kinds <= {str}:
        joined = "".join(value for value in values if value is not None)
        if any(char in joined for char in COPY_SPECIAL):
            return [copy_text(value) for value in values]
        if has_none:
            return ["\\N" if value is None else value for value in values]
        return list(values)
    if kinds <= {int}:
        return ["\\N" if value is None else str(value) for value in values]
    return convert_all(values, copy_text, none="\\N")


def copy(connection, table: str, columns: Sequence[str], rows: Sequence[tuple],
         returning: str = "") -> list:
    """PostgreSQL: the rows in one COPY FROM STDIN. The keys, when asked
    for, are taken from the column's sequence first (one query) and sent
    with the rows."""
    quote = connection.ops.quote_name
    keys = []
    with connection.cursor() as cursor:
        if returning:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), returning, len(rows)])
            keys = sorted(row[0] for row in cursor.fetchall())
            columns = [returning, *columns]
        cells = [copy_column(column) for column in zip(*rows, strict=True)]
        if returning:
            cells.insert(0, [str(key) for key in keys])
        text = "\n".join(map("\t".join, zip(*cells, strict=True))) + "\n"
        sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        debug = getattr(cursor, "debug_sql", None)
        with debug(sql) if debug else contextlib.nullcontext(), \
                connection.wrap_database_errors:
            cursor.cursor.copy_expert(sql, io.StringIO(text))
    return keys


def set_auto_values(model: type[Model], objs: Iterable[Model]) -> None:
    """What save() would set before an INSERT: auto_now and auto_now_add
    dates, any other field's pre_save(), and the columns a model derives
    from its relations (its `derive`, e.g. an event's territory)."""
    objs = list(objs)
    derive = getattr(model, "derive", None)
    if derive is not None:
        derive(objs)
    now = timezone.now()
    for field in model._meta.concrete_fields:
        if isinstance(field, DateField) and (field.auto_now or field.auto_now_add):
            value = now if isinstance(field, DateTimeField) else datetime.date.today()
            for obj in objs:
                setattr(obj, field.attname, value)
        elif type(field).pre_save is not Field.pre_save and not isinstance(field, DateField):
            for obj in objs:
                setattr(obj, field.attname, field.pre_save(obj, True))


def create(model: type[Model], objs: Sequence[Model], *, using: str = "default",
           batch_size: int | None = None) -> None:
    """bulk_create() for objects without keys: the rows go out through
    `insert` and each object gets its key, as after save()."""
    if not objs:
        return
    connection = connections[using]
    if not fast_path(connection) or model._meta.parents or any(
            obj.pk is not None for obj in objs) or model._meta.pk.get_internal_type() not in (
            "AutoField", "BigAutoField", "SmallAutoField"):
        # Multi-table inheritance, keys of one's own, an old SQLite or another
        # driver: leave it to Django.
        model._default_manager.using(using).bulk_create(objs, batch_size=batch_size)
        return
    set_auto_values(model, objs)
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    rows = column_values(fields, objs, connection)
    keys = insert(model, [f.column for f in fields], rows, returning=pk.column, using=using,
                  batch_size=batch_size)
    if len(keys) != len(objs):
        from django.db import DatabaseError

        raise DatabaseError("the database returned no keys for the new rows")
    for obj, key in zip(objs, keys, strict=True):
        setattr(obj, pk.attname, key)
        obj._state.adding = False
        obj._state.db = using


def update(model: type[Model], objs: Sequence[Model], fields: Sequence[str], *,
           using: str = "default", batch_size: int | None = None) -> int:
    """bulk_update() without its CASE WHEN per field and row: the new values
    go in as a VALUES list joined to the table by key,
    `UPDATE t SET f = v.f FROM (VALUES (...), ...) AS v WHERE t.id = v.id`
    (SQLite 3.33 and later, PostgreSQL). Sends no signals and records no
    history, as bulk_update() does not."""
    if not objs or not fields:
        return 0
    connection = connections[using]
    if not fast_path(connection):
        return model._base_manager.using(using).bulk_update(objs, fields,
                                                            batch_size=batch_size)
    quote = connection.ops.quote_name
    meta = model._meta
    pk = meta.pk
    targets = [meta.get_field(name) for name in fields]
    rows = column_values([pk, *targets], objs, connection)
    postgres = connection.vendor == "postgresql"
    names = [f"c{index}" for index in range(len(targets) + 1)]
    if postgres:
        alias = f"v ({', '.join(names)})"
        assign = [f"{quote(f.column)} = CAST(v.{name} AS {f.cast_db_type(connection)})"
                  for f, name in zip(targets, names[1:], strict=True)]
        key = f"CAST(v.{names[0]} AS {pk.cast_db_type(connection)})"
    else:  # SQLite names the columns of a VALUES list column1, column2, ...
        alias = "v"
        assign = [f"{quote(f.column)} = v.column{index + 2}" for index, f in enumerate(targets)]
        key = "v.column1"
    one = "(" + ", ".join(["%s"] * (len(targets) + 1)) + ")"
    table = quote(meta.db_table)
    step = rows_per_statement(connection, len(targets) + 1, batch_size)
    count = 0
    with connection.cursor() as cursor:
        for start in range(0, len(rows), step):
            chunk = rows[start:start + step]
            cursor.execute(
                f"UPDATE {table} SET {', '.join(assign)} FROM (VALUES "
                f"{', '.join([one] * len(chunk))}) AS {alias} "
                f"WHERE {table}.{quote(pk.column)} = {key}",
                list(itertools.chain.from_iterable(chunk)))
            count += cursor.rowcount
    return count
