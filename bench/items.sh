#!/usr/bin/env bash
# Items with a bbox, three parties on the same landmap_bench parcels, interleaved, median of RUNS:
#   (a) LandMap  GET /ogc/collections/parcels/items?limit=100&bbox={bbox}      wrk + wrk-bbox.lua
#   (b) the same page query straight in PostgreSQL (bench/page.sql)           pgbench -M extended
#   (c) MapServer 8 OGC API items?f=json&limit=100&bbox={bbox} (bench/mapserver.sh)   wrk
# Boxes: the fixed list bench/bboxes-1000.txt (500 m x 500 m). Before timing, a sample of boxes is
# checked (valid FeatureCollection, numberReturned <= 100, same count from all three parties).
# Reports req/s, p50/p95/p99, CPU-ms per request (server side: app + PostgreSQL; and client),
# ratios LandMap/MapServer (target >= 2) and LandMap/PostgreSQL (target >= 0.7).
#   bench/items.sh          (as root, after bench/bench-db.sh; env: DURATION=30 RUNS=3 CONNS=16
#                            THREADS=2 WARMUP=10 SAMPLE=50)   results: /var/tmp/landmap-bench-run/results/
set -euo pipefail
. "$(dirname "$0")/common.sh"
DURATION="${DURATION:-30}" RUNS="${RUNS:-3}" CONNS="${CONNS:-16}" THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-10}" SAMPLE="${SAMPLE:-50}"
ensure_packages wrk jq curl postgresql-client-15 cgi-mapserver lighttpd
need_db
N="$(qv -c 'select count(*) from parcels')"
[ "$N" -gt 0 ] || die "no parcels in $DB: run bench/bench-db.sh"
OUT="$RUN/results/$(date +%Y%m%d-%H%M%S)-items-N$N"; mkdir -p "$OUT"
TMP="$(mktemp -d)"; MS_STARTED=0
cleanup() { [ "$API_STARTED" = 1 ] && api_stop; [ "$MS_STARTED" = 1 ] && "$BENCH/mapserver.sh" stop; rm -rf "$TMP"; }
trap cleanup EXIT
LANDMAP_PATH='/ogc/collections/parcels/items?limit=100&bbox={bbox}'
MS_URL="http://127.0.0.1:$MS_PORT"
MS_PATH='/mapserv/landmap/ogcapi/collections/parcels/items?f=json&limit=100&bbox={bbox}'

LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"
log "N=$N parcels; $RUNS x ${DURATION}s per party, -c$CONNS -t$THREADS; load average $LOADAVG; results in $OUT"
q -c 'create schema if not exists bench' \
  -c 'create table if not exists bench.bbox (i int primary key, minx float8, miny float8, maxx float8, maxy float8)' \
  -c 'truncate bench.bbox'
awk -F, 'NF == 4 { print NR "," $0 }' "$BBOXES" | q -c '\copy bench.bbox from stdin with (format csv)'
q -c 'analyze bench.bbox'
api_start
if ! "$BENCH/mapserver.sh" status | grep -q pid; then "$BENCH/mapserver.sh" start; MS_STARTED=1; fi

# ---- what LandMap sends for one request (server log), and is page.sql still the same select?
q -c 'alter system set log_min_duration_statement = 0' -c 'select pg_reload_conf()' >/dev/null
mark=$(wc -c < "$PGDATA_DIR/server.log"); b1="$(head -1 "$BBOXES")"
curl -fsS -o /dev/null "$API${LANDMAP_PATH/\{bbox\}/$b1}"; sleep 0.5
q -c 'alter system reset log_min_duration_statement' -c 'select pg_reload_conf()' >/dev/null
tail -c +"$((mark + 1))" "$PGDATA_DIR/server.log" | grep -aE 'execute [^:]*: |statement: ' | grep -av 'alter system\|pg_reload_conf' > "$OUT/landmap-statements.log" || true
want="$(grep '^select id, ' "$BENCH/page.sql" | sed 's/:minx, :miny, :maxx, :maxy/$1, $2, $3, $4/; s/limit :lim;/limit $5/')"
log "LandMap ran $(wc -l < "$OUT/landmap-statements.log") statement(s) for one items request (landmap-statements.log)"
grep -qF -- "$want" "$OUT/landmap-statements.log" && log "page.sql is the select LandMap runs" ||
  log "WARNING: page.sql is not the select LandMap runs now: (b) is not comparable; update it from $OUT/landmap-statements.log"

