"""Change history for writes that bypass Model.save().

simple-history records a row on every save() and delete() through signals.
Bulk writes send no signals: an import's bulk_create(), a queryset's
update() and bulk_update() would change the registry without a trace. The
import helper calls `record_bulk` after its bulk writes; the registry's
querysets inherit `HistoricalQuerySet`, whose update() and bulk_update()
record a "changed" row for every row they touch.
"""

import operator

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models, router, transaction
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import HistoricalRecords
from simple_history.utils import get_history_manager_for_model

CREATED, CHANGED, DELETED = "+", "~", "-"

# Rows are read back and recorded in chunks so that a city-wide update()
# neither builds one huge IN list nor holds every row in memory at once.
CHUNK = 500
# What save() reads from an instance to describe its historical row.
PER_OBJECT = ("_history_date", "_history_user", "_change_reason")


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


def record_bulk(model, objs, user=None, change_type=CHANGED, *, reason="", batch_size=None):
    """Write one historical row per object, as save() would have.

    `objs` are saved instances carrying their primary keys (bulk_create sets
    them on PostgreSQL and SQLite) and, for CHANGED, their new values.
    `user` defaults to the user of the current request; an object's own
    `_history_user`, `_history_date` and `_change_reason` win, as with save().
    Rows go out as multi-row INSERTs of plain tuples (imports.sql), not as
    historical model instances. Returns the number of rows written; 0 for a
    model without history.
    """
    manager = history_manager(model)
    if manager is None or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return 0
    from kemerovo_tos.imports import sql

    historical = manager.model
    objs = list(objs)
    if not objs:
        return 0
    using = router.db_for_write(historical)
    connection = connections[using]
    user = user or current_user()
    user_id = getattr(user, "pk", None)
    now = timezone.now()
    tracked = {f.attname for f in historical.tracked_fields}
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
    fields = [f for f in historical._meta.concrete_fields if f is not historical._meta.pk]
    unknown = [f.attname for f in fields if f.attname not in tracked and f.attname not in own]
    if unknown:
        raise ImproperlyConfigured(f"record_bulk does not know {historical.__name__}.{unknown}")
    per_object = any(hasattr(obj, name) for obj in objs for name in PER_OBJECT)
    columns = []
    for field in fields:
        convert = sql.converter(field, connection) or (lambda value: value)
        if field.attname in tracked or per_object:
            read = (own[field.attname] if field.attname in own
                    else operator.attrgetter(field.attname))
            values = sql.convert_all(map(read, objs), convert)
        else:
            value = defaults[field.attname]
            values = [None if value is None else convert(value)] * len(objs)
        columns.append(values)
    sql.insert(historical, [f.column for f in fields], list(zip(*columns, strict=True)),
               using=using, batch_size=batch_size)
    return len(objs)


class HistoricalQuerySet(models.QuerySet):
    """A registry queryset whose bulk writes leave history behind.

    update() reads the touched rows back after the write and records them;
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
            fresh = self.model._base_manager.using(self.db)
            for start in range(0, len(pks), CHUNK):
                record_bulk(self.model, fresh.filter(pk__in=pks[start:start + CHUNK]))
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
