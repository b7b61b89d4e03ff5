#!/usr/bin/env bash
# Stops what the bench scripts started, by their PID files: the LandMap API (api.pid,
# api-runner.pid), lighttpd and its mapserv FastCGI processes (bench/mapserver.sh stop) and the
# bench cluster (pg_ctl stop -D /var/tmp/landmap-bench-pg). Data and results are kept
# (rm -rf /var/tmp/landmap-bench-pg /var/tmp/landmap-bench-run to start from scratch).
#   bench/stop.sh      (as root)
set -euo pipefail
. "$(dirname "$0")/common.sh"
api_stop
"$BENCH/mapserver.sh" stop
if pg_running; then
  log "stopping PostgreSQL (pid $(pg_pid))"
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null
fi
log "stopped; data in $PGDATA_DIR, results in $RUN/results"
