# Shared settings and helpers of the load benchmarks (sourced by bench/*.sh; not run alone).
# Everything lives outside the repository: the cluster in /var/tmp/landmap-bench-pg (port 55460),
# PID files, logs, MapServer's files and results in /var/tmp/landmap-bench-run.
# Ports: PostgreSQL 55460, LandMap API 5091, MapServer (lighttpd) 8091.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$REPO/bench"
PGDATA_DIR=/var/tmp/landmap-bench-pg
# BENCH_DB, BENCH_API_PORT, BENCH_RUN: another database, API port and run folder on the same cluster,
# for a benchmark that must not disturb landmap_bench or another benchmark's API (bench/site-check.sh).
RUN="${BENCH_RUN:-/var/tmp/landmap-bench-run}"
PGBIN=/usr/lib/postgresql/15/bin
PG_PORT=55460 API_PORT="${BENCH_API_PORT:-5091}" MS_PORT=8091 DB="${BENCH_DB:-landmap_bench}"
PGCONN="host=127.0.0.1 port=$PG_PORT user=postgres dbname=$DB"
API="http://127.0.0.1:$API_PORT"
BBOXES="$BENCH/bboxes-1000.txt"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (apt-get, and runuser for PostgreSQL)"
mkdir -p "$RUN" && chmod 755 "$RUN"

# apt-get install whatever is missing; never lets a package start a system service.
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (apt)"
  local guard=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; guard=1; fi
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
    > "$RUN/apt.log" 2>&1 || { [ $guard = 1 ] && rm -f /usr/sbin/policy-rc.d; die "apt-get install ${missing[*]} failed; see $RUN/apt.log"; }
  [ $guard = 1 ] && rm -f /usr/sbin/policy-rc.d
  return 0
}

q() { PGOPTIONS='-c client_min_messages=warning' psql "$PGCONN" -X -q -v ON_ERROR_STOP=1 "$@"; }
qv() { q -tA "$@"; }   # one value

pg_running() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; }
pg_start() {
  pg_running && return 0
  [ -f "$PGDATA_DIR/PG_VERSION" ] || die "no bench cluster in $PGDATA_DIR: run bench/bench-db.sh first"
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT ($PGDATA_DIR)"
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 120 start >/dev/null \
    || die "pg_ctl start failed; see $PGDATA_DIR/server.log"
}
pg_pid() { head -1 "$PGDATA_DIR/postmaster.pid"; }
need_db() {
  pg_start
  [ "$(qv -c "select to_regclass('parcels') is not null" 2>/dev/null)" = t ] || die "database $DB has no schema: run bench/bench-db.sh"
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pidof_file() { [ -s "$1" ] && cat "$1" || true; }
# SIGTERM a PID, wait up to $2 s, then SIGKILL.
stop_pid() {
  local pid="$1" t="${2:-20}" i
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < t * 5; i++)); do alive "$pid" || return 0; sleep 0.2; done
  log "pid $pid ignored SIGTERM for ${t}s: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true
}

