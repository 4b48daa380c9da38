"""Login protection: lockout with a cool-off, the client address behind a
proxy, sessions, passwords and the production settings check."""

import datetime
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import factories as f

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def chair(db):
    return f.UserFactory(username="chair_a")


def attempt(client, password, **meta):
    return client.post(LOGIN, {"username": "chair_a", "password": password,
                               "next": "/admin/"}, **meta)


def fail_five_times(client, **meta):
    for _ in range(5):
        attempt(client, "wrong-password", **meta)


def test_five_failures_lock_the_account_with_a_russian_message(client, chair):
    for _ in range(4):
        assert attempt(client, "wrong-password").status_code == 200
    response = attempt(client, "wrong-password")
    assert response.status_code == 429
    response = attempt(client, f.PASSWORD)  # even the right password now
    assert response.status_code == 429
    page = response.content.decode()
    assert "Вход временно заблокирован" in page
    assert "Попробуйте снова через 15 мин." in page


def test_lock_ends_after_the_cool_off(client, chair):
    fail_five_times(client)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=16)
    )
    response = attempt(client, f.PASSWORD)
    assert response.status_code == 302


def test_forged_forwarded_for_does_not_escape_the_limit(client, chair, settings):
    settings.TOS_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # the reverse proxy
    for n in range(5):
        # The client writes a new address each time; the proxy appends the
        # address it really came from.
        attempt(client, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.5", **proxy)
    response = attempt(client, f.PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5",
                       **proxy)
    assert response.status_code == 429


def test_forged_forwarded_for_does_not_lock_others_out(client, chair, settings):
    settings.TOS_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # An attacker at 203.0.113.5 writes the chair's own address.
    fail_five_times(client, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5", **proxy)
    response = attempt(client, f.PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert response.status_code == 302


def test_without_a_proxy_the_header_is_not_read(client, chair, settings):
    settings.TOS_PROXY_COUNT = 0
    for n in range(5):
        attempt(client, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert attempt(client, f.PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429
    # Everyone behind another address still gets in.
    assert attempt(client, f.PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_session_ends_after_an_hour_idle_and_is_renewed_by_use(client, chair):
    assert attempt(client, f.PASSWORD).status_code == 302
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert datetime.timedelta(minutes=59) < left <= datetime.timedelta(hours=1)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    assert client.get(reverse("admin:index")).status_code in (200, 403)
    assert Session.objects.get().expire_date - timezone.now() > datetime.timedelta(minutes=59)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.parametrize("password", ["kemerovo", "1234567890", "qwertyuiop"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_production_settings_pass_the_deploy_check():
    # A production environment: nothing of the test run's own variables.
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "example.ru",
        # Behind the one nginx of docs/deployment.md (accounts.W001 otherwise).
        "DJANGO_PROXY_COUNT": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
