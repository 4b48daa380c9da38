"""N times the 2022 demo, in the same proportions, for the benchmarks.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tos_bench_10x \\
        .venv/bin/python bench/make_data.py 10 --recreate
    DATABASE_URL=sqlite:////tmp/tos_bench_10x.sqlite3 .venv/bin/python bench/make_data.py 10

Loads the demo once (demo.loader.load_all: the 2022 registry
as the seed reports it, a smaller 2021, contests, narrative, demo log-ins),
then adds N-1 copies of everything a committee or a center owns: the
committees, their TOS bodies, activists (with their consents), events
(with their photo rows) and contest applications; the centers, their
clubs, events, receptions, prevention records and rental stock. The city itself stays one city: the
territories, the city-wide campaigns, the contests, the city's own events
(the gathering) and the initiative projects are not copied.

The demo's generators take no scale factor (their totals are the seed's
exact figures), so the copies are made here, in SQL: one INSERT ... SELECT
per table and copy, the copy's ids shifted by a multiple of the table's
largest id and its foreign keys by the same multiple of the parent's. No
row passes through Python, so 10x takes seconds beyond the demo itself.
Unique values get the copy's number (committee № 57..., «Импульс-2»).

`--recreate` drops and creates the PostgreSQL database (or deletes the
SQLite file) first. Not a test; prints the time of each step.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-not-a-secret")
os.environ.setdefault("DJANGO_DEBUG", "0")
# The demo draws its highlight photos into MEDIA_ROOT: not the work tree's.
os.environ.setdefault("DJANGO_MEDIA_ROOT", "/tmp/tos_bench_media")

# Committee numbers of copy k start at k * NUMBER_STEP + 1.
NUMBER_STEP = 100


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scale", type=int, help="how many times the 2022 demo (1, 10, ...)")
    parser.add_argument("--recreate", action="store_true",
                        help="drop and create the database (or delete the SQLite file) first")
    return parser.parse_args(argv)


def recreate_database(url: str) -> None:
    """An empty database at `url`, before Django connects to it."""
    import environ

    config = environ.Env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        for suffix in ("", "-wal", "-shm"):
            Path(config["NAME"] + suffix).unlink(missing_ok=True)
        return
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(
        host=config.get("HOST") or "127.0.0.1", port=config.get("PORT") or 5432,
        user=config.get("USER") or "postgres", password=config.get("PASSWORD") or None,
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        name = sql.Identifier(config["NAME"])
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    connection.close()


def scaled_models():
    """(model, extra WHERE on the source rows) in the order of their foreign
    keys: a copy's parents exist before it."""
    from centers.models import Center, Club, PreventionRecord, Reception, RentalItem
    from committees.models import Activist, Consent, DistrictCommittee, TosBody
    from contests.models import Application
    from events.models import Event, EventPhoto

    quote = _quote()
    event = quote(Event._meta.db_table)
    return [
        (DistrictCommittee, ""),
        (TosBody, ""),
        (Activist, ""),
        # Each activist's consents (the activists' and consents' lists read them).
        (Consent, ""),
        (Center, ""),
        (Club, ""),
        (Reception, ""),
        (PreventionRecord, ""),
        (RentalItem, ""),
        # The city's own events (the gathering) are the city's: one each.
        (Event, f"{quote('by_city')} = %s"),
        (EventPhoto, f"{quote('event_id')} IN (SELECT {quote('id')} FROM {event} "
                     f"WHERE {quote('by_city')} = %s)"),
        # Applications of committees, bodies and centers; residents' ones
        # and the results (one per place) stay as they are.
        (Application, f"{quote('applicant_kind')} <> %s"),
    ]


def _quote():
    from django.db import connection

    return connection.ops.quote_name


