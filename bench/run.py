"""The scale benchmark of issue 9: one table for SQLite and PostgreSQL at
1x and 10x the 2022 demo.

    .venv/bin/python bench/run.py                 # all four databases
    .venv/bin/python bench/run.py --only pg10     # one of sqlite1 sqlite10 pg1 pg10
    .venv/bin/python bench/run.py --import        # also bench/import.py's rows/s

The databases are made beforehand by bench/make_data.py (their names are in
DATABASES below). For each one this script runs itself in a child process
(one Django settings module, one database) and measures:

- a plain full scan of the events table, SELECT count(*), sum(participants);
- the annual report's aggregation, reports.aggregates.annual_report(2022)
  (every figure of the year), its time and queries;
- the PDF booklet, reports.booklet.booklet_pdf(2022);
- the server time of every admin list as city staff and as a chair, a few
  searched and filtered lists, and the portal's pages (chair's home, event
  list, event form; a center's home; the staff board; the monthly return
  of a chair and a center; the report page; the chair's TOS bodies and
  activists, a body, an activist, the consent form, «мои заявки»; the
  center's prevention month, receptions, clubs and rental stock; the
  year's checklist; and the page of 2022 published, in a transaction
  rolled back),
  each the median of --requests requests with Django's test client
  (force_login), and the queries of one more request.

Server time is what the view and the middleware take in this process, the
database round trips included; no HTTP, no static files. Not a test: the
numbers depend on the machine (see docs/performance.md).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2022
DATABASES = {
    "sqlite1": ("SQLite 1x", "sqlite:////tmp/tos_bench_1x.sqlite3"),
    "sqlite10": ("SQLite 10x", "sqlite:////tmp/tos_bench_10x.sqlite3"),
    "pg1": ("PostgreSQL 1x", "postgres://postgres@127.0.0.1:5432/tos_bench_1x"),
    "pg10": ("PostgreSQL 10x", "postgres://postgres@127.0.0.1:5432/tos_bench_10x"),
}
# A page is asked at least this many times, and more until --requests or
# until it has taken this long in all (a 2-second page needs no 20 runs).
MIN_REQUESTS = 5
PAGE_BUDGET_SECONDS = 8


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", choices=sorted(DATABASES),
                        help="measure only this database (repeatable)")
    parser.add_argument("--requests", type=int, default=20, help="requests per page")
    parser.add_argument("--import", dest="with_import", action="store_true",
                        help="also run bench/import.py (its own databases)")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--report", action="store_true",
                        help="only the scan, the report's aggregation and its page")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# The parent: one child per database, then the table -------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.child:
        return child(args)
    keys = args.only or list(DATABASES)
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-not-a-secret"),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_MEDIA_ROOT": os.environ.get("DJANGO_MEDIA_ROOT", "/tmp/tos_bench_media"),
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    results = {}
    for key in keys:
        title, url = DATABASES[key]
        print(f"== {title}", file=sys.stderr, flush=True)
        done = subprocess.run(
            [sys.executable, __file__, "--child", key, "--requests", str(args.requests),
             *(["--report"] if args.report else [])],
            env={**env, "DATABASE_URL": url}, capture_output=True, text=True,
        )
        sys.stderr.write(done.stderr)
        if done.returncode:
            print(f"{title}: failed", file=sys.stderr)
            continue
        results[key] = json.loads(done.stdout)
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} on {machine()}\n")
    print(table(results))
    if args.with_import:
        print("\n## bench/import.py\n")
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "import.py")],
                              env={k: v for k, v in env.items() if k != "DATABASE_URL"},
                              capture_output=True, text=True)
        print(done.stdout + done.stderr)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores ({cpu}), load average {load:.1f}"


def table(results: dict) -> str:
    keys = list(results)
    names = []
    for key in keys:
        for name in results[key]:
            if name not in names:
                names.append(name)
    head = "| measurement | " + " | ".join(DATABASES[k][0] for k in keys) + " |"
    rule = "|---|" + "---:|" * len(keys)
    lines = [head, rule]
    refused = []
    for name in names:
        rows = [results[key].get(name) for key in keys]
        if all(row is not None and row.get("status") == 403 for row in rows):
            refused.append(name)  # a list the chair may not open
            continue
        cells = []
        for key in keys:
            row = results[key].get(name)
            if row is None:
                cells.append("")
            elif "status" in row and row["status"] != 200:
                cells.append(f"HTTP {row['status']}")
            else:
                cell = f"{row['ms']:.0f} ms" if row["ms"] >= 10 else f"{row['ms']:.1f} ms"
                if row.get("queries") is not None:
                    cell += f" ({row['queries']} q)"
                if row.get("note"):
                    cell += f" {row['note']}"
                cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    if refused:
        lines.append(f"\nHTTP 403 everywhere, left out: {', '.join(refused)}.")
    return "\n".join(lines)


# The child: every measurement on one database -----------------------------------


def child(args) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
    import django

    django.setup()
    import logging

    from django.core.management import call_command
    from django.test.utils import override_settings

    # The chair's lists it may not open answer 403, each logged with its
    # traceback: expected here, and not what this output is for.
    logging.getLogger("django.request").setLevel(logging.ERROR)

    # Tables of apps added since bench/make_data.py made the database.
    call_command("migrate", verbosity=0)
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    from django.conf import settings

    with override_settings(
        ALLOWED_HOSTS=["testserver"],
        STORAGES={**settings.STORAGES, "staticfiles": plain_static},
        SECURE_SSL_REDIRECT=False,
    ):
        results = measure_all(args.requests, report_only=args.report)
    json.dump(results, sys.stdout, ensure_ascii=False)
    return 0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(function, runs: int) -> tuple[float, object]:
    """The median time of `runs` calls, in ms, and the last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def count_queries(function) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries.captured_queries)


