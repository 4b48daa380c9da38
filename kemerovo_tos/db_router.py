"""Send report reads to a PostgreSQL streaming replica when one is set.

Only code that asks for it reads from the replica (`using=reporting_db()`):
the annual report's aggregates tolerate a replica's lag of a few seconds;
lists and forms, which show what a user has just saved, read the primary.
"""

from django.conf import settings

REPLICA = "replica"


def reporting_db() -> str:
    return REPLICA if REPLICA in settings.DATABASES else "default"


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return None  # the primary, unless a query names the replica itself

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same data

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
