"""The time targets the test suite used to assert, as figures to read.

    .venv/bin/python bench/time_targets.py [--year 2022] [--runs N]

Wall-clock limits in tests fail on a busy shared machine and pass on a
slow one by luck, so the suite asserts query counts and this script prints
the seconds beside their targets:

- a zip bomb and an XML entity bomb are refused by
  core.imports.files.read_table before anything is unpacked (target
  < 0.5 s each; tests/imports/test_files.py checks that they are refused);
- the annual report's aggregation, reports.aggregates.annual_report(year)
  (target < 0.5 s), and the PDF booklet, reports.booklet.booklet_pdf(year)
  (target < 5 s), on the database DATABASE_URL points at, with the 2022
  demo loaded (`manage.py load_demo`); tests/reports/test_demo_report.py
  pins their query counts. Without events in the year this part is skipped.

Each figure is the median of --runs runs. Not a test: the numbers depend on
the machine (see docs/performance.md).
"""

import argparse
import os
import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import DatabaseError  # noqa: E402

from core.imports.files import FileRejected, read_table  # noqa: E402
from events.models import Event  # noqa: E402
from reports import booklet  # noqa: E402
from reports.aggregates import annual_report  # noqa: E402
from tests.imports.books import entity_bomb, xlsx, zip_bomb  # noqa: E402

HEADERS = ["Дата", "Название", "Вид", "Окружной комитет", "Участников"]


def timed(function, runs: int) -> float:
    """The median of `runs` calls' seconds."""
    return statistics.median(timeit.repeat(function, number=1, repeat=runs))


def refused(data: bytes, name: str):
    def read():
        try:
            read_table(data, name)
        except FileRejected:
            return
        raise SystemExit(f"{name}: not refused")
    return read


def has_events(year: int) -> bool:
    try:
        return Event.objects.in_year(year).exists()
    except DatabaseError:  # not migrated
        return False


def line(what: str, seconds: float, target: float) -> str:
    verdict = "ok" if seconds < target else "OVER"
    return f"{what}: {seconds:.4f} s (target < {target:g} s) {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2022)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    valid = xlsx(HEADERS, [["20.05.2022", "Праздник двора № 1", "Субботник", 7, 11]])
    print(line("zip bomb refused", timed(refused(zip_bomb(), "bomb.xlsx"), args.runs), 0.5))
    print(line("XML entity bomb refused",
               timed(refused(entity_bomb(valid), "events.xlsx"), args.runs), 0.5))

    if not has_events(args.year):
        print(f"no events in {args.year} in this database: report timings skipped "
              "(load the demo: manage.py load_demo)")
        return
    annual_report(args.year)  # warm the connection and caches
    print(line(f"aggregation {args.year}",
               timed(lambda: annual_report(args.year), args.runs), 0.5))
    print(line(f"PDF booklet {args.year}",
               timed(lambda: booklet.booklet_pdf(args.year), max(1, args.runs // 2)), 5))


if __name__ == "__main__":
    main()
