"""Change history for writes that bypass Model.save().

simple-history records a row on every save() and delete() through signals.
Bulk writes send no signals: an import's bulk_create(), a queryset's
update() and bulk_update() would change the registry without a trace. The
import helper calls `record_bulk` after its bulk writes; the registry's
querysets inherit `HistoricalQuerySet`, whose update() and bulk_update()
record a "changed" row for every row they touch.
"""

import json

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models, router, transaction
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import HistoricalRecords
from simple_history.utils import get_history_manager_for_model

CREATED, CHANGED, DELETED = "+", "~", "-"

# The keys of a city-wide update() are recorded in chunks, so that no one
# statement carries an unbounded list of keys.
CHUNK = 5000
# What save() reads from an instance to describe its historical row.
PER_OBJECT = ("_history_date", "_history_user", "_change_reason")
OWN_COLUMNS = ("history_date", "history_user_id", "history_change_reason", "history_type")


def history_manager(model):
    """The history manager of a model, or None for a model without history."""
    try:
        return get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return None


def current_user():
    """The user of the request being served (HistoryRequestMiddleware), if any."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _own_columns(historical) -> list:
    """The historical model's fields that are not copies of tracked ones:
    history_date, history_user, history_change_reason, history_type. Any
    other column (a custom history field) is an error, not a silent gap."""
    tracked = {f.attname for f in historical.tracked_fields}
    fields = [f for f in historical._meta.concrete_fields if f is not historical._meta.pk]
    own = [f for f in fields if f.attname not in tracked]
    unknown = [f.attname for f in own if f.attname not in OWN_COLUMNS]
    if unknown:
        raise ImproperlyConfigured(f"record_bulk does not know {historical.__name__}.{unknown}")
    return own


def _history_model(model):
    manager = history_manager(model)
    if manager is None or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return None
    return manager.model


def record_bulk(model, objs, user=None, change_type=CHANGED, *, reason="", batch_size=None):
    """Write one historical row per object, as save() would have.

    `objs` are saved instances carrying their primary keys (bulk_create sets
    them on PostgreSQL and SQLite) and, for CHANGED, their new values.
    `user` defaults to the user of the current request; an object's own
    `_history_user`, `_history_date` and `_change_reason` win, as with save().
    Rows go out as multi-row INSERTs (a COPY on PostgreSQL) of plain tuples
    (imports.sql), not as historical model instances. Returns the number of
    rows written; 0 for a model without history.
    """
    historical = _history_model(model)
    objs = list(objs)
    if historical is None or not objs:
        return 0
    from core.imports import sql

    using = router.db_for_write(historical)
    connection = connections[using]
    user = user or current_user()
    user_id = getattr(user, "pk", None)
    now = timezone.now()
    defaults = {"history_date": now, "history_user_id": user_id,
                "history_change_reason": reason or None, "history_type": change_type}
    own = {
        "history_date": lambda obj: getattr(obj, "_history_date", now),
        "history_user_id": lambda obj: getattr(obj._history_user, "pk", None)
        if hasattr(obj, "_history_user") else user_id,
        "history_change_reason": lambda obj: getattr(obj, "_change_reason", None)
        or reason or None,
        "history_type": lambda obj: change_type,
    }
    own_fields = _own_columns(historical)
    fields = [f for f in historical._meta.concrete_fields if f is not historical._meta.pk]
    per_object = any(hasattr(obj, name) for obj in objs for name in PER_OBJECT)
    columns = []
    for field in fields:
        convert = sql.converter(field, connection)
        if field not in own_fields:
            values = [getattr(obj, field.attname) for obj in objs]
        elif per_object:
            values = [own[field.attname](obj) for obj in objs]
        else:
            values = [defaults[field.attname]] * len(objs)
        if convert is not None:
            values = sql.convert_all(values, convert)
        columns.append(values)
    sql.insert(historical, [f.column for f in fields], list(zip(*columns, strict=True)),
               using=using, batch_size=batch_size)
    return len(objs)


def record_saved(model, pks, user=None, change_type=CHANGED, *, reason="", using=None):
    """Write one historical row per saved row of `model` whose key is in
    `pks`, copied by the database itself from the table (one
    INSERT ... SELECT), for rows just written in this transaction: nothing
    is read back or sent but the keys. `user` and `reason` as in
    record_bulk(). Returns the number of rows written."""
    historical = _history_model(model)
    pks = list(pks)
    if historical is None or not pks:
        return 0
    using = using or router.db_for_write(historical)
    connection = connections[using]
    quote = connection.ops.quote_name
    user = user or current_user()
    constants = {"history_date": timezone.now(), "history_user_id": getattr(user, "pk", None),
                 "history_change_reason": reason or None, "history_type": change_type}
    own_fields = _own_columns(historical)
    columns, selected, params = [], [], []
    for field in historical._meta.concrete_fields:
        if field is historical._meta.pk:
            continue
        columns.append(quote(field.column))
        if field in own_fields:
            value = field.get_db_prep_save(constants[field.attname], connection)
            if connection.vendor == "postgresql":  # a bare NULL would be text
                selected.append(f"CAST(%s AS {field.cast_db_type(connection)})")
            else:
                selected.append("%s")
            params.append(value)
        else:
            selected.append(quote(model._meta.get_field(field.name).column))
    pk = quote(model._meta.pk.column)
    if connection.vendor == "postgresql":
        where, keys = f"{pk} = ANY(%s)", pks
    else:
        where, keys = f"{pk} IN (SELECT value FROM json_each(%s))", json.dumps(pks)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(historical._meta.db_table)} ({', '.join(columns)}) "
            f"SELECT {', '.join(selected)} FROM {quote(model._meta.db_table)} WHERE {where}",
            [*params, keys])
        return cursor.rowcount


class HistoricalQuerySet(models.QuerySet):
    """A registry queryset whose bulk writes leave history behind.

    update() records the touched rows after the write, copied by the
database from the table (record_saved);
    bulk_update() records the given objects once (Django implements it with
    update(), which is told not to record the same rows again).
    """

    _skip_history = False

    def update(self, **kwargs):
        if self._skip_history or history_manager(self.model) is None:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            for start in range(0, len(pks), CHUNK):
                record_saved(self.model, pks[start:start + CHUNK], using=self.db)
        return count

    update.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        objs = list(objs)
        quiet = self._chain()
        quiet._skip_history = True
        with transaction.atomic(using=self.db, savepoint=False):
            count = super(HistoricalQuerySet, quiet).bulk_update(
                objs, fields, batch_size=batch_size
            )
            record_bulk(self.model, objs)
        return count

    bulk_update.alters_data = True

    def _clone(self):
        clone = super()._clone()
        clone._skip_history = self._skip_history
        return clone
