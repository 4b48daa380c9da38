"""A worker killed in the middle of a booklet (a deploy restart, the
out-of-memory killer) leaves no page waiting for ever: past the time limit
the job reads «Ошибка» with its reason and a button, the library's task row
is ended too, and a new order is made by the next worker.

The workers are real `manage.py db_worker` processes on the test's own
database: PostgreSQL's test database when DATABASE_URL names one, else a
file copy of SQLite's in-memory one (another process cannot open that).
"""

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import Profile
from reports.models import BookletJob
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
YEAR = 2022
WAIT = 60  # seconds any one wait may take before the test fails
PDF = b"%PDF-1.4 made after the crash"

# The worker, with its booklet's steps replaced: "stuck" never gets past the
# first stage, where the test kills it; "batch" makes a quick stand-in PDF
# of every queued job and exits.
WORKER = textwrap.dedent(f"""
    import sys, threading

    import django

    django.setup()
    from django.core.management import call_command

    from reports import booklet, services

    if sys.argv[1] == "stuck":
        def build(year, territory):
            threading.Event().wait()  # until SIGKILL
        services.build = build
    else:
        services.build = lambda year, territory: None
        booklet.render_html = lambda document: "<html></html>"
        booklet.write_pdf = lambda html, fetcher=None: {PDF!r}
    options = ["--no-reload", "--no-startup-delay", "--interval", "0.1"]
    if sys.argv[1] == "batch":
        options.append("--batch")
    call_command("db_worker", *options, verbosity=0)
""")


@pytest.fixture
def database_url(tmp_path):
    """The address of the test's database for a worker process."""
    connection = connections["default"]
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
        port = f":{db['PORT']}" if db["PORT"] else ""
        yield f"postgres://{quote(db['USER'])}{password}@{db['HOST']}{port}/{db['NAME']}"
        return
    assert connection.vendor == "sqlite"
    # The in-memory test database (migrated, empty: a transactional test)
    # copied to a file, and this test's connection moved onto the file.
    path = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    on_file = connection.__class__({**db, "NAME": str(path)}, "default")
    connections["default"] = on_file
    try:
        yield f"sqlite:///{path}"
    finally:
        on_file.close()
        connections["default"] = connection


@pytest.fixture
def start_worker(database_url, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kemerovo_tos.settings",
        "DATABASE_URL": database_url,
        "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "worker-test-not-a-secret",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_CONN_MAX_AGE": "0",
        "DJANGO_LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    started = []

    def start(mode: str) -> subprocess.Popen:
        log = open(tmp_path / f"worker-{len(started)}.log", "wb")  # noqa: SIM115
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, mode], cwd=ROOT, env=env,
            stdout=log, stderr=subprocess.STDOUT,
        )
        started.append((worker, log))
        return worker

    yield start
    for worker, log in started:
        if worker.poll() is None:
            worker.kill()
            worker.wait(WAIT)
        log.close()


def _wait_for(what: str, condition, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert worker.poll() is None or what == "the worker's exit", (
            f"the worker exited ({worker.returncode}) before {what}"
        )
        assert time.monotonic() < deadline, f"no {what} in {WAIT} s"
        time.sleep(0.1)


def _later(monkeypatch, settings) -> None:
    """The clock, moved past a job's time limit."""
    limit = getattr(settings, "REPORTS_BOOKLET_JOB_TIMEOUT", 600)
    moved = timezone.now() + datetime.timedelta(seconds=limit + 1)
    monkeypatch.setattr(timezone, "now", lambda: moved)


def test_a_job_whose_worker_was_killed_fails_past_the_limit_and_is_ordered_again(
    client, start_worker, settings, monkeypatch
):
    client.force_login(ProfileFactory(role=Profile.Role.STAFF).user)
    ordered = client.post(reverse("reports:booklet_request", args=[YEAR]))
    job = BookletJob.objects.get()
    assert ordered["Location"] == reverse("reports:booklet_job", args=[job.pk])
    status_url = reverse("reports:booklet_status", args=[job.pk])

    # Killed at «Считаем показатели отчета», as a restart or the OOM killer would.
    worker = start_worker("stuck")
    _wait_for("first stage", lambda: client.get(status_url).json()["progress"] == 10, worker)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(WAIT)
    task = DBTaskResult.objects.get()
    assert task.status == "RUNNING"  # what the library leaves behind

    # Within the limit the job is still waited for...
    state = client.get(status_url).json()
    assert (state["status_display"], state["stage"]) == ("Готовится", "Считаем показатели отчета")

    # ...past it, it has failed, says why and offers a new order.
    with monkeypatch.context() as clock:
        _later(clock, settings)
        state = client.get(status_url).json()
        page = client.get(reverse("reports:booklet_job", args=[job.pk])).content.decode()
    assert state["status"] == "failed" and state["status_display"] == "Ошибка"
    assert state["error"].startswith("Подготовка буклета прервалась: за 10 минут")
    assert state["file_url"] == ""
    assert state["error"] in page and "Заказать буклет еще раз" in page
    task.refresh_from_db()
    assert task.status == "FAILED"  # nor does its task row stay RUNNING

    # The button's order makes a new booklet, which the next worker makes.
    again = client.post(reverse("reports:booklet_request", args=[YEAR]))
    fresh = BookletJob.objects.latest("pk")
    assert fresh.pk != job.pk and fresh.status == BookletJob.Status.QUEUED
    assert again["Location"] == reverse("reports:booklet_job", args=[fresh.pk])
    worker = start_worker("batch")
    _wait_for("the worker's exit", lambda: worker.poll() is not None, worker)
    assert worker.returncode == 0
    state = client.get(reverse("reports:booklet_status", args=[fresh.pk])).json()
    assert state["status_display"] == "Готов"
    assert b"".join(client.get(state["file_url"]).streaming_content) == PDF
    job.refresh_from_db()
    assert job.status == BookletJob.Status.FAILED  # the lost one stays failed