def measure_all(requests: int, report_only: bool = False) -> dict:
    from django.contrib.auth.models import User
    from django.db import connection

    from reports.aggregates import annual_report
    from reports.booklet import booklet_pdf

    out = {}

    def scan():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), sum(participants) FROM events_event")
            return cursor.fetchone()

    scan()
    ms, (rows, _) = timed(scan, 7)
    out["events table: full scan count+sum"] = {"ms": ms, "queries": 1, "note": f"[{rows} rows]"}
    log(f"  scan {ms:.1f} ms")

    annual_report(YEAR)
    ms, _ = timed(lambda: annual_report(YEAR), 7)
    out["annual report aggregation (annual_report)"] = {
        "ms": ms, "queries": count_queries(lambda: annual_report(YEAR)),
        "note": f"[x{ms / out['events table: full scan count+sum']['ms']:.1f} scan]",
    }
    log(f"  annual_report {ms:.1f} ms")

    users = {name: User.objects.get(username=name) for name in ("staff", "chair", "center")}
    out.update(report_cache(users["staff"]))
    if report_only:
        label, url, user = next(p for p in pages(users) if p[0].startswith("reports:"))
        out[label] = page(url, users[user], requests)
        log(f"  {label}: {out[label]['ms']:.1f} ms, {out[label]['queries']} q")
        return out

    ms, pdf = timed(lambda: booklet_pdf(YEAR), 3)
    out["PDF booklet (booklet_pdf)"] = {"ms": ms, "queries": None,
                                        "note": f"[{len(pdf) // 1024} KiB]"}
    log(f"  booklet {ms:.0f} ms")

    for label, url, user in pages(users):
        row = page(url, users[user], requests)
        out[label] = row
        log(f"  {label}: {row['ms']:.1f} ms, {row['queries']} q, HTTP {row['status']}")
    out.update(published(users["staff"], requests))
    return out


