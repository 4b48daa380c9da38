"""Change history for writes that bypass Model.save().

simple-history records a row on every save() and delete() through signals.
Bulk writes send no signals: an import's bulk_create(), a queryset's
update() and bulk_update() would change the registry without a trace. The
import helper calls `record_bulk` after its bulk writes; the registry's
querysets inherit `HistoricalQuerySet`, whose update() and bulk_update()
record a "changed" row for every row they touch.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import HistoricalRecords
from simple_history.utils import get_change_reason_from_object, get_history_manager_for_model

CREATED, CHANGED, DELETED = "+", "~", "-"

# Rows are read back and recorded in chunks so that a city-wide update()
# neither builds one huge IN list nor holds every row in memory at once.
CHUNK = 500


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


def record_bulk(model, objs, user=None, change_type=CHANGED, *, reason="", batch_size=CHUNK):
    """Write one historical row per object, as save() would have.

    `objs` are saved instances carrying their primary keys (bulk_create sets
    them on PostgreSQL and SQLite) and, for CHANGED, their new values.
    `user` defaults to the user of the current request. Returns the rows
    written; nothing for a model without history.
    """
    manager = history_manager(model)
    if manager is None or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return []
    historical = manager.model
    user = user or current_user()
    now = timezone.now()
    rows = []
    for obj in objs:
        row = historical(
            history_date=getattr(obj, "_history_date", now),
            history_user=getattr(obj, "_history_user", user),
            history_change_reason=get_change_reason_from_object(obj) or reason or None,
            history_type=change_type,
            **{f.attname: getattr(obj, f.attname) for f in historical.tracked_fields},
        )
        rows.append(row)
    return historical.objects.bulk_create(rows, batch_size=batch_size)


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
