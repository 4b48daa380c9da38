#!/usr/bin/env bash
# Load test at year end against a real server (not part of CI).
#
#   bash bench/load.sh                       # 5 minutes
#   TOS_LOAD_DURATION=1m bash bench/load.sh  # shorter
#
# Serves the 10x PostgreSQL database made by bench/make_data.py with
# gunicorn (4 workers, HTTPS with a throw-away self-signed certificate,
# since production settings mark the session and CSRF cookies Secure) on
# 127.0.0.1 only, creates 100 chairs and center specialists and 5 city
# staff with accounts.services.create_user_for, and runs locust headless
# (bench/locustfile.py) for TOS_LOAD_DURATION, one person more each second
# (TOS_LOAD_SPAWN_RATE: a login hashes its password for most of a second
# of CPU, and a hundred at once would only measure that). Prints requests/s,
# p50/p95/p99, the error count, and whether the database holds exactly
# as many new events as locust saw saved. Exits non-zero when an error
# occurred, an event was lost, or p95 >= 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${TOS_LOAD_DURATION:-5m}
PORT=${TOS_LOAD_PORT:-18443}
CHAIRS=${TOS_LOAD_CHAIRS:-70}
CENTERS=${TOS_LOAD_CENTERS:-30}
STAFF=5
HOST=127.0.0.1  # loopback only: this test never targets another address
WORK=$(mktemp -d /tmp/tos_load.XXXXXX)

export DATABASE_URL=${TOS_LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tos_bench_10x}
export DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_ALLOWED_HOSTS=$HOST
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$(openssl rand -hex 32)}
export DJANGO_MEDIA_ROOT=${DJANGO_MEDIA_ROOT:-/tmp/tos_bench_media}
export DJANGO_LOG_LEVEL=ERROR
export TOS_LOAD_PASSWORD=$(openssl rand -hex 12)
export TOS_LOAD_USERS=$WORK/users.txt TOS_LOAD_ADDS=$WORK/adds.txt
PY=.venv/bin/python

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$HOST" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
$PY manage.py collectstatic --noinput -v 0

# The users, and the number of events before the test.
$PY manage.py shell -v 0 -c "
import os
from accounts.models import Profile
from accounts.services import create_user_for
from centers.models import Center
from committees.models import DistrictCommittee
from events.models import Event
password = os.environ['TOS_LOAD_PASSWORD']
lines = []
for n, c in enumerate(DistrictCommittee.objects.active_in(2022).order_by('number')[:$CHAIRS]):
    create_user_for(username=f'load-chair-{n}', role=Profile.Role.CHAIR, committee=c,
                    password=password)
    lines.append(f'load-chair-{n} chair')
for n, c in enumerate(Center.objects.active_in(2022).order_by('name')[:$CENTERS]):
    create_user_for(username=f'load-center-{n}', role=Profile.Role.CENTER, center=c,
                    password=password)
    lines.append(f'load-center-{n} center')
for n in range($STAFF):
    create_user_for(username=f'load-staff-{n}', role=Profile.Role.STAFF, password=password)
    lines.append(f'load-staff-{n} staff')
open(os.environ['TOS_LOAD_USERS'], 'w').write('\n'.join(lines))
open('$WORK/before.txt', 'w').write(str(Event.objects.count()))
"

.venv/bin/gunicorn kemerovo_tos.wsgi --workers 4 --bind "$HOST:$PORT" \
  --certfile "$WORK/cert.pem" --keyfile "$WORK/key.pem" --timeout 60 \
  --error-logfile "$WORK/gunicorn.log" &
SERVER=$!
# The task worker, as in production: it redraws the report page while the
# data changes (reports.tasks.redraw_live_page) and makes booklets.
.venv/bin/python manage.py db_worker -v 0 > "$WORK/worker.log" 2>&1 &
WORKER=$!
trap 'kill $SERVER $WORKER 2>/dev/null || true; wait $SERVER $WORKER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -ksf "https://$HOST:$PORT/portal/login/" -o /dev/null && break
  sleep 1
done

# As after a deploy: the report page of the year is drawn once before the
# crowd comes (a new release's page is cached under its code's version).
$PY manage.py shell -c "from reports.views import redraw; redraw(2022, None)"

status=0
.venv/bin/locust -f bench/locustfile.py --headless --host "https://$HOST:$PORT" \
  --users $((CHAIRS + CENTERS + STAFF)) --spawn-rate "${TOS_LOAD_SPAWN_RATE:-1}" \
  --run-time "$DURATION" \
  --stop-timeout 15 --csv "$WORK/locust" --only-summary --loglevel WARNING || status=$?

kill $SERVER $WORKER; wait $SERVER $WORKER 2>/dev/null || true
trap - EXIT

check=0
$PY - "$WORK" <<'EOF' || check=$?
import csv, os, sys
from pathlib import Path

work = Path(sys.argv[1])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
sys.path.insert(0, ".")
import django

django.setup()
from events.models import Event

rows = list(csv.DictReader(open(work / "locust_stats.csv")))
total = next(r for r in rows if r["Name"] == "Aggregated")
print("\n| request | count | errors | p50 ms | p95 ms | p99 ms |")
print("|---|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['Name']} | {r['Request Count']} | {r['Failure Count']} | {r['50%']} | "
          f"{r['95%']} | {r['99%']} |")
before = int((work / "before.txt").read_text())
adds = int((work / "adds.txt").read_text())
after = Event.objects.count()
errors = int(total["Failure Count"])
p95 = float(total["95%"])
print(f"\nrequests/s {float(total['Requests/s']):.1f}; p50 {total['50%']} ms, p95 {total['95%']} "
      f"ms, p99 {total['99%']} ms; errors {errors}")
print(f"events: {before} before, {after} after, {adds} saved as seen by locust: "
      f"{'nothing lost' if after - before == adds else 'MISMATCH'}")
# Leave the benchmark database as it was for the next run.
Event.objects.filter(title__startswith="Нагрузочный тест").delete()
ok = errors == 0 and after - before == adds and p95 < 1000
sys.exit(0 if ok else 1)
EOF
echo "server log: $WORK/gunicorn.log"
exit $(( status || check ))
