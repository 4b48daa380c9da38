"""Time the annual report on whatever DATABASE_URL points at.

    DATABASE_URL=... .venv/bin/python bench/report.py [year] [--runs N]

Prints the aggregation time and its query count, beside it the ratio to
one plain `SELECT count(*), sum(participants)` over the events table in the
same run (so a slow machine shows as a slow scan too), and the PDF time.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.models import Event  # noqa: E402
from reports import booklet  # noqa: E402
from reports.aggregates import annual_report  # noqa: E402


def timed(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def scan() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), sum(participants) FROM {Event._meta.db_table}")
        cursor.fetchone()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("year", type=int, nargs="?", default=2022)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    annual_report(args.year)  # warm the connection and caches
    with CaptureQueriesContext(connection) as queries:
        annual_report(args.year)
    aggregation = timed(lambda: annual_report(args.year), args.runs)
    full_scan = timed(scan, args.runs)
    pdf = timed(lambda: booklet.booklet_pdf(args.year), max(1, args.runs // 2))

    events = Event.objects.count()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"events in the table: {events}")
    print(f"aggregation {args.year}: {aggregation:.3f} s, {len(queries)} queries "
          f"(target < 1 s)")
    print(f"plain scan of events: {full_scan * 1000:.1f} ms; "
          f"aggregation / scan = {aggregation / full_scan:.1f} (target <= 3)")
    print(f"PDF booklet {args.year}: {pdf:.2f} s (target < 5 s)")


if __name__ == "__main__":
    main()
