"""Shared fixtures.

The suite runs in two passes (scripts/test.sh). The first runs every test
not marked `demo`, each building the few records it needs with factories.
The second (TOS_DEMO_TESTS=1) runs only the `demo` tests, on one test
database into which the full 2022 demo is loaded once per run.
"""

import os
import shutil

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread

DEMO_PASS = os.environ.get("TOS_DEMO_TESTS") == "1"
CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API runs an event loop in the test's thread; the ORM
# calls of the same test are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    keep, drop = [], []
    for item in items:
        # The marker, not item.keywords: keywords also hold the names of the
        # test's directories, and every test under tests/demo/ would match.
        is_demo = item.get_closest_marker("demo") is not None
        (keep if is_demo == DEMO_PASS else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


class _SerialLiveServer(WSGIServer):
    """Django's live server handling one request at a time, in its own
    thread (which already holds the test's connections); Django closes each
    HTTP connection after its response, so a browser's next request waits
    for nothing."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server_on_sqlite():
    """On SQLite the live server's request threads share the test's one
    in-memory connection. Two requests at once (select2 still searching
    «Рудник» when the form was posted) deadlocked inside SQLite's LIKE,
    which calls into Python (core/sqlite.py), and hung the run.
    There, the live server serves one request at a time."""
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = _SerialLiveServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_access_log_guard():
    """The access log is append-only (accounts/access_log.py: triggers
    refuse UPDATE, DELETE and TRUNCATE). A test that flushes the database
    (live-server and other transactional tests) lifts the guard for the
    flush only, and puts it back."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from accounts import access_log

    flush = BaseDatabaseOperations.execute_sql_flush

    def guarded_flush(self, sql_list):
        vendor = self.connection.vendor
        with self.connection.cursor() as cursor:
            for sql in access_log.removal_sql(vendor):
                cursor.execute(sql)
        try:
            return flush(self, sql_list)
        finally:
            with self.connection.cursor() as cursor:
                for sql in access_log.trigger_sql(vendor):
                    cursor.execute(sql)

    BaseDatabaseOperations.execute_sql_flush = guarded_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = flush


@pytest.fixture(scope="session")
def session_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, session_media):
    if DEMO_PASS:
        # The demo's photos go to the run's own media folder, where the
        # demo tests (the booklet's photo spread) find them again.
        with override_settings(MEDIA_ROOT=session_media), django_db_blocker.unblock():
            call_command("load_demo", "--force", verbosity=0)
    yield
    # Runs just before pytest-django drops the test database.
    with django_db_blocker.unblock():
        _end_other_sessions()


def _end_other_sessions():
    """PostgreSQL refuses to drop a database another session is connected
    to, and pytest-django then only warns and leaves test_<name>_gw0 behind
    for good. Any connection a test left open (the browser tests did, see
    browser()) is of no use now: end those sessions first."""
    for alias in connections:
        conn = connections[alias]
        if conn.vendor != "postgresql":
            continue
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    connections.close_all()


@pytest.fixture(autouse=True)
def _fresh_report_pages(settings):
    # A test that changes a record and reads the report expects the change
    # at once; the grace period of a busy site (REPORTS_LIVE_STALE_SECONDS)
    # has a test of its own (tests/reports/test_report_cache.py).
    settings.REPORTS_LIVE_STALE_SECONDS = 0


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path, session_media):
    settings.MEDIA_ROOT = session_media if DEMO_PASS else tmp_path / "media"


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    # Background tasks run at once, inside the test that queues them; a test
    # of the queue itself sets the database backend again.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # Production settings redirect to HTTPS; the test client speaks HTTP.
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic; tests serve static plainly.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        # While Playwright's event loop runs in this thread, asgiref keeps
        # Django's connections per async context, not per thread: the ones
        # the test opened would stay open, unseen by the teardown, and
        # PostgreSQL would not drop the test database. Close them here.
        connections.close_all()
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def login(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
