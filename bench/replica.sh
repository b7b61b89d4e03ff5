#!/usr/bin/env bash
# Reads on a streaming replica against reads on the primary, and the replica's lag under a write.
#   (1) a streaming replica of the bench cluster: pg_basebackup -R of /var/tmp/landmap-bench-pg
#       into /var/tmp/landmap-bench-replica, port 55461 (rebuilt when it cannot catch up);
#   (2) RUNS rounds, each: the API (port 5096) reading on the primary, then the API reading on the
#       replica (ConnectionStrings__LandMapRead): items with a 500 m bbox (bench/wrk-bbox.lua over
#       bboxes-1000.txt, limit 100) and z16 parcel tiles of the zone (tile cache off, so each tile
#       is rendered), CONNS connections, DURATION s each; req/s, p50/p95, CPU-s of the API, the
#       primary and the replica;
#   (3) lag: an upload of LAG_N parcels (EPSG:4549, every check, one transaction) into a scratch
#       database landmap_replica_lag on the same cluster (so it streams to the replica too), the
#       replica's replay lag sampled every 0.1 s on the primary (pg_stat_replication), and how
#       long after the upload's answer the replica has replayed its LandMap-Read-After position.
# landmap_bench is only read (the overview refresher is off, the tile cache is off).
#   bench/replica.sh   (as root, after bench/bench-db.sh; env: DURATION=20 RUNS=3 CONNS=16 THREADS=2 LAG_N=10000,
#                       PARTS="reads lag" to run only some)
set -euo pipefail
export BENCH_API_PORT="${BENCH_API_PORT:-5096}" BENCH_RUN="${BENCH_RUN:-/var/tmp/landmap-bench-replica-run}"
. "$(dirname "$0")/common.sh"
DURATION="${DURATION:-20}" RUNS="${RUNS:-3}" CONNS="${CONNS:-16}" THREADS="${THREADS:-2}" LAG_N="${LAG_N:-10000}" PARTS="${PARTS:-reads lag}"
REPLICA_DIR=/var/tmp/landmap-bench-replica REPLICA_PORT=55461 REPLICA_NAME=landmap-bench-replica
ensure_packages wrk jq curl gdal-bin postgresql-client-15
need_db
N="$(qv -c 'select count(*) from parcels')"
OUT="$RUN/results/$(date +%Y%m%d-%H%M%S)-replica-N$N"; mkdir -p "$OUT"
TMP="$(mktemp -d)"
replica_ctl() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$REPLICA_DIR" "$@"; }
replica_pid() { head -1 "$REPLICA_DIR/postmaster.pid"; }
cleanup() { api_stop; replica_ctl -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$TMP"; }
trap cleanup EXIT
RQ() { psql "host=127.0.0.1 port=$REPLICA_PORT user=postgres dbname=$DB" -X -q -tA -v ON_ERROR_STOP=1 "$@"; }
PRIMARY_Q() { psql "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -X -q -tA -v ON_ERROR_STOP=1 "$@"; }
LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"
log "N=$N parcels; $RUNS rounds x ${DURATION}s per party, -c$CONNS -t$THREADS; load average $LOADAVG; results in $OUT"

# ---- (1) the replica
caught_up() {  # the replica streams and has replayed what the primary has written now
  local target; target="$(PRIMARY_Q -c 'select pg_current_wal_insert_lsn()')"
  for ((i = 0; i < ${1:-600}; i++)); do
    [ "$(RQ -c "select coalesce(pg_last_wal_replay_lsn() >= '$target', false)" 2>/dev/null)" = t ] && return 0
    sleep 0.1
  done
  return 1
}
build_replica() {
  log "pg_basebackup -R of the bench cluster into $REPLICA_DIR ($(du -sh "$PGDATA_DIR" | cut -f1); a few minutes)"
  replica_ctl -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$REPLICA_DIR"; mkdir -p "$REPLICA_DIR"; chmod 700 "$REPLICA_DIR"; chown postgres:postgres "$REPLICA_DIR"
  runuser -u postgres -- "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$REPLICA_DIR" -R -X stream -c fast \
    || die "pg_basebackup failed"
  # Its own port and name (pg_stat_replication shows it by application_name); no log of its own in the copy.
  printf "port = %s\ncluster_name = '%s'\nprimary_conninfo = 'host=127.0.0.1 port=%s user=postgres application_name=%s'\n" \
    "$REPLICA_PORT" "$REPLICA_NAME" "$PG_PORT" "$REPLICA_NAME" >> "$REPLICA_DIR/postgresql.auto.conf"
  rm -f "$REPLICA_DIR/server.log"
}
start_replica() {
  replica_ctl status >/dev/null 2>&1 && return 0
  replica_ctl -l "$REPLICA_DIR/server.log" -w -t 120 start >/dev/null || return 1
}
if [ ! -f "$REPLICA_DIR/standby.signal" ] || ! start_replica || ! caught_up 600; then
  build_replica; start_replica || die "the replica did not start; see $REPLICA_DIR/server.log"
  caught_up 1200 || die "the replica did not catch up in 120 s"
fi
[ "$(RQ -c 'select pg_is_in_recovery()')" = t ] || die "$REPLICA_DIR is not in recovery"
log "replica on port $REPLICA_PORT streaming ($(PRIMARY_Q -c "select state || ', ' || sync_state from pg_stat_replication where application_name = '$REPLICA_NAME'"))"

# ---- (2) reads: primary vs replica
export LandMap__Overview__Enabled=false LandMap__TileCache__Megabytes=0
# z16 tiles over the zone (lon 120.70-120.95, lat 27.78-27.98), as bench/tiles.sh walks them.
read -r x0 x1 y0 y1 < <(awk -v z=16 'function ty(lat,  r) { r = lat * 3.141592653589793 / 180; return int((1 - log(sin(r)/cos(r) + 1/cos(r)) / 3.141592653589793) / 2 * 2^z) }
  BEGIN { n = 2^z; printf "%d %d %d %d\n", int((120.70 + 180) / 360 * n), int((120.95 + 180) / 360 * n), ty(27.98), ty(27.78) }')
for ((y = y0; y <= y1; y++)); do for ((x = x0; x <= x1; x++)); do echo "/ogc/collections/parcels/tiles/WebMercatorQuad/16/$y/$x"; done; done > "$TMP/tiles"
cat > "$TMP/cycle.lua" <<'LUA'
local paths, i, threads = {}, 0, 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args) for line in io.lines(args[1]) do paths[#paths + 1] = line end; i = (id * 7919) % #paths end
function request() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
function done(s, lat, req)
  io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50=%.2f p95=%.2f errors=%d non2xx=%d\n", s.requests, s.duration / 1e6,
    s.requests / (s.duration / 1e6), lat:percentile(50) / 1000, lat:percentile(95) / 1000,
    s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout, s.errors.status))
end
LUA
api_on() {  # primary|replica
  api_stop
  if [ "$1" = replica ]; then export ConnectionStrings__LandMapRead="Host=127.0.0.1;Port=$REPLICA_PORT;Username=postgres;Database=$DB"
  else unset ConnectionStrings__LandMapRead; fi
  api_start
  [ "$1" != replica ] || grep -q 'Healthy' <(curl -s "$API/health/ready") || die "the API does not see its replica as usable"
}
measure() {  # mode party round
  local o="$OUT/$2-$1.r$3.txt" a0 p0 r0 a1 p1 r1 res
  a0=$(tree_ticks "$(api_pid)"); p0=$(tree_ticks "$(pg_pid)"); r0=$(tree_ticks "$(replica_pid)")
  case "$2" in
    items) wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency --timeout 10s -s "$BENCH/wrk-bbox.lua" "$API" -- "$BBOXES" \
             '/ogc/collections/parcels/items?limit=100&bbox={bbox}' > "$o" ;;
    tiles) wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency --timeout 10s -s "$TMP/cycle.lua" "$API" -- "$TMP/tiles" > "$o" ;;
  esac
  a1=$(tree_ticks "$(api_pid)"); p1=$(tree_ticks "$(pg_pid)"); r1=$(tree_ticks "$(replica_pid)")
  res="$(sed -n 's/^RESULT //p' "$o")"; [ -n "$res" ] || die "no RESULT line in $o"
  eval "local $res"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rps" "$p50" "$p95" "$((errors + non2xx))" \
    "$(awk -v t=$((a1 - a0)) -v k="$CLK_TCK" 'BEGIN { print t / k }')" "$(awk -v t=$((p1 - p0)) -v k="$CLK_TCK" 'BEGIN { print t / k }')" \
    "$(awk -v t=$((r1 - r0)) -v k="$CLK_TCK" 'BEGIN { print t / k }')" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/runs.tsv" \
    | awk -F'\t' '{ printf "    %s on the %s, round %s: %.1f req/s, p50 %s p95 %s ms, %s errors; CPU-s API %s primary %s replica %s; load %s\n", $2, $1, $3, $4, $5, $6, $7, $8, $9, $10, $11 }' >&2
}
want() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }
printf 'reads_on\tparty\tround\trps\tp50\tp95\terrors\tcpu_api_s\tcpu_primary_s\tcpu_replica_s\tload1\n' > "$OUT/runs.tsv"
want reads && for ((r = 1; r <= RUNS; r++)); do
  for mode in primary replica; do
    api_on "$mode"
    # Warm the pools and caches of this side before timing.
    wrk -t"$THREADS" -c"$CONNS" -d5s -s "$BENCH/wrk-bbox.lua" "$API" -- "$BBOXES" '/ogc/collections/parcels/items?limit=100&bbox={bbox}' >/dev/null
    measure "$mode" items "$r"; measure "$mode" tiles "$r"
  done
