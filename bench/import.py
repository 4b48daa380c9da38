"""Import speed: rows/s of the project's engine beside django-import-export.

    .venv/bin/python bench/import.py              # SQLite and PostgreSQL
    .venv/bin/python bench/import.py --repeat 5   # medians of 5 runs
    DATABASE_URL=postgres://... .venv/bin/python bench/import.py   # that one

Without DATABASE_URL the script makes its own databases: a temporary SQLite
file and the PostgreSQL database `tos_imports` (or BENCH_POSTGRES_DB) on
127.0.0.1 (dropped and created anew, dropped again at the end), and runs
itself once per database. For each format it builds a workbook (24 000
activists, 10 000 events, 7 832 TOS bodies; BENCH_SIZES=activists:2000,...
for others) and times, as the city's administrator, from the .xlsx bytes
to the commit, both read by the same python-calamine reader:

- the engine (core/imports): checking every row, resolving natural keys,
  matching saved records, saving the records and their history;
- the library at its tuned best (bench/import_library.py: a ModelResource
  with use_bulk, skip_diff, force_init_instance, natural keys from lookups
  preloaded in before_import, the same cell parsers and row rules, the
  same history rows).

The two run in turn, A B A B; with --repeat N each figure is the median of
N runs. The rows a run committed are deleted, untimed, before the next,
and on PostgreSQL the tables are vacuumed, untimed, after each timed write,
so every timed run starts from a table without dead rows. Before timing,
both import a file with faulty rows (unknown names, bad cells, a model
rule broken, a row repeated) and must refuse the same rows. BENCH_BARE=1
also times bench/import_library.py's BareResource, the library with the
row rules and the history left out (it refuses fewer rows); BENCH_PHASES=1
times each phase of both alone instead (docs/import-engine.md). Not a test:
timings depend on the machine; tests/imports pins the query counts instead.
"""

import datetime
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_DB = os.environ.get("BENCH_POSTGRES_DB", "tos_imports")
POSTGRES_URL = f"postgres://postgres@127.0.0.1:5432/{POSTGRES_DB}"
SIZES = {"activists": 24_000, "events": 10_000, "tos_bodies": 7_832}


def sizes() -> dict[str, int]:
    """BENCH_SIZES=activists:24000,events:10000 (any of SIZES) or SIZES."""
    wanted = os.environ.get("BENCH_SIZES")
    if not wanted:
        return SIZES
    return {key: int(size) for key, size in (pair.split(":") for pair in wanted.split(","))}


def repeats() -> int:
    args = sys.argv[1:]
    if "--repeat" in args:
        return int(args[args.index("--repeat") + 1])
    return int(os.environ.get("BENCH_REPEAT", "1"))


def main():
    os.environ["BENCH_REPEAT"] = str(repeats())
    if os.environ.get("DATABASE_URL"):
        run_here()
        return
    env = {**os.environ, "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench"),
           "DJANGO_DEBUG": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        runs = [("SQLite", f"sqlite:///{tmp}/bench.sqlite3")]
        if recreate_postgres():
            runs.append(("PostgreSQL", POSTGRES_URL))
        try:
            for name, url in runs:
                print(f"== {name}", flush=True)
                subprocess.run([sys.executable, __file__],
                               env={**env, "DATABASE_URL": url, "BENCH_REPEAT": str(repeats())},
                               check=True)
        finally:
            if len(runs) > 1:
                recreate_postgres(create=False)


def recreate_postgres(create: bool = True) -> bool:
    try:
        import psycopg2
    except ImportError:
        return False
    try:
        connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    except psycopg2.OperationalError as error:
        print(f"PostgreSQL skipped: {error}")
        return False
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{POSTGRES_DB}"')
        if create:
            cursor.execute(f'CREATE DATABASE "{POSTGRES_DB}"')
    connection.close()
    return True


def run_here():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    reference_data()
    if not os.environ.get("BENCH_PHASES"):
        print(f"{'формат':<12}{'строк':>8}{'движок, строк/с':>18}{'библиотека, строк/с':>22}"
              f"{'доля':>7}{'отклонено':>12}")
    for key, size in sizes().items():
        if os.environ.get("BENCH_PHASES"):
            phases(key, size)
        else:
            bench(key, size)


def reference_data():
    from centers.models import Center
    from committees.models import DistrictCommittee, Territory, TosBody
    from events.models import Campaign

    if DistrictCommittee.objects.exists():
        return
    founded = datetime.date(2015, 1, 1)
    territories = Territory.objects.bulk_create(
        [Territory(name=f"Район {n}", order=n) for n in range(5)])
    committees = DistrictCommittee.objects.bulk_create([
        DistrictCommittee(number=n + 1, name=f"Окружной комитет ТОС № {n + 1}",
                          territory=territories[n % 5], founded=founded)
        for n in range(54)])
    TosBody.objects.bulk_create([
        TosBody(committee=committees[n % 54], kind=TosBody.Kind.HOUSE,
                address=f"ул. Существующая, {n + 1}", founded=founded)
        for n in range(2000)])
    Center.objects.bulk_create([
        Center(name=f"Центр {n}", territory=territories[n % 5], founded=founded)
        for n in range(45)])
    Campaign.objects.bulk_create([Campaign(name=f"Акция {n}") for n in range(5)])