# The API (dotnet run in the background). api.pid is the LandMap.Api process itself (the one
# listening on $API_PORT, measured for CPU and RSS); api-runner.pid is `dotnet run`.
API_STARTED=0
api_pid() { pidof_file "$RUN/api.pid"; }
api_start() {
  if alive "$(api_pid)" && curl -sf -o /dev/null "$API/health/ready"; then log "API already running (pid $(api_pid))"; return 0; fi
  ss -ltnH "sport = :$API_PORT" | grep -q . && die "port $API_PORT is taken by another process"
  log "starting LandMap API on $API (dotnet run -c Release; log $RUN/api.log)"
  # Rate limits off by default: the benchmarks measure what the service serves, not its per-client
  # limits (bench/load.sh turns them on to see the service shed load). LOAD_SAMPLE=true loads gis-data.
  # Development settings (as ./landmap.sh run): anonymous read and the map from web/.
  ( cd "$REPO" && export ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_CONTENTROOT="$REPO/api/LandMap.Api" \
      ConnectionStrings__LandMap="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB" \
      LandMap__LoadSampleData="${LOAD_SAMPLE:-false}" LandMap__RateLimit__Enabled="${RATE_LIMIT:-false}" \
      LandMap__RateLimit__ExemptLoopback=true Urls="$API" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 &&
    exec dotnet run --project api/LandMap.Api -c Release --no-launch-profile ) < /dev/null > "$RUN/api.log" 2>&1 &
  echo $! > "$RUN/api-runner.pid"; API_STARTED=1
  local i
  for ((i = 0; i < 600; i++)); do
    curl -sf -o /dev/null "$API/health/ready" && break
    alive "$(pidof_file "$RUN/api-runner.pid")" || { tail -20 "$RUN/api.log" >&2; die "the API exited while starting"; }
    sleep 0.5
  done
  curl -sf -o /dev/null "$API/health/ready" || { tail -20 "$RUN/api.log" >&2; die "the API was not ready after 300 s"; }
  ss -ltnpH "sport = :$API_PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 > "$RUN/api.pid"
  alive "$(api_pid)" || die "cannot find the process listening on $API_PORT"
  log "API ready (pid $(api_pid))"
}
# Waits (up to DERIVED_WAIT s, default 3600) until the API's background refreshers have built what
# the reads use at a million parcels: the overview of the zone's today (parcel_overview_dates) and
# today's stored state and compliance (parcel_today_built), with nothing marked. Timing before that
# measures the live path while a rebuild takes the cores (1M: minutes for each).
derived_wait() {
  local i today tomorrow sql
  today=$(TZ=Asia/Shanghai date +%F); tomorrow=$(TZ=Asia/Shanghai date -d tomorrow +%F)
  # Today's and the next day's (built ahead, so the rollover needs no rebuild): the refresher builds
  # the next day in the background, which would otherwise take a core from the timings.
  sql="select (select count(*) from parcel_overview_dates where on_date in ('$today', '$tomorrow'))
            + (select count(*) from (select 1 from parcel_overview_margins where on_date = '$today' limit 1) m)
            + (select count(*) from parcel_today_built where on_date = '$today' and not ahead)
            + (select count(*) from parcel_today_built where on_date = '$tomorrow' and ahead)
            - (select count(*) from (select 1 from parcel_today_dirty limit 1) d)
            - (select count(*) from (select 1 from parcel_today_ahead_log limit 1) a)
            - (select count(*) from (select 1 from parcel_overview_dirty limit 1) o)"
  for ((i = 0; i < ${DERIVED_WAIT:-3600}; i += 10)); do
    [ "$(qv -c "$sql" 2>/dev/null)" = 5 ] && { log "derived data of $today and $tomorrow ready"; return 0; }
    (( i % 60 == 0 )) && log "waiting for the overview and stored today of $today and $tomorrow (${i}s)"
    sleep 10
  done
  die "the overview / stored today of $today and $tomorrow were not built within ${DERIVED_WAIT:-3600} s"
}
api_stop() {
  local app runner; app="$(api_pid)"; runner="$(pidof_file "$RUN/api-runner.pid")"
  [ -n "$app$runner" ] || return 0
  log "stopping the API (pid ${app:-?}, dotnet run ${runner:-?})"
  stop_pid "$app" 30; stop_pid "$runner" 10
  rm -f "$RUN/api.pid" "$RUN/api-runner.pid"
}

# CPU ticks (user+sys, plus reaped children's) of a process tree: "ticks" for root PID $1.
tree_ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v root="$1" '
    { s = $0; i = match(s, /\)[^)]*$/); n = split(substr(s, i + 2), f, " ")
      pid = $1; pp[pid] = f[2]; t[pid] = f[12] + f[13] + f[14] + f[15] }
    END { in_[root] = 1; do { c = 0; for (p in pp) if (!(p in in_) && (pp[p] in in_)) { in_[p] = 1; c = 1 } } while (c)
          for (p in in_) s2 += t[p]; print s2 + 0 }'
}
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
CLK_TCK=$(getconf CLK_TCK)

# The statements LandMap runs for one request, as a pgbench script (bench/replay.py): the server log
# of the request with log_min_duration_statement=0 for a moment (the cluster's, a reload, no restart).
#   capture_statements URL OUT_PREFIX PRELUDE_FILE|"" NAME=VALUE...   (prints pgbench's -D options)
capture_statements() {
  local url="$1" out="$2" prelude="$3" mark rc=0 v; shift 3
  local vars=(); for v in "$@"; do vars+=(--var "$v"); done
  q -c 'alter system set log_min_duration_statement = 0' -c 'select pg_reload_conf()' >/dev/null
  mark=$(wc -c < "$PGDATA_DIR/server.log")
  curl -fsS -o /dev/null "$url" || rc=$?
  sleep 0.5
  q -c 'alter system reset log_min_duration_statement' -c 'select pg_reload_conf()' >/dev/null
  [ "$rc" = 0 ] || die "capture_statements: $url failed (curl exit $rc)"
  tail -c +"$((mark + 1))" "$PGDATA_DIR/server.log" > "$out.log"
  python3 "$BENCH/replay.py" "$out.log" "$out" ${prelude:+--prelude "$prelude"} "${vars[@]}"
}

# Latency percentiles (ms) from a file of numbers in microseconds: "p50 p95 p99".
percentiles_us() {
  sort -n "$1" | awk '{ v[NR] = $1 } END { if (!NR) { print "nan nan nan"; exit }
    split("50 95 99", q, " "); for (k = 1; k <= 3; k++) { i = int((q[k] * NR + 99) / 100); if (i < 1) i = 1
      printf "%.2f%s", v[i] / 1000, (k < 3 ? " " : "\n") } }'
}