done
want reads && { [ "$(RQ -c "select count(*) from pg_stat_activity where application_name = 'landmap-read'")" -gt 0 ] \
  || log "WARNING: no landmap-read connection on the replica after the replica rounds"; }
api_stop; unset ConnectionStrings__LandMapRead

# ---- (3) lag under a write: an upload into a scratch database of the same cluster
LAG_LINE="(lag not measured: PARTS=$PARTS)"
if want lag; then
FILE="$RUN/parcels-$LAG_N-4549.geojson"
if [ ! -s "$FILE" ]; then
  log "exporting $LAG_N synthetic parcels to $FILE (EPSG:4549)"
  ogr2ogr -f GeoJSON "$FILE" PG:"$PGCONN" -t_srs EPSG:4549 -lco RFC7946=NO -lco WRITE_NAME=NO -nln parcels -sql "
    select code, park_code, land_use, land_use_edition, status, supply_method,
           to_char(approved_on, 'YYYY-MM-DD') as approved_on, to_char(supplied_on, 'YYYY-MM-DD') as supplied_on,
           to_char(agreed_start_on, 'YYYY-MM-DD') as agreed_start_on, to_char(actual_start_on, 'YYYY-MM-DD') as actual_start_on,
           plot_ratio, geom
    from parcels where source = 'synthetic' order by id limit $LAG_N"
