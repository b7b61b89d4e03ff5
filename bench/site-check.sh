#!/usr/bin/env bash
# Site-check latency (issue 16): POST /api/site-check with RUNS sites (200 m x 150 m rectangles at
# repeatable pseudo-random places over the zone, proposed use and figures given, the plan as on a
# date in force), median, p95 and p99 of curl's time_total (loopback, one connection per request,
# so each figure includes a TCP handshake) and the server's share of it (time to first byte).
#   bench/site-check.sh sample   the sample data (LandMap:LoadSampleData) + a synthetic plan of 200 zones
#   bench/site-check.sh 1m       1,000,000 synthetic parcels + a synthetic plan of 10,000 zones
# Each size has a database of its own on the benchmark cluster (landmap_sitecheck_sample,
# landmap_sitecheck_1m; built on first use like bench/bench-db.sh, ~5 min for 1m) and an API on port
# 5097, so landmap_bench and the other benchmarks are left alone. Targets: < 50 ms (sample), < 200 ms (1m).
set -euo pipefail
size="${1:-sample}"
case "$size" in
  sample) zones=200; export BENCH_DB=landmap_sitecheck_sample LOAD_SAMPLE=true ;;
  1m) zones=10000; export BENCH_DB=landmap_sitecheck_1m LOAD_SAMPLE=false ;;
  *) echo "usage: $0 sample|1m" >&2; exit 2 ;;
esac
export BENCH_API_PORT="${BENCH_API_PORT:-5097}" BENCH_RUN="${BENCH_RUN:-/var/tmp/landmap-bench-sitecheck}"
source "$(dirname "$0")/common.sh"
runs=${RUNS:-200}

pg_start
if [ "$size" = 1m ]; then
  "$BENCH/bench-db.sh" 1000000   # the same database recipe, in BENCH_DB
else
  [ "$(qv -c "select to_regclass('parcels') is not null" 2>/dev/null || true)" = t ] || { api_start; api_stop; }
fi
need_db
api_start
trap '[ "$API_STARTED" = 1 ] && api_stop' EXIT
if [ "$(qv -c "select count(*) from plan_zones where source = 'synthetic' and repealed_on is null")" != "$zones" ]; then
  log "loading a synthetic plan of $zones zones (gis-data/synthetic/synthetic-plan.sql)"
  q -v zones="$zones" -f "$REPO/gis-data/synthetic/synthetic-plan.sql" >/dev/null
fi
read -r parcels planned lines areas < <(qv -F ' ' -c "select (select count(*) from parcels), (select count(*) from plan_zones),
  (select count(*) from control_lines), (select count(*) from protected_areas)")
log "$parcels parcels, $planned plan zones (both editions), $lines control lines, $areas protected areas"

bodies="$RUN/site-bodies.jsonl"
# Sites within the synthetic plan's extent (lon 120.70-120.95, lat 27.78-27.98), ~200 m x 150 m.
awk -v n="$runs" 'BEGIN { srand(16); for (i = 0; i < n; i++) {
    x = 120.705 + rand() * 0.24; y = 27.785 + rand() * 0.19; dx = 0.00203; dy = 0.00135;
    printf "{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]},", x, y, x + dx, y, x + dx, y + dy, x, y + dy, x, y
    printf "\"proposedUse\":\"M2\",\"proposedUseEdition\":\"gb50137\",\"plotRatio\":1.8,\"buildingDensity\":0.4,\"greenRatio\":0.15,\"date\":\"2024-06-30\"}\n" } }' > "$bodies"

post() { curl -s -o /dev/null -w '%{http_code} %{time_starttransfer} %{time_total}\n' -H 'Content-Type: application/json' --data-binary "$1" "$API/api/site-check"; }
# Warm-up (JIT, plans, caches), then the measured runs.
head -20 "$bodies" | while read -r b; do post "$b" >/dev/null; done
times="$RUN/site-times.txt"; : > "$times"
while read -r b; do post "$b" >> "$times"; done < "$bodies"
bad=$(awk '$1 != 200' "$times" | wc -l)
[ "$bad" = 0 ] || { awk '$1 != 200' "$times" | head -3 >&2; die "$bad of $runs site checks did not answer 200"; }
awk '{ printf "%d\n", $3 * 1e6 }' "$times" > "$times.total"
awk '{ printf "%d\n", $2 * 1e6 }' "$times" > "$times.ttfb"
read -r t50 t95 t99 < <(percentiles_us "$times.total")
read -r f50 f95 f99 < <(percentiles_us "$times.ttfb")
sample=$(head -1 "$bodies")
zonesHit=$(curl -s -H 'Content-Type: application/json' --data-binary "$sample" "$API/api/site-check" | jq '[.planZones | length, .parcels | length] | @tsv' -r)
printf '| size | parcels | plan zones | runs | total p50 / p95 / p99 ms | first byte p50 / p95 ms | zones, parcels under the first site |\n| --- | --- | --- | --- | --- | --- | --- |\n'
printf '| %s | %s | %s | %s | %s / %s / %s | %s / %s | %s |\n' "$size" "$parcels" "$planned" "$runs" "$t50" "$t95" "$t99" "$f50" "$f95" "$zonesHit"