# ---- check a sample of boxes: valid GeoJSON, <= 100 features, same count everywhere
JQ='if .type == "FeatureCollection" and (.features | length) <= 100 and .numberReturned == (.features | length)
      and all(.features[]; .type == "Feature" and (.geometry.type | test("Polygon")) and (.properties | type) == "object")
    then .numberReturned else error("not a valid page of <= 100 features") end'
step=$(( $(wc -l < "$BBOXES") / SAMPLE )); [ "$step" -ge 1 ] || step=1; total=0; k=0; checked=0
while IFS= read -r b; do
  k=$((k + 1)); [ $(( (k - 1) % step )) -eq 0 ] || continue
  a="$(curl -fsS "$API${LANDMAP_PATH/\{bbox\}/$b}" | jq -e "$JQ")" || die "LandMap: bad response for bbox=$b"
  m="$(curl -fsS "$MS_URL${MS_PATH/\{bbox\}/$b}" | jq -e "$JQ")" || die "MapServer: bad response for bbox=$b"
  s="$(qv -c "select least(count(*), 100) from parcels where st_intersects(geom, st_makeenvelope($b, 4490))")"
  [ "$a" = "$m" ] && [ "$a" = "$s" ] || die "bbox=$b: LandMap $a, MapServer $m, SQL $s features"
  total=$((total + a)); checked=$((checked + 1))
done < "$BBOXES"
log "checked $checked boxes: valid FeatureCollections, same counts from all parties (mean $((total / checked)) features)"
q -c "explain (analyze, buffers) $(grep '^select id, ' "$BENCH/page.sql" | sed "s/:minx, :miny, :maxx, :maxy/$b1/; s/:lim;/101/")" \
  > "$OUT/plan.txt"
awk -v sql="$(grep '^select id, ' "$BENCH/page.sql")" '{ s = sql; sub(/:minx, :miny, :maxx, :maxy/, $0, s); sub(/:lim;/, "101;", s)
  print "explain (costs off) " s }' "$BBOXES" | qv > "$OUT/plans.txt"
log "plans of the page query for the $(grep -c '^Limit' "$OUT/plans.txt") boxes: $(grep -c 'parcels_geom_idx' "$OUT/plans.txt" || true) use the GiST index," \
    "$(grep -c 'Gather' "$OUT/plans.txt" || true) are parallel, $(grep -c 'parcels_pkey' "$OUT/plans.txt" || true) walk the primary key (one: plan.txt)"