def published(user, requests: int) -> dict:
    """The report page of a published year (issue 16): 2022 published
    through reports.editions' service and its edition made as the task
    makes it (snapshot, PDF, xlsx), then the page served from the edition
    and the same year's live figures (?live=1). All inside a transaction
    that is rolled back: the bench database stays an open year, since a
    closed 2022 would refuse the events bench/load.sh adds."""
    from django.core.files.storage import default_storage
    from django.db import transaction
    from django.urls import reverse

    from reports import editions

    url = reverse("reports:page", args=[YEAR])
    out, files = {}, []
    with transaction.atomic():
        started = time.perf_counter()
        edition = editions.publish(user=user, year=YEAR,
                                   note="bench" if editions.latest(YEAR) else "")
        editions.run_edition(edition.pk)
        edition.refresh_from_db()
        files = [f.name for f in (edition.pdf, edition.xlsx) if f]
        out["reports: publish 2022 (edition made: snapshot, PDF, xlsx)"] = {
            "ms": (time.perf_counter() - started) * 1000, "queries": None,
            "note": f"[{edition.get_status_display()}]"}
        for label, query in (("reports: published edition's page", ""),
                             ("reports: published year, live figures (?live=1)", "?live=1")):
            out[label] = page(url + query, user, requests)
        transaction.set_rollback(True)
    for name in files:
        default_storage.delete(name)
    for name, row in out.items():
        log(f"  {name}: {row['ms']:.1f} ms, {row['queries']} q")
    return out


FIRST_REQUEST = """
import os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
from kemerovo_tos.wsgi import application  # a gunicorn worker's boot
from django.contrib.auth.models import User
from django.test import Client
from django.test.utils import override_settings
from django.conf import settings
plain = {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False,
                       STORAGES={{**settings.STORAGES, "staticfiles": plain}}):
    client = Client()  # loads the middleware, as a gunicorn worker does at boot
    client.force_login(User.objects.get(username={user!r}))
    started = time.perf_counter()
    status = client.get({url!r}).status_code
    print((time.perf_counter() - started) * 1000, status, sorted(
        {{"matplotlib", "weasyprint"}} & set(sys.modules)))
"""


def report_cache(user) -> dict:
    """The live report page and its cache (issue 16): a page of data that
    has just changed (nothing cached: computed, drawn, stored), the same
    page warm, and the first request of a fresh process with the shared
    cache warm: the process boots as a gunicorn worker does (imports
    kemerovo_tos/wsgi.py), then its first request is timed."""
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    url = reverse("reports:page", args=[YEAR])
    client = Client()
    client.force_login(user)
    out = {}
    times = []
    for _ in range(3):
        cache.clear()  # as after a change of the data: a new version key
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    out["reports: report page, data changed (cache miss)"] = {
        "ms": statistics.median(times), "queries": None}
    ms, _ = timed(lambda: client.get(url), 20)
    out["reports: report page, warm cache"] = {
        "ms": ms, "queries": count_queries(lambda: client.get(url))}
    times, loaded = [], []
    for _ in range(5):
        done = subprocess.run(
            [sys.executable, "-c", FIRST_REQUEST.format(root=str(ROOT), user=user.username,
                                                       url=url)],
            capture_output=True, text=True, check=True)
        ms, status, modules = done.stdout.strip().split(" ", 2)
        times.append(float(ms))
        loaded.append(modules)
    out["reports: report page, first request of a fresh process"] = {
        "ms": statistics.median(times), "queries": None,
        "note": f"[n=5, loaded: {loaded[-1]}]"}
    for name, row in out.items():
        log(f"  {name}: {row['ms']:.1f} ms")
    return out


