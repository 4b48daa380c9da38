"""An installation of an older commit upgrades with `migrate` and loses nothing.

    .venv/bin/python scripts/upgrade_check.py [COMMIT] [--postgres [SERVER_URL]]

The old commit's code (git archive, into a temporary folder: no worktree)
migrates a fresh database and loads the demo; its row count of every table
and its 2022 report figures are recorded. Then this checkout's `migrate`
runs on the same database, and both are recorded again. Every table keeps
its rows and every figure its value; new tables are listed. Django's own
bookkeeping (applied migrations, content types, permissions) and the role
groups the code keeps in step (accounts/roles.py) may grow, never
shrink. Exits 1 on any difference.

The database is an SQLite file in the temporary folder, or, with --postgres,
a database created on that server for the run and dropped after it.

A shallow clone (CI's default) lacks the old commit: the check says so and
exits 0 without checking, since there is nothing it can upgrade from.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# The last commit before the restructure that moved the code between apps
# (5571cec `structure: One foundation app at the bottom...`): the layout an
# existing installation runs. Pass a later commit once that one is history.
DEFAULT_COMMIT = "7814fa4"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/"
YEAR = "2022"
ROOT = Path(__file__).resolve().parent.parent

# Rows Django itself adds for what the new code brings; a lost row there
# (a missing migration record) is still a failure.
MAY_GROW = {
    "django_migrations", "django_content_type", "auth_permission",
    # The role groups are kept in step with the models after every migrate
    # (accounts/roles.py::sync_role_groups): a new model's permissions join
    # them, a new group of the code (the officer for personal data) appears.
    "auth_group", "auth_group_permissions",
}

# Run by each version's interpreter in its own tree: every table's rows and
# the applied migrations, as one JSON line.
COUNT_ROWS = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
import django
django.setup()
import kemerovo_tos
from django.db import connection
tree = os.path.realpath(os.getcwd()) + os.sep
if not os.path.realpath(kemerovo_tos.__file__).startswith(tree):
    raise SystemExit(f"kemerovo_tos came from {kemerovo_tos.__file__}, not {tree}")
quote = connection.ops.quote_name
with connection.cursor() as cursor:
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations")
    applied = sorted(f"{app}.{name}" for app, name in cursor.fetchall())
print(json.dumps({"counts": counts, "migrations": applied}))
"""


def main() -> int:
    args = parse_args()
    started = time.monotonic()
    commit = resolve(args.commit)
    if commit is None:
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="upgrade_check."))
    old_tree = tmp / "old"
    database = None
    try:
        extract(commit, old_tree)
        if args.postgres:
            database = create_postgres(args.postgres)
            url = database
        else:
            url = f"sqlite:///{tmp / 'db.sqlite3'}"
        env = environment(url, tmp / "media")
        print(f"== upgrade {commit[:12]} -> {describe_head()} on {vendor(url)}")

        step("old: migrate", old_tree, env, "manage.py", "migrate", "--noinput", "--skip-checks")
        step("old: load_demo", old_tree, env, "manage.py", "load_demo", "--force", "-v", "0")
        before_figures = figures(old_tree, env)
        before = rows(old_tree, env)

        step("new: migrate", ROOT, env, "manage.py", "migrate", "--noinput", "--skip-checks")
        after = rows(ROOT, env)
        after_figures = figures(ROOT, env)

        ok = compare(before, after, before_figures, after_figures)
    finally:
        if database:
            drop_postgres(database)
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    verdict = "OK: nothing lost" if ok else "FAILED: the upgrade changed the data"
    print(f"== {verdict} ({time.monotonic() - started:.0f} s in all)")
    return 0 if ok else 1


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "commit", nargs="?", default=DEFAULT_COMMIT,
        help=f"the old code (default {DEFAULT_COMMIT})",
    )
    parser.add_argument(
        "--postgres", nargs="?", const=DEFAULT_SERVER, metavar="SERVER_URL",
        help=f"run on PostgreSQL (default server {DEFAULT_SERVER}) instead of SQLite",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args()


def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=check
    )


def resolve(commit: str) -> str | None:
    """The full id of the old commit; None (after saying why) when a shallow
    clone does not hold it."""
    found = git("rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}", check=False)
    if found.returncode == 0:
        return found.stdout.strip()
    if git("rev-parse", "--is-shallow-repository", check=False).stdout.strip() == "true":
        print(
            f"== upgrade check SKIPPED: commit {commit} is not in this shallow clone "
            "(git fetch --unshallow, or clone with full history, to run it)"
        )
        return None
    raise SystemExit(f"upgrade check: no commit {commit} in {ROOT}")


