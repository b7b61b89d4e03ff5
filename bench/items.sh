#!/usr/bin/env bash
# Items with a bbox, three parties on the same landmap_bench parcels, interleaved, median of RUNS:
#   (a) LandMap  GET /ogc/collections/parcels/items?limit=100&bbox={bbox}      wrk + wrk-bbox.lua
#   (b) the statements LandMap ran for one such request (server log, bench/replay.py)   pgbench -M extended
#   (c) MapServer 8 OGC API items?f=json&limit=100&bbox={bbox} (bench/mapserver.sh)   wrk
# Boxes: the fixed list bench/bboxes-1000.txt (500 m x 500 m). Before timing, a sample of boxes is
# checked (valid FeatureCollection, numberReturned <= 100, same count from all three parties).
# Reports req/s, p50/p95/p99, CPU-ms per request (server side: app + PostgreSQL; and client),
# ratios LandMap/MapServer (target >= 2) and LandMap/PostgreSQL (target >= 0.7).
#   bench/items.sh          (as root, after bench/bench-db.sh; env: DURATION=30 RUNS=3 CONNS=16
#                            THREADS=2 WARMUP=10 SAMPLE=50 ITEMS_PARAMS=)   results: /var/tmp/landmap-bench-run/results/
set -euo pipefail
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/parties.sh"
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
# ITEMS_PARAMS: more query parameters for (a) (and so for (b), its statements), e.g. '&properties=code,name'.
LANDMAP_PATH="/ogc/collections/parcels/items?limit=100${ITEMS_PARAMS:-}&bbox={bbox}"
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

# ---- (b) is what LandMap sends for one request, taken from the server log each run (bench/replay.py):
# the statements that use the box (the bounded count and the page), every other value as LandMap
# sent it; the box comes from bench.bbox, one extra tiny primary-key read per transaction.
b1="$(head -1 "$BBOXES")"; IFS=, read -r x0 y0 x1 y1 <<< "$b1"
printf '%s\n' '\set i random(1, 1000)' 'select minx, miny, maxx, maxy from bench.bbox where i = :i \gset' > "$OUT/prelude.pgbench"
capture_statements "$API${LANDMAP_PATH/\{bbox\}/$b1}" "$OUT/page" "$OUT/prelude.pgbench" \
  minx="$x0" miny="$y0" maxx="$x1" maxy="$y1" > "$OUT/page.options" || die "cannot take LandMap's statements from the server log (see $OUT/page.log)"
mapfile -t PGB_VARS < "$OUT/page.options"
log "(b) replays the $(wc -l < "$OUT/page.sql") statement(s) LandMap ran for one items request: $OUT/page.pgbench"
page_sql() { tail -1 "$OUT/page.sql" | sed "s/:minx/$1/; s/:miny/$2/; s/:maxx/$3/; s/:maxy/$4/"; }   # the page, for one box

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
q -c "explain (analyze, buffers) $(page_sql "$x0" "$y0" "$x1" "$y1")" > "$OUT/plan.txt"
while IFS=, read -r a b c d; do echo "explain (costs off) $(page_sql "$a" "$b" "$c" "$d")"; done < "$BBOXES" | qv > "$OUT/plans.txt"
log "plans of the page query for the $(grep -c '^Limit' "$OUT/plans.txt") boxes: $(grep -c 'parcels_geom_idx' "$OUT/plans.txt" || true) use the GiST index," \
    "$(grep -c 'Gather' "$OUT/plans.txt" || true) are parallel, $(grep -c 'parcels_pkey' "$OUT/plans.txt" || true) walk the primary key (one: plan.txt)"

echo "$RUNS_HEADER" > "$OUT/runs.tsv"
if [ "$WARMUP" -gt 0 ]; then
  log "warm-up ${WARMUP}s per party (not counted)"
  for p in landmap postgres mapserver; do run_party "$p" 0 "$WARMUP"; done
fi
for ((r = 1; r <= RUNS; r++)); do
  for p in landmap postgres mapserver; do log "run $r/$RUNS: $p"; run_party "$p" "$r" "$DURATION"; done
done
"$BENCH/summary.sh" "$OUT/runs.tsv" "N=$N parcels, $RUNS x ${DURATION}s, -c$CONNS -t$THREADS, $(nproc) CPUs, load average at start $LOADAVG" | tee "$OUT/summary.md"
log "raw files: $OUT"
