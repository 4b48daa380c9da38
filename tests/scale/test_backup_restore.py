"""A backup restored into a fresh database gives the same annual report.

PostgreSQL: pg_dump -Fc, then pg_restore into a new database. SQLite: the
online backup API (what `sqlite3 db.sqlite3 ".backup copy.sqlite3"` does).
The report of the copy is computed by a separate process, as an operator
would after a restore.
"""

import datetime
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from reports.aggregates import annual_report, headline_figures
from tests.factories import (
    CenterEventFactory,
    CommitteeFactory,
    EventFactory,
    ReceptionFactory,
    TosBodyFactory,
)

ROOT = Path(__file__).resolve().parents[2]


def _build_year():
    committee = CommitteeFactory()
    TosBodyFactory.create_batch(3, committee=committee)
    for month in (2, 5, 9):
        EventFactory(committee=committee, date=datetime.date(2022, month, 10), participants=25)
    EventFactory(committee=committee, kind="cleanup", date=datetime.date(2022, 4, 20))
    CenterEventFactory(date=datetime.date(2022, 6, 1), participants=12, is_at_risk=True)
    ReceptionFactory(date=datetime.date(2022, 3, 3), visitors=7)


def _figures_of(database_url: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "manage.py", "annual_report", "2022", "--figures"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def _restore_postgresql(tmp_path) -> tuple[str, callable]:
    params = connection.settings_dict
    name = params["NAME"]
    restored = f"{name}_restored"
    host = ["-h", params["HOST"] or "127.0.0.1", "-p", str(params["PORT"] or 5432),
            "-U", params["USER"] or "postgres"]
    dump = tmp_path / "registry.dump"
    subprocess.run(["pg_dump", *host, "-Fc", "-f", str(dump), name], check=True)
    subprocess.run(["dropdb", *host, "--if-exists", restored], check=True)
    subprocess.run(["createdb", *host, restored], check=True)
    subprocess.run(["pg_restore", *host, "--no-owner", "-d", restored, str(dump)], check=True)
    url = f"postgres://{host[5]}@{host[1]}:{host[3]}/{restored}"
    return url, lambda: subprocess.run(["dropdb", *host, "--if-exists", restored], check=False)


def _restore_sqlite(tmp_path) -> tuple[str, callable]:
    copy = tmp_path / "restored.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(copy)
    with target:
        connection.connection.backup(target)
    target.close()
    return f"sqlite:///{copy}", lambda: None


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_gives_the_same_annual_report(tmp_path):
    _build_year()
    expected = [
        f"{f.number:>2}. {f.label}: {f.value}"
        for f in headline_figures(annual_report(2022, full=False))
    ]
    assert " 4. Культурно-массовые мероприятия комитетов: 3" in expected

    if connection.vendor == "postgresql":
        url, drop = _restore_postgresql(tmp_path)
    else:
        url, drop = _restore_sqlite(tmp_path)
    try:
        assert _figures_of(url) == expected
    finally:
        drop()