def pages(users) -> list[tuple[str, str, str]]:
    """(label, URL, username) of every page measured."""
    from django.contrib import admin
    from django.db.models import Count
    from django.urls import reverse

    from committees.models import Activist, TosBody
    from core.scoping import get_scope, scope_queryset

    committee = get_scope(users["chair"]).committee_id
    # The chair's own rows with the most to show: the body with the most
    # people, the activist with the most consents.
    body = scope_queryset(users["chair"], TosBody.objects.all()).annotate(
        n=Count("activists")).order_by("-n", "pk").first()
    activist = scope_queryset(users["chair"], Activist.objects.all()).annotate(
        n=Count("consents")).order_by("-n", "pk").first()
    rows = [
        ("portal: chair home", reverse("portal:home"), "chair"),
        ("portal: chair event list", reverse("portal:event_list"), "chair"),
        ("portal: chair event form", reverse("portal:event_add"), "chair"),
        ("portal: center home", reverse("portal:home"), "center"),
        ("portal: center event list", reverse("portal:event_list"), "center"),
        ("portal: staff board", reverse("portal:board"), "staff"),
        ("portal: staff board, Dec 2022, not started",
         f"{reverse('portal:board')}?year={YEAR}&month=12&state=not_started", "staff"),
        ("portal: chair return, Dec 2022", reverse("portal:return_month", args=[YEAR, 12]),
         "chair"),
        ("portal: center return, Dec 2022", reverse("portal:return_month", args=[YEAR, 12]),
         "center"),
        ("reports: annual report page", reverse("reports:page", args=[YEAR]), "staff"),
        # The pages of session 5 (issue 15: the chair's and the center's
        # portal; issue 16: the checklist).
        ("portal: chair TOS bodies", reverse("portal:body_list"), "chair"),
        ("portal: chair TOS body page", reverse("portal:body_detail", args=[body.pk]),
         "chair"),
        ("portal: chair activists", reverse("portal:activist_list"), "chair"),
        ("portal: chair activist page", reverse("portal:activist_detail", args=[activist.pk]),
         "chair"),
        ("portal: chair consent form", reverse("portal:consent_add", args=[activist.pk]),
         "chair"),
        ("portal: chair «мои заявки»", reverse("portal:my_applications"), "chair"),
        ("portal: center prevention month", reverse("portal:center_prevention"), "center"),
        ("portal: center receptions", reverse("portal:center_receptions"), "center"),
        ("portal: center clubs", reverse("portal:center_clubs"), "center"),
        ("portal: center rental stock", reverse("portal:center_rental"), "center"),
        ("reports: checklist 2022", reverse("reports:checklist", args=[YEAR]), "staff"),
    ]
    models = sorted(admin.site._registry, key=lambda m: m._meta.label)
    for who in ("staff", "chair"):
        for model in models:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            rows.append((f"admin {who}: {model._meta.label}", url, who))
    event = reverse("admin:events_event_changelist")
    activist = reverse("admin:committees_activist_changelist")
    body = reverse("admin:committees_tosbody_changelist")
    rows += [
        ("admin staff: events, year 2022", f"{event}?year={YEAR}", "staff"),
        ("admin staff: events, one committee", f"{event}?committee__id__exact={committee}",
         "staff"),
        ("admin staff: events, search «Масленица»", f"{event}?q=Масленица", "staff"),
        ("admin staff: activists, search «Иванова»", f"{activist}?q=Иванова", "staff"),
        ("admin staff: activists, one committee",
         f"{activist}?committee__id__exact={committee}", "staff"),
        ("admin staff: TOS bodies, search «Ленина»", f"{body}?q=Ленина", "staff"),
        ("admin chair: events, search «Масленица»", f"{event}?q=Масленица", "chair"),
    ]
    return rows


def page(url: str, user, requests: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(user)
    response = client.get(url)
    status = response.status_code
    if status != 200:
        return {"ms": 0, "queries": None, "status": status}
    client.get(url)  # warm: templates, content types, the plan cache
    times = []
    spent = 0.0
    while len(times) < requests and (len(times) < MIN_REQUESTS or spent < PAGE_BUDGET_SECONDS):
        started = time.perf_counter()
        client.get(url)
        elapsed = time.perf_counter() - started
        spent += elapsed
        times.append(elapsed * 1000)
    queries = count_queries(lambda: client.get(url))
    row = {"ms": statistics.median(times), "queries": queries, "status": status}
    if len(times) < requests:
        row["note"] = f"[n={len(times)}]"
    return row


if __name__ == "__main__":
    sys.exit(main())
