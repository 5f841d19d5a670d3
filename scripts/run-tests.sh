#!/usr/bin/env bash
# The whole suite on SQLite, then on PostgreSQL (DATABASE_URL, else 127.0.0.1:5432, else a throwaway server).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export WEIQUAN_DATA_DIR=${WEIQUAN_DATA_DIR:-$PWD/var/test}
mkdir -p "$WEIQUAN_DATA_DIR"
status=0

echo "=== weiquan tests on SQLite ==="
env -u DATABASE_URL $PY -m pytest "$@" || status=1

echo "=== weiquan tests on PostgreSQL ==="
cleanup=""
if [ -z "${DATABASE_URL:-}" ]; then
  if $PY - <<'PY' 2>/dev/null
import psycopg; psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=3).close()
PY
  then
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/weiquan
  else
    eval "$(bash scripts/pg_start.sh)" || { echo "could not start PostgreSQL" >&2; exit 1; }
    cleanup=1
  fi
fi
$PY -m pytest "$@" || status=1
[ -n "$cleanup" ] && bash scripts/pg_stop.sh
exit $status
