"""The PDF booklet as the background task it is in production: its time and
the worker's peak memory.

    .venv/bin/python bench/booklet_task.py                # the four bench databases
    .venv/bin/python bench/booklet_task.py --only pg10    # one of them

For each database made by bench/make_data.py (the names are bench/run.py's):
queue a booklet of 2022 the way the report page does
(`reports.services.request_booklet`, as the demo's city staff user), run one
`manage.py db_worker --batch` in a child process, which takes the job, makes
the PDF and exits, and print the time from queueing to the worker's exit,
the job's status and file size, and the worker's peak resident memory
(its own `ru_maxrss`, from `wait4`: the whole process, Django, the report,
matplotlib and WeasyPrint included). Not a test.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import DATABASES, YEAR  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", choices=sorted(DATABASES),
                        help="measure only this database (repeatable)")
    parser.add_argument("--child", choices=("enqueue", "status"), help=argparse.SUPPRESS)
    parser.add_argument("--job", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def environment(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-not-a-secret"),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_MEDIA_ROOT": os.environ.get("DJANGO_MEDIA_ROOT", "/tmp/tos_bench_media"),
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.child:
        return child(args)
    print("| database | status | queued → done | PDF | worker's peak RSS |")
    print("|---|---|---:|---:|---:|")
    failed = False
    for key in args.only or list(DATABASES):
        label, url = DATABASES[key]
        env = environment(url)
        job = int(subprocess.run(
            [sys.executable, __file__, "--child", "enqueue"], env=env, check=True,
            capture_output=True, text=True).stdout.split()[-1])
        started = time.perf_counter()
        worker = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "db_worker", "--batch",
             "--no-startup-delay", "-v", "0"], env=env, cwd=ROOT)
        _pid, status, usage = os.wait4(worker.pid, 0)
        worker.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        state, size = subprocess.run(
            [sys.executable, __file__, "--child", "status", "--job", str(job)], env=env,
            check=True, capture_output=True, text=True).stdout.split()[-2:]
        failed |= state != "done" or worker.returncode != 0
        # Linux reports ru_maxrss in KiB.
        print(f"| {label} | {state} | {seconds:.1f} s | {int(size) / 1024:.0f} KiB "
              f"| {usage.ru_maxrss / 1024:.0f} MiB |", flush=True)
    return 1 if failed else 0


def child(args) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from reports.models import BookletJob
    from reports.services import request_booklet

    if args.child == "enqueue":
        staff = get_user_model().objects.get(username="staff")
        print(request_booklet(user=staff, year=YEAR).pk)
    else:
        job = BookletJob.objects.get(pk=args.job)
        print(job.status, job.file.size if job.file else 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