def describe_head() -> str:
    head = git("rev-parse", "--short=12", "HEAD").stdout.strip()
    dirty = git("status", "--porcelain", "--untracked-files=no").stdout.strip()
    return f"{head} (with uncommitted changes)" if dirty else head


def extract(commit: str, target: Path) -> None:
    target.mkdir()
    archive = subprocess.Popen(
        ["git", "-C", str(ROOT), "archive", commit], stdout=subprocess.PIPE
    )
    with tarfile.open(fileobj=archive.stdout, mode="r|") as tar:
        tar.extractall(target, filter="data")
    if archive.wait():
        raise SystemExit(f"upgrade check: git archive {commit} failed")


def environment(url: str, media: Path) -> dict[str, str]:
    """One environment for both versions: production-like settings, this
    run's database and media folder, nothing of the caller's deployment."""
    env = {
        key: value for key, value in os.environ.items()
        if key not in {"DATABASE_REPLICA_URL", "DJANGO_SETTINGS_MODULE"}
        and not key.startswith("DJANGO_S3_")
    }
    env.update(
        DATABASE_URL=url,
        DJANGO_MEDIA_ROOT=str(media),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or "upgrade-check-not-secret",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_CONN_MAX_AGE="0",
        DJANGO_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run(tree: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"upgrade check: {' '.join(args[:2])} failed in {tree}")
    return done.stdout


def step(label: str, tree: Path, env: dict[str, str], *args: str) -> str:
    started = time.monotonic()
    out = run(tree, env, *args)
    print(f"   {label}: {time.monotonic() - started:.1f} s")
    return out


def figures(tree: Path, env: dict[str, str]) -> list[str]:
    label = "old" if tree != ROOT else "new"
    out = step(f"{label}: annual_report {YEAR} --figures", tree, env,
               "manage.py", "annual_report", YEAR, "--figures", "--skip-checks")
    return out.splitlines()


def rows(tree: Path, env: dict[str, str]) -> dict:
    return json.loads(run(tree, env, "-c", COUNT_ROWS).splitlines()[-1])


def compare(before: dict, after: dict, before_figures: list, after_figures: list) -> bool:
    ok = True
    old, new = before["counts"], after["counts"]
    width = max(map(len, old | new))
    print(f"\n   {'table':<{width}} {'before':>8} {'after':>8}")
    for table in sorted(old | new):
        was, now = old.get(table), new.get(table)
        if was is None:
            note = "new table"
        elif now is None:
            note, ok = "TABLE LOST", False
        elif now == was:
            note = ""
        elif table in MAY_GROW and now > was:
            note = f"+{now - was} (Django's bookkeeping, the role groups)"
        else:
            note, ok = f"ROWS {'LOST' if now < was else 'ADDED'}: {now - was:+}", False
        print(f"   {table:<{width}} {show(was):>8} {show(now):>8}  {note}".rstrip())
    applied = sorted(set(after["migrations"]) - set(before["migrations"]))
    print(f"\n   migrations applied by the upgrade: {', '.join(applied) or 'none'}")
    lost = sorted(set(before["migrations"]) - set(after["migrations"]))
    if lost:
        ok = False
        print(f"   MIGRATION RECORDS LOST: {', '.join(lost)}")

    print(f"\n   {YEAR} report figures:")
    if not before_figures:
        ok = False
        print("   THE OLD CODE PRINTED NO FIGURES")
    for n in range(max(len(before_figures), len(after_figures))):
        was = before_figures[n] if n < len(before_figures) else "(none)"
        now = after_figures[n] if n < len(after_figures) else "(none)"
        if was == now:
            print(f"   {now}")
        else:
            ok = False
            print(f"   DIFFERENT: before «{was}», after «{now}»")
    print()
    return ok


def show(count: int | None) -> str:
    return "-" if count is None else str(count)


def vendor(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


def create_postgres(server: str) -> str:
    name = f"kt_upgrade_{os.getpid()}"
    psql(server, f'CREATE DATABASE "{name}"')
    parts = urlsplit(server)
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_postgres(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    psql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def psql(url: str, sql: str) -> None:
    """Run one statement from the server's maintenance database."""
    server = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    subprocess.run(["psql", server, "-qXc", sql], check=True, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    sys.exit(main())