def importer():
    """The city's administrator, whose name the history rows carry."""
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username="bench-importer", defaults={"is_staff": True, "is_superuser": True})
    return user


def rows_of(key, size) -> tuple[list[str], list[list]]:
    from committees.models import TosBody

    if key == "activists":
        bodies = list(TosBody.objects.select_related("committee").order_by("pk")[:2000])
        headers = ["Окружной комитет", "Орган ТОС", "ФИО", "Роль", "Телефон",
                   "Дата согласия на обработку ПДн", "Форма согласия", "Дата создания"]
        rows = []
        for n in range(size):
            body = bodies[n % len(bodies)]
            rows.append([body.committee.number, body.address, f"Активист Номер {n}",
                         "Член комитета", f"+7 (3842) {n:06d}", "10.01.2022", "Письменное",
                         datetime.date(2020, 1 + n % 12, 1)])
    elif key == "events":
        headers = ["Дата", "Название", "Вид", "Окружной комитет", "Центр",
                   "Городская акция", "Участников", "Молодежное движение", "Место"]
        rows = []
        for n in range(size):
            by_center = n % 3 == 0
            rows.append([datetime.date(2022, 1 + n % 12, 1 + n % 28), f"Мероприятие {n}",
                         "Субботник" if n % 2 else "Культурно-массовое мероприятие",
                         "" if by_center else 1 + n % 54,
                         f"Центр {n % 45}" if by_center else "",
                         f"Акция {n % 5}" if n % 4 == 0 else "", 10 + n % 90,
                         "да" if n % 5 == 0 else "", f"двор дома {n}"])
    else:
        headers = ["Окружной комитет", "Вид", "Адрес или границы", "Дата создания"]
        rows = [[1 + n % 54, "Уличный комитет", f"ул. Новая, {n + 1}", "01.03.2016"]
                for n in range(size)]
    return headers, rows


# Faulty cells for the check that both refuse the same rows: (row index,
# column, value). Unknown names, unparsable cells, an empty required cell,
# a text too long, a model rule (consent without its form), an organiser
# missing.
FAULTS = {
    "activists": [(3, 0, 999), (7, 1, "ул. Несуществующая, 1"), (11, 3, "Главный"),
                  (15, 5, "32.13.2020"), (19, 6, ""), (23, 2, "Я" * 201), (27, 2, ""),
                  (31, 7, "01.01.2202")],
    "events": [(3, 4, "Центр 99"), (4, 3, 999), (7, 6, "много"), (11, 6, -5),
               (15, 0, "01.01.2202"), (19, 2, "Праздник"), (20, 5, "Акция 99"),
               (23, 1, "")],
    "tos_bodies": [(3, 0, 999), (7, 1, "Дворовый клуб"), (11, 2, ""), (15, 3, "1 марта")],
}