fi
SRC="$PGCONN"
DB=landmap_replica_lag PGCONN="host=127.0.0.1 port=$PG_PORT user=postgres dbname=landmap_replica_lag"
PRIMARY_Q -c "drop database if exists landmap_replica_lag with (force)"
TOKEN="bench-$(date +%s%N)"
export LandMap__WriteToken="$TOKEN" LandMap__Uploads__MaxBytes=2000000000
export ConnectionStrings__LandMapRead="Host=127.0.0.1;Port=$REPLICA_PORT;Username=postgres;Database=landmap_replica_lag"
api_start   # creates and migrates landmap_replica_lag on the primary; the replica follows
psql "$SRC" -X -q -c "\\copy (select code, name_zh, name_en, kind, st_asewkt(geom) from parks) to '$TMP/parks.tsv'"
q -c "\\copy parks (code, name_zh, name_en, kind, geom) from '$TMP/parks.tsv'" -c "analyze parks"
caught_up 600 || die "the replica did not follow the scratch database"
# One session, \watch every 0.1 s: time, bytes not yet replayed, replay_lag (ms), replayed position (bytes).
printf '%s\n\\watch 0.1\n' "select extract(epoch from clock_timestamp()), pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn),
  coalesce(extract(epoch from replay_lag) * 1000, 0), pg_wal_lsn_diff(replay_lsn, '0/0')
  from pg_stat_replication where application_name = '$REPLICA_NAME';" \
  | PRIMARY_Q -F' ' > "$OUT/lag.txt" 2>/dev/null &
