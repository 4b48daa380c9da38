#!/usr/bin/env bash
# A local PostgreSQL streaming replica, and the annual report read from it.
#
# Sets up a second cluster on port 5433 as a hot standby of the primary at
# 127.0.0.1:5432 (pg_basebackup), loads the 2022 demo into the primary,
# and prints the report figures three ways: from the primary, from the app
# configured with DATABASE_REPLICA_URL (report reads routed to the replica),
# and from the replica alone. Then it adds an event on the primary and shows
# the replica's figure follow. The three must be equal, or it exits 1.
#
#   bash bench/replica.sh          # leaves nothing running
#   KEEP=1 bash bench/replica.sh   # leaves the replica running on :5433
set -euo pipefail
cd "$(dirname "$0")/.."

PGVER=$(ls /etc/postgresql | head -n 1)
PGBIN=/usr/lib/postgresql/$PGVER/bin
DB=${DB:-tos_replica_demo}
DIR=${REPLICA_DIR:-/var/tmp/tos-replica}
PORT=${REPLICA_PORT:-5433}
PRIMARY="postgres://postgres@127.0.0.1:5432/$DB"
REPLICA="postgres://postgres@127.0.0.1:$PORT/$DB"
PY=.venv/bin/python
export DJANGO_DEBUG=1
pg() { runuser -u postgres -- "$@"; }

echo "== primary: replication allowed from loopback"
hba=/etc/postgresql/$PGVER/main/pg_hba.conf
if ! grep -qE '^host\s+replication\s+all\s+127\.0\.0\.1/32' "$hba"; then
  echo "host replication all 127.0.0.1/32 trust" >> "$hba"
  pg_ctlcluster "$PGVER" main reload
fi

echo "== primary: database $DB with the 2022 demo"
[ -d "$DIR" ] && pg "$PGBIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null
DATABASE_URL=$PRIMARY $PY manage.py migrate -v 0
DATABASE_URL=$PRIMARY $PY manage.py load_demo -v 0 >/dev/null

echo "== replica: base backup into $DIR, hot standby on port $PORT"
rm -rf "$DIR"
mkdir -p "$DIR" && chown postgres:postgres "$DIR" && chmod 700 "$DIR"
pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p 5432 -U postgres -D "$DIR" -R -X stream -c fast
cat > "$DIR/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '/tmp'
hot_standby = on
hba_file = '$DIR/pg_hba.conf'
CONF
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > "$DIR/pg_hba.conf"
chown postgres:postgres "$DIR/postgresql.conf" "$DIR/pg_hba.conf"
pg "$PGBIN/pg_ctl" -D "$DIR" -l "$DIR/replica.log" -w start >/dev/null
trap '[ -z "${KEEP:-}" ] && pg "$PGBIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1' EXIT
psql -h 127.0.0.1 -p "$PORT" -U postgres -Atc "SELECT 'in recovery: ' || pg_is_in_recovery()"

catch_up() {
  local target
  target=$(psql -h 127.0.0.1 -U postgres -Atc "SELECT pg_current_wal_lsn()")
  for _ in $(seq 60); do
    if [ "$(psql -h 127.0.0.1 -p "$PORT" -U postgres -Atc \
        "SELECT pg_last_wal_replay_lsn() >= '$target'::pg_lsn")" = t ]; then
      return 0
    fi
    sleep 0.5
  done
  echo "replica did not catch up" >&2
  return 1
}
catch_up

out=$(mktemp -d)
figures() { "$PY" manage.py annual_report 2022 --figures; }
DATABASE_URL=$PRIMARY figures > "$out/primary.txt"
reads() {
  psql -h 127.0.0.1 -p "$PORT" -U postgres -Atc \
    "SELECT tup_returned FROM pg_stat_database WHERE datname = '$DB'"
}
reads_before=$(reads)
DATABASE_URL=$PRIMARY DATABASE_REPLICA_URL=$REPLICA figures > "$out/routed.txt"
sleep 1  # statistics reach pg_stat_database with a short delay
echo "rows the replica returned to the routed report: $(( $(reads) - reads_before ))"
[ "$(reads)" -gt "$reads_before" ] || { echo "FAIL: the routed report did not read the replica"; exit 1; }
DATABASE_URL=$REPLICA figures > "$out/replica.txt"
echo "== the 2022 report read from the replica"
cat "$out/replica.txt"
cmp -s "$out/primary.txt" "$out/routed.txt" && cmp -s "$out/primary.txt" "$out/replica.txt" \
  || { echo "FAIL: the replica's figures differ from the primary's"; diff "$out/primary.txt" "$out/replica.txt"; exit 1; }
echo "same figures from the primary, through the router, and from the replica"

echo "== a new event on the primary reaches the replica"
DATABASE_URL=$PRIMARY $PY manage.py shell -v 0 -c "
import datetime
from committees.models import DistrictCommittee
from events.models import Event
Event.objects.create(date=datetime.date(2022, 12, 20), title='Новогодний двор',
    kind=Event.Kind.CULTURAL, committee=DistrictCommittee.objects.first(), participants=40)
"
catch_up
before=$(grep -m1 'Культурно-массовые' "$out/replica.txt")
after=$(DATABASE_URL=$PRIMARY DATABASE_REPLICA_URL=$REPLICA figures | grep -m1 'Культурно-массовые')
echo "before: $before"
echo "after:  $after"
[ "$before" != "$after" ] || { echo "FAIL: the replica did not follow"; exit 1; }
echo "OK"
