import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the embedded SQLite default only",
)
def test_twenty_concurrent_writers_never_see_database_is_locked(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'writers.sqlite3'}",
        "DJANGO_DEBUG": "1",
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "sqlite_writers.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "200 events added, 0 errors" in result.stdout
