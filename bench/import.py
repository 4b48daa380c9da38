"""Import speed: rows/s of the import engine against a plain bulk_create.

    .venv/bin/python bench/import.py              # SQLite and PostgreSQL
    .venv/bin/python bench/import.py --repeat 5   # medians of 5 runs
    DATABASE_URL=postgres://... .venv/bin/python bench/import.py   # that one

Without DATABASE_URL the script makes its own databases: a temporary SQLite
file and the PostgreSQL database `tos_imports` (or BENCH_POSTGRES_DB) on
127.0.0.1 (dropped and created anew), and runs itself once per database.
With --repeat N each timing is the median of N runs; the rows an engine run
committed are deleted, untimed, before the next; on PostgreSQL the tables
are vacuumed, untimed, after each of the two timed writes, so that every
timed run starts from a table without dead rows. For each format it builds
a workbook (24 000 activists, 10 000 events, 7 832 TOS bodies), then times

- the engine end to end, as the city's administrator: reading the .xlsx
  with python-calamine, checking every row, resolving natural keys, saving
  the records and their history, commit;
- a plain bulk_create of the same model objects, in the same run (rolled
  back), without reading, checking or history;

and prints both rates and their ratio. Not a test: timings depend on the
machine; tests/imports pins the query counts instead.
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
        for name, url in runs:
            print(f"== {name}", flush=True)
            subprocess.run([sys.executable, __file__],
                           env={**env, "DATABASE_URL": url, "BENCH_REPEAT": str(repeats())},
                           check=True)


def recreate_postgres() -> bool:
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
    print(f"{'формат':<12}{'строк':>8}{'движок, строк/с':>18}{'bulk_create, строк/с':>23}"
          f"{'доля':>7}")
    for key, size in SIZES.items():
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


def workbook(key, size) -> bytes:
    from openpyxl import Workbook

    from committees.models import TosBody

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    if key == "activists":
        bodies = list(TosBody.objects.select_related("committee")[:2000])
        sheet.append(["Окружной комитет", "Орган ТОС", "ФИО", "Роль", "Телефон",
                      "Дата согласия на обработку ПДн", "Форма согласия", "Дата создания"])
        for n in range(size):
            body = bodies[n % len(bodies)]
            sheet.append([body.committee.number, body.address, f"Активист Номер {n}",
                          "Член комитета", f"+7 (3842) {n:06d}", "10.01.2022", "Письменное",
                          datetime.date(2020, 1 + n % 12, 1)])
    elif key == "events":
        sheet.append(["Дата", "Название", "Вид", "Окружной комитет", "Центр",
                      "Городская акция", "Участников", "Молодежное движение", "Место"])
        for n in range(size):
            by_center = n % 3 == 0
            sheet.append([datetime.date(2022, 1 + n % 12, 1 + n % 28), f"Мероприятие {n}",
                          "Субботник" if n % 2 else "Культурно-массовое мероприятие",
                          "" if by_center else 1 + n % 54,
                          f"Центр {n % 45}" if by_center else "",
                          f"Акция {n % 5}" if n % 4 == 0 else "", 10 + n % 90,
                          "да" if n % 5 == 0 else "", f"двор дома {n}"])
    else:
        sheet.append(["Окружной комитет", "Вид", "Адрес или границы", "Дата создания"])
        for n in range(size):
            sheet.append([1 + n % 54, "Уличный комитет", f"ул. Новая, {n + 1}", "01.03.2016"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def tidy(model):
    """Untimed, on PostgreSQL: VACUUM the tables a run wrote, so that the
    next timed run does not meet the dead rows (and their index and trigram
    entries) of the rolled-back bulk_create or of the deleted run before."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in (model._meta.db_table, model.history.model._meta.db_table):
            cursor.execute(f'VACUUM ANALYZE "{table}"')


def bench(key, size):
    import statistics

    from django.db import connection, transaction

    from core.imports import columns
    from core.imports.engine import run_import
    from core.imports.files import read_table
    from core.imports.registry import get_kind

    kind = get_kind(key)
    data = workbook(key, size)
    engine_times, plain_times = [], []
    for _ in range(int(os.environ.get("BENCH_REPEAT", "1"))):
        # The same objects the engine would save, for the plain bulk_create.
        plan = run_import(kind, read_table(data), dry_run=True)
        assert plan.ok, plan.problems[:5]
        objects = plan.created
        with transaction.atomic():
            started = time.perf_counter()
            kind.model.objects.bulk_create(objects)
            plain_times.append(time.perf_counter() - started)
            transaction.set_rollback(True)
        tidy(kind.model)

        user = importer()
        # The plan above folded the same names and parsed the same dates:
        # the timed run starts with cold caches, as a fresh file would.
        columns._fold.cache_clear()
        columns.parse_date_text.cache_clear()
        started = time.perf_counter()
        outcome = run_import(get_kind(key), read_table(data, "", kind.title), user=user)
        engine_times.append(time.perf_counter() - started)
        assert outcome.saved and outcome.count("new") == size, outcome.problems[:5]
        first = min(obj.pk for obj in outcome.created)
        with connection.cursor() as cursor:  # untimed: the next run starts alike
            history = kind.model.history.model._meta.db_table
            cursor.execute(f'DELETE FROM "{history}" WHERE id >= %s', [first])
            cursor.execute(f'DELETE FROM "{kind.model._meta.db_table}" WHERE id >= %s',
                           [first])
        tidy(kind.model)
    if os.environ.get("BENCH_VERBOSE"):
        print(key, "engine", [round(t, 3) for t in engine_times],
              "plain", [round(t, 3) for t in plain_times])
    engine_rate = size / statistics.median(engine_times)
    plain_rate = size / statistics.median(plain_times)
    print(f"{key:<12}{size:>8}{engine_rate:>18,.0f}{plain_rate:>23,.0f}"
          f"{engine_rate / plain_rate:>7.2f}".replace(",", " "), flush=True)


if __name__ == "__main__":
    main()
