#!/usr/bin/env bash
# One command for a demo: install, migrate, load the 2022 demo data into the
# SQLite file db.sqlite3 (once), and start the development server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh ""
export DJANGO_DEBUG=${DJANGO_DEBUG:-1}
.venv/bin/python manage.py migrate --noinput -v 0
# PORT is a port (8080) or an address and port (0.0.0.0:8080); the banner
# shows the address a browser on this machine opens.
listen=${PORT:-8000}
case $listen in
    *:*) host=${listen%:*} port=${listen##*:} ;;
    *) host=127.0.0.1 port=$listen ;;
esac
shown=$host
case $host in 0.0.0.0|"[::]"|"") shown=127.0.0.1 ;; esac
.venv/bin/python manage.py load_demo --if-empty --url "http://$shown:$port/"
# The worker makes PDF booklets in the background; it stops with the server.
.venv/bin/python manage.py db_worker -v 0 &
worker=$!
trap 'kill $worker 2>/dev/null' EXIT
.venv/bin/python manage.py runserver "$host:$port"