def workbook(headers, rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def refused_alike(key) -> int:
    """Both refuse the same rows: of a file with faulty cells, and of one
    whose row repeats another (the engine names a repeat only in a file
    whose cells are all right). Returns the number of rows refused."""
    from bench.import_library import import_with_library, refused_rows
    from core.imports.engine import run_import
    from core.imports.files import read_table
    from core.imports.registry import get_kind

    headers, rows = rows_of(key, 40)
    faulty = [list(row) for row in rows]
    for index, column, value in FAULTS[key]:
        faulty[index][column] = value
    repeated = [list(row) for row in rows] + [list(rows[5])]
    total = 0
    for table_rows in (faulty, repeated):
        table = read_table(workbook(headers, table_rows))
        engine = run_import(get_kind(key), table, user=importer(), dry_run=True)
        engine_rows = sorted({problem.row for problem in engine.problems})
        library = import_with_library(get_kind(key), table, user=importer(), dry_run=True)
        library_rows = refused_rows(library, table)
        assert engine_rows and engine_rows == library_rows, (key, engine_rows, library_rows)
        assert not library.has_errors(), library.base_errors
        total += len(engine_rows)
    return total


def tidy(model):
    """Untimed, on PostgreSQL: VACUUM the tables a run wrote, so that the
    next timed run does not meet the dead rows (and their index and trigram
    entries) of the run before, deleted."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in (model._meta.db_table, model.history.model._meta.db_table):
            cursor.execute(f'VACUUM ANALYZE "{table}"')


def forget(model, last: int) -> None:
    """Untimed: delete the rows (and history rows) written after key `last`."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (model.history.model._meta.db_table, model._meta.db_table):
            cursor.execute(f'DELETE FROM "{table}" WHERE id > %s', [last])
    tidy(model)


def timed(run, model) -> float:
    """One timed import from cold parsing caches; its rows deleted after."""
    from django.db.models import Max

    from core.imports import columns

    last = max(model._default_manager.aggregate(m=Max("pk"))["m"] or 0,
               model.history.aggregate(m=Max("pk"))["m"] or 0)
    columns._fold.cache_clear()
    columns.parse_date_text.cache_clear()
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    forget(model, last)
    return seconds


def bench(key, size):
    import statistics

    from bench.import_library import import_with_library
    from core.imports.engine import run_import
    from core.imports.files import read_table
    from core.imports.registry import get_kind

    refused = refused_alike(key)
    model = get_kind(key).model
    data = workbook(*rows_of(key, size))
    user = importer()

    def engine():
        kind = get_kind(key)
        outcome = run_import(kind, read_table(data, "", kind.title), user=user)
        assert outcome.saved and outcome.count("new") == size, outcome.problems[:5]

    def library():
        kind = get_kind(key)
        result = import_with_library(kind, read_table(data, "", kind.title), user=user)
        assert not result.has_errors() and not result.has_validation_errors(), (
            result.base_errors[:1], result.invalid_rows[:1])
        assert model._default_manager.count() >= size

    def bare():
        kind = get_kind(key)
        result = import_with_library(kind, read_table(data, "", kind.title), user=user,
                                     bare=True)
        assert not result.has_errors() and not result.has_validation_errors()

    engine_times, library_times, bare_times = [], [], []
    for _ in range(int(os.environ.get("BENCH_REPEAT", "1"))):
        engine_times.append(timed(engine, model))
        library_times.append(timed(library, model))
        if os.environ.get("BENCH_BARE"):
            bare_times.append(timed(bare, model))
    if os.environ.get("BENCH_VERBOSE"):
        print(key, "engine", [round(t, 3) for t in engine_times],
              "library", [round(t, 3) for t in library_times])
    if bare_times:
        rate = f"{size / statistics.median(bare_times):,.0f}".replace(",", " ")
        print(f"{key}: bare library (no clean(), scope, repeats or history) {rate} rows/s")
    engine_rate = size / statistics.median(engine_times)
    library_rate = size / statistics.median(library_times)
    print(f"{key:<12}{size:>8}{engine_rate:>18,.0f}{library_rate:>22,.0f}"
          f"{engine_rate / library_rate:>7.2f}{refused:>12}".replace(",", " "), flush=True)


def phases(key, size):
    """BENCH_PHASES=1: each phase of both timed alone (docs/import-engine.md,
    «Where the time goes»), medians in seconds; every write rolled back."""
    import statistics

    import tablib
    from django.db import transaction

    from bench.import_library import resource_for
    from core.imports import columns, sql
    from core.imports.engine import run_import
    from core.imports.files import read_table
    from core.imports.registry import get_kind

    data = workbook(*rows_of(key, size))
    user = importer()
    times: dict[str, list[float]] = {}

    def clock(name, run):
        columns._fold.cache_clear()
        columns.parse_date_text.cache_clear()
        with transaction.atomic():
            started = time.perf_counter()
            value = run()
            times.setdefault(name, []).append(time.perf_counter() - started)
            transaction.set_rollback(True)
        tidy(get_kind(key).model)
        return value

    def unsave(objs):
        for obj in objs:
            obj.pk, obj._state.adding = None, True

    def one_pass():
        kind = get_kind(key)
        table = clock("read", lambda: read_table(data, "", kind.title))
        objs = clock("engine check", lambda: run_import(kind, table, user=user,
                                                        dry_run=True)).created
        clock("engine sql.create", lambda: sql.create(kind.model, objs))
        unsave(objs)
        clock("django bulk_create", lambda: kind.model.objects.bulk_create(objs))
        resource = resource_for(get_kind(key), user=user)
        dataset = tablib.Dataset(*table.rows, headers=table.headers)
        clock("library total", lambda: resource.import_data(
            dataset, use_transactions=True, rollback_on_validation_errors=True))
        times.setdefault("library write", []).append(resource.write_seconds)

    for _ in range(int(os.environ.get("BENCH_REPEAT", "1"))):
        one_pass()
    medians = {name: statistics.median(values) for name, values in times.items()}
    medians["library rows"] = medians["library total"] - medians["library write"]
    print(key, ", ".join(f"{name} {seconds:.2f}" for name, seconds in medians.items()),
          flush=True)


if __name__ == "__main__":
    main()
