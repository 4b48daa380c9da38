#!/usr/bin/env bash
# One command for a demo: install, migrate, load the 2022 demo data into the
# SQLite file db.sqlite3 (once), and start the development server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh ""
export DJANGO_DEBUG=${DJANGO_DEBUG:-1}
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py load_demo --if-empty
# The worker makes PDF booklets in the background; it stops with the server.
.venv/bin/python manage.py db_worker -v 0 &
worker=$!
trap 'kill $worker 2>/dev/null' EXIT
.venv/bin/python manage.py runserver "${PORT:-127.0.0.1:8000}"