# ---- one timed run of a party: load + CPU accounting; appends a line to runs.tsv
secs() { awk 'NR == 2 { n = split($0, a, /[ms ]+/); print a[1] * 60 + a[2] + a[3] * 60 + a[4] }' "$1"; }
run_party() {  # party run duration
  local p="$1" r="$2" d="$3" o="$OUT/$1.r$2.txt" a0 m0 g0 b0 w0 a1 m1 g1 b1 w1 res
  a0=$(tree_ticks "$(api_pid)"); m0=$(tree_ticks "$(pidof_file "$RUN/mapserver/lighttpd.pid")")
  g0=$(tree_ticks "$(pg_pid)"); b0=$(busy_ticks); w0=$(date +%s.%N); times > "$TMP/t0"
  case "$p" in
    landmap)   wrk -t"$THREADS" -c"$CONNS" -d"${d}s" --latency --timeout 10s -s "$BENCH/wrk-bbox.lua" "$API" -- "$BBOXES" "$LANDMAP_PATH" > "$o" ;;
    mapserver) wrk -t"$THREADS" -c"$CONNS" -d"${d}s" --latency --timeout 10s -s "$BENCH/wrk-bbox.lua" "$MS_URL" -- "$BBOXES" "$MS_PATH" > "$o" ;;
    postgres)  rm -f "$TMP"/pgb*; pgbench "$PGCONN" -n -M extended -c "$CONNS" -j "$THREADS" -T "$d" -f "$BENCH/page.sql" \
                 -l --log-prefix="$TMP/pgb" > "$o" 2> "$o.err" || { cat "$o.err" >&2; die "pgbench failed"; } ;;
  esac
  times > "$TMP/t1"; w1=$(date +%s.%N); b1=$(busy_ticks); g1=$(tree_ticks "$(pg_pid)")
  a1=$(tree_ticks "$(api_pid)"); m1=$(tree_ticks "$(pidof_file "$RUN/mapserver/lighttpd.pid")")
  if [ "$p" = postgres ]; then
    res="$(awk '/^tps = / { tps = $3 } /actually processed/ { n = $NF } /failed transactions/ { f = $5 }
                END { printf "%s %s %s", tps, n, f + 0 }' "$o")"
    cat "$TMP"/pgb* | awk '{ print $3 }' > "$TMP/lat"
    set -- $res $(percentiles_us "$TMP/lat") 0   # rps reqs errors p50 p95 p99 bytes
  else
    res="$(sed -n 's/^RESULT //p' "$o")"; [ -n "$res" ] || die "no RESULT line in $o"
    eval "local $res"   # requests= seconds= rps= p50= ... errors= non2xx=
    set -- "$rps" "$requests" $((errors + non2xx)) "$p50" "$p95" "$p99" "$bytes_per_req"
  fi
  [ "$p" = landmap ] && app=$((a1 - a0)) || { [ "$p" = mapserver ] && app=$((m1 - m0)) || app=0; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$p" "$r" "$1" "$4" "$5" "$6" "$2" "$3" "$7" \
    "$(awk -v t="$app" -v k="$CLK_TCK" 'BEGIN { print t / k }')" "$(awk -v t=$((g1 - g0)) -v k="$CLK_TCK" 'BEGIN { print t / k }')" \
    "$(awk -v a="$(secs "$TMP/t1")" -v b="$(secs "$TMP/t0")" 'BEGIN { print a - b }')" \
    "$(awk -v t=$((b1 - b0)) -v k="$CLK_TCK" 'BEGIN { print t / k }')" "$(awk -v a="$w1" -v b="$w0" 'BEGIN { print a - b }')" \
    | tee -a "$OUT/$( [ "$r" = 0 ] && echo warmup || echo runs ).tsv" | awk -F'\t' '{ printf "    %s run %s: %.1f req/s, p50 %s p95 %s p99 %s ms, %s errors\n", $1, $2, $3, $4, $5, $6, $8 }' >&2
  [ "$3" = 0 ] || log "WARNING: $p run $r had $3 errors/failed requests"
}

printf 'party\trun\trps\tp50\tp95\tp99\trequests\terrors\tbytes_per_req\tcpu_app_s\tcpu_pg_s\tcpu_client_s\tbusy_s\twall_s\n' > "$OUT/runs.tsv"
if [ "$WARMUP" -gt 0 ]; then
  log "warm-up ${WARMUP}s per party (not counted)"
  for p in landmap postgres mapserver; do run_party "$p" 0 "$WARMUP"; done
fi
for ((r = 1; r <= RUNS; r++)); do
  for p in landmap postgres mapserver; do log "run $r/$RUNS: $p"; run_party "$p" "$r" "$DURATION"; done
done
"$BENCH/summary.sh" "$OUT/runs.tsv" "N=$N parcels, $RUNS x ${DURATION}s, -c$CONNS -t$THREADS, $(nproc) CPUs, load average at start $LOADAVG" | tee "$OUT/summary.md"
log "raw files: $OUT"