SAMPLER=$!
sleep 1
t0=$(date +%s.%N)
curl -s -D "$OUT/upload.headers" -o "$OUT/upload.json" -X POST -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/geo+json' --data-binary @"$FILE" "$API/api/uploads?collection=parcels&crs=EPSG:4549" >/dev/null
t1=$(date +%s.%N)
AFTER="$(awk 'tolower($1) == "landmap-read-after:" { print $2 }' "$OUT/upload.headers" | tr -d '\r')"
grep -q '^HTTP/[0-9.]* 201' "$OUT/upload.headers" || { head -c 2000 "$OUT/upload.json" >&2; die "the upload did not commit (201)"; }
[ -n "$AFTER" ] || die "the upload answered without LandMap-Read-After"
caught_up 600 || die "the replica did not replay the upload in 60 s"
sleep 0.5; pkill -P "$SAMPLER" 2>/dev/null || true; kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true
# The first sample at which the replica had replayed the upload's position, after the answer (0.1 s resolution).
AFTER_B="$(PRIMARY_Q -c "select pg_wal_lsn_diff('$AFTER', '0/0')")"
t2="$(awk -v a="$AFTER_B" -v t="$t1" 'NF == 4 && $4 >= a && $1 >= t - 1 { print $1; exit }' "$OUT/lag.txt")"
[ -n "$t2" ] || t2="$t1"
written="$(qv -c 'select count(*) from parcels')"; on_replica="$(RQ -c 'select count(*) from parcels')"
[ "$written" = "$on_replica" ] || die "primary has $written parcels, the replica $on_replica"
UPLOAD_S=$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
VISIBLE_MS=$(awk -v a="$t2" -v b="$t1" 'BEGIN { d = (a - b) * 1000; printf "%.0f", d < 0 ? 0 : d }')
read -r MAX_BYTES MAX_LAG_MS < <(awk -v s="$t0" -v e="$t1" 'NF == 4 && $1 >= s && $1 <= e + 1 { if ($2 > b) b = $2; if ($3 > l) l = $3 } END { printf "%d %.0f\n", b, l }' "$OUT/lag.txt")
FILE_MB=$(awk -v s="$(stat -c %s "$FILE")" 'BEGIN { printf "%.0f", s / 1048576 }')
api_stop
PRIMARY_Q -c "drop database landmap_replica_lag with (force)"
LAG_LINE="Lag: upload of $LAG_N parcels (${FILE_MB} MB GeoJSON) answered in $UPLOAD_S s; the replica had replayed its LandMap-Read-After position $VISIBLE_MS ms after the answer arrived (0: already; samples every 0.1 s); during the upload the replica trailed by at most $MAX_BYTES bytes of WAL, replay_lag at most $MAX_LAG_MS ms."
fi

# ---- summary
{
  echo "| reads on | party | req/s (rounds) | p50 / p95 ms (median round) | CPU-ms/req API + primary + replica |"
  echo "| --- | --- | --- | --- | --- |"
  for party in items tiles; do for mode in primary replica; do
    awk -F'\t' -v m="$mode" -v p="$party" 'NR > 1 && $1 == m && $2 == p { n++; r[n] = $4; l[n] = $0 }
      END { if (!n) exit; s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? ", " : "") r[i]
            # median round by req/s
            for (i = 1; i <= n; i++) { k = 0; for (j = 1; j <= n; j++) if (r[j] < r[i]) k++; if (k == int((n - 1) / 2)) { split(l[i], f, "\t"); break } }
            req = f[4] * '"$DURATION"'
            printf "| %s | %s | %s | %s / %s | %.2f + %.2f + %.2f |\n", m, p, s, f[5], f[6], f[8] * 1000 / req, f[9] * 1000 / req, f[10] * 1000 / req }' "$OUT/runs.tsv"
  done; done
  echo
  echo "$LAG_LINE"
  echo
  echo "(N=$N, $RUNS rounds x ${DURATION}s, -c$CONNS -t$THREADS, $(nproc) CPUs, load average at start $LOADAVG, at end $(cut -d' ' -f1-3 /proc/loadavg))"
} | tee "$OUT/summary.md"
log "raw files: $OUT"
