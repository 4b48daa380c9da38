#!/usr/bin/env bash
# One command for the tests: install what they need, lint, then run the
# suite in two passes: the factory-built tests, then the tests that share
# one database with the full 2022 demo loaded (TOS_DEMO_TESTS=1).
# Extra arguments go to both pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
.venv/bin/ruff check .
# The floors of docs/architecture.md (pyproject.toml [tool.importlinter]).
out=$(.venv/bin/lint-imports --no-cache 2>&1) || { echo "$out"; exit 1; }
echo "$out" | tail -n 1
export DJANGO_DEBUG=0 DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-test-secret-key-not-for-production}
export DJANGO_SECURE_SSL_REDIRECT=0
# The live server's thread would keep its connection, and PostgreSQL could
# not drop the test database at the end.
export DJANGO_CONN_MAX_AGE=0
# Background tasks run at once inside the test that queues them.
export DJANGO_TASKS_BACKEND=${DJANGO_TASKS_BACKEND:-django_tasks.backends.immediate.ImmediateBackend}
.venv/bin/python manage.py makemigrations --check --dry-run -v 0
.venv/bin/pytest -p no:cacheprovider -n "${TEST_WORKERS:-2}" "$@"
TOS_DEMO_TESTS=1 .venv/bin/pytest -p no:cacheprovider "$@"
