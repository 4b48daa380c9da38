"""The demo's start banner names one login address, the one the server
really listens on (scripts/run.sh passes it from PORT)."""

import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import CommitteeFactory

pytestmark = pytest.mark.django_db

RUN_SH = Path(__file__).resolve().parents[2] / "scripts" / "run.sh"


def test_the_banner_shows_the_address_it_is_given():
    CommitteeFactory(number=1)
    out = io.StringIO()
    call_command(
        "load_demo", "--if-empty", "--force", "--url", "http://127.0.0.1:8080/", stdout=out
    )
    output = out.getvalue()
    assert "Вход для всех ролей: http://127.0.0.1:8080/\n" in output
    assert "8000" not in output and "/admin/" not in output


@pytest.mark.parametrize(
    ("port", "listen", "url"),
    [
        ("", "127.0.0.1:8000", "http://127.0.0.1:8000/"),
        ("8080", "127.0.0.1:8080", "http://127.0.0.1:8080/"),
        ("0.0.0.0:9000", "0.0.0.0:9000", "http://127.0.0.1:9000/"),
    ],
)
def test_run_sh_listens_on_port_and_shows_that_address(port, listen, url):
    # The lines of run.sh between «listen=» and the load_demo call, run on
    # their own with PORT set.
    lines = RUN_SH.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("listen="))
    end = next(i for i, line in enumerate(lines) if "load_demo" in line and "--url" in line)
    script = "\n".join(lines[start:end]) + '\necho "$host:$port http://$shown:$port/"'
    result = subprocess.run(
        ["bash", "-c", script],
        env={"PORT": port, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [listen, url]
    assert 'load_demo --if-empty --url "http://$shown:$port/"' in lines[end]
    assert any('runserver "$host:$port"' in line for line in lines)
