#!/usr/bin/env bash
# Stop the throwaway PostgreSQL started by pg_start.sh (only that one).
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "${PGROOT:-}" ] || exit 0
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true
rm -rf "$PGROOT"