def unique_overrides(k: int) -> dict:
    """column -> SQL expression for copy k, for the values that must differ
    from the original's."""
    from centers.models import Center
    from committees.models import DistrictCommittee, TosBody

    quote = _quote()
    return {
        DistrictCommittee: {
            "number": f"{quote('number')} + {k * NUMBER_STEP}",
            "name": f"'Окружной комитет ТОС № ' || ({quote('number')} + {k * NUMBER_STEP})",
        },
        Center: {"name": f"{quote('name')} || '-{k + 1}'"},
        TosBody: {
            "name": f"CASE WHEN {quote('name')} = '' THEN '' "
                    f"ELSE {quote('name')} || '-{k + 1}' END",
        },
    }


def replicate(scale: int, log=print) -> dict:
    """Copies 1..scale-1 of every scaled table; returns the rows per model."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max

    from contests.models import Application

    quote = _quote()
    models = scaled_models()
    offsets = {model: model._base_manager.aggregate(top=Max("pk"))["top"] or 0
               for model, _ in models}
    with transaction.atomic(), connection.cursor() as cursor:
        for k in range(1, scale):
            overrides = unique_overrides(k)
            for model, where in models:
                started = time.perf_counter()
                table = quote(model._meta.db_table)
                columns, values = [], []
                for field in model._meta.concrete_fields:
                    columns.append(quote(field.column))
                    if field.primary_key:
                        values.append(f"{quote(field.column)} + {k * offsets[model]}")
                    elif field.is_relation and field.related_model in offsets:
                        shift = k * offsets[field.related_model]
                        values.append(f"{quote(field.column)} + {shift}")
                    elif field.column in overrides.get(model, {}):
                        values.append(overrides[model][field.column])
                    else:
                        values.append(quote(field.column))
                condition = f"{quote('id')} <= %s"
                params = [offsets[model]]
                if where:
                    condition += f" AND {where}"
                    params.append(
                        Application.ApplicantKind.PERSON if model is Application else False
                    )
                cursor.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"SELECT {', '.join(values)} FROM {table} WHERE {condition}",
                    params,
                )
                if k == scale - 1:
                    log(f"  {model._meta.verbose_name_plural}: копия {k + 1}, "
                        f"{cursor.rowcount} строк, {time.perf_counter() - started:.2f} с")
        # PostgreSQL's sequences must start past the copies' ids.
        for statement in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in models]):
            cursor.execute(statement)
    return {model._meta.label: model._base_manager.count() for model, _ in models}


def analyze() -> None:
    """Fresh planner statistics and visibility maps, as autovacuum would
    leave them on a live database (pg_class.reltuples for the admin's
    estimated count; index-only scans)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def main(argv=None) -> int:
    args = parse_args(argv)
    url = os.environ.get("DATABASE_URL")
    if not url:
        print("Set DATABASE_URL (postgres://... or sqlite:////tmp/...).", file=sys.stderr)
        return 2
    if args.scale < 1:
        print("The scale is 1 or more.", file=sys.stderr)
        return 2
    total_started = time.perf_counter()
    if args.recreate:
        recreate_database(url)

    import django

    django.setup()
    from django.core.management import call_command

    from demo import loader

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - started
    print(f"migrate: {migrate_seconds:.1f} с", flush=True)
    if loader.has_registry_data():
        print("The database already holds registry data: use --recreate.", file=sys.stderr)
        return 1

    started = time.perf_counter()
    loader.load_all(log=lambda message: print(message, flush=True))
    demo_seconds = time.perf_counter() - started
    print(f"демо 1x: {demo_seconds:.1f} с", flush=True)

    started = time.perf_counter()
    counts = replicate(args.scale)
    # The copies are plain SQL: the monthly returns' tally is counted again
    # for everyone, as load_demo does after its bulk inserts.
    from returns.tally import recount

    counts["returns.MonthTally"] = recount()
    copy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    analyze()
    analyze_seconds = time.perf_counter() - started
    for label, count in counts.items():
        print(f"  {label}: {count}")
    data_seconds = demo_seconds + copy_seconds + analyze_seconds
    print(
        f"{args.scale}x: демо {demo_seconds:.1f} с + копии {copy_seconds:.1f} с + анализ "
        f"{analyze_seconds:.1f} с = {data_seconds:.1f} с (с migrate и созданием базы "
        f"{time.perf_counter() - total_started:.1f} с)",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
