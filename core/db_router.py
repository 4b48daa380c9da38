"""Send report reads to a PostgreSQL streaming replica when one is set.

Only code that asks for it reads from the replica, inside `report_reads()`:
the annual report's aggregates tolerate a replica's lag of a few seconds;
lists and forms, which show what a user has just saved, read the primary.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_report_reads = ContextVar("report_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def report_reads():
    """Reads inside this block go to the replica, if there is one."""
    token = _report_reads.set(True)
    try:
        yield
    finally:
        _report_reads.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _report_reads.get() and replica_configured():
            return REPLICA
        return None  # the primary

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same data

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
