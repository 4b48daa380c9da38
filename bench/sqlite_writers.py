"""Twenty threads write to one SQLite file at once; none may fail.

Each writer reads, then writes, inside one transaction: the pattern that
makes SQLite answer "database is locked" at once when a deferred read
transaction tries to become a write transaction. With the project's
settings (WAL, IMMEDIATE transactions, a busy timeout) writers queue instead.

    DATABASE_URL=sqlite:////tmp/w.sqlite3 python bench/sqlite_writers.py
"""

import datetime
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

WRITERS = int(os.environ.get("WRITERS", 20))
WRITES = int(os.environ.get("WRITES", 10))


def main() -> int:
    call_command("migrate", verbosity=0)
    from committees.models import DistrictCommittee, Territory
    from events.models import Event

    territory, _ = Territory.objects.get_or_create(name="Центральный район")
    committee, _ = DistrictCommittee.objects.get_or_create(
        number=1,
        defaults={
            "name": "ОК ТОС № 1",
            "territory": territory,
            "founded": datetime.date(2015, 1, 1),
        },
    )
    before = Event.objects.count()
    errors: list[str] = []
    barrier = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(WRITES):
                with transaction.atomic():
                    seen = Event.objects.filter(committee=committee).count()
                    Event.objects.create(
                        date=datetime.date(2022, 5, 1),
                        title=f"Субботник {n}-{i} (видел {seen})",
                        kind=Event.Kind.CLEANUP,
                        committee=committee,
                        participants=10,
                    )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(f"writer {n}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    added = Event.objects.count() - before
    print(f"{WRITERS} writers x {WRITES} writes: {added} events added, {len(errors)} errors")
    for e in errors[:5]:
        print(e)
    return 0 if not errors and added == WRITERS * WRITES else 1


if __name__ == "__main__":
    sys.exit(main())
