#!/usr/bin/env bash
# Load (issue 5): with wrk against the items route (500 m boxes, limit 100), the load the service
# holds with no errors and its p95, then twice that load and eight times it, where it must shed
# quickly (429/503 with Retry-After) rather than time out.
#   bench/load.sh [sample|1m]     (as root; 1m needs bench/bench-db.sh first)
# Levels are concurrent connections (wrk is closed-loop: each connection sends its next request when
# the last is answered). The rate limiter is on with its defaults (per-token/address buckets, loopback
# exempt because wrk is one address; service-wide 32 running + 96 waiting for at most 2 s, then 503).
#   LEVELS="8 16 32 64 128" DURATION=15 bench/load.sh 1m
set -euo pipefail
. "$(dirname "$0")/common.sh"
DATASET="${1:-sample}"
LEVELS="${LEVELS:-8 16 32 64 128}"
DUR="${DURATION:-15}"
ensure_packages wrk curl postgresql-client-15
pg_start
case "$DATASET" in
  sample) DB=landmap_load_sample; export LOAD_SAMPLE=true
          psql "$PGCONN" -X -q -c "drop database if exists $DB with (force)" ;;
  1m)     DB=landmap_bench ;;
  *)      die "dataset is sample or 1m" ;;
esac
export RATE_LIMIT=true
OUT="$RUN/results/$(date +%Y%m%d-%H%M%S)-load-$DATASET"; mkdir -p "$OUT"
trap 'api_stop' EXIT
api_start
PATH_T='/ogc/collections/parcels/items?limit=100&bbox={bbox}'
curl -sf -o /dev/null "$API${PATH_T/\{bbox\}/$(head -1 "$BBOXES")}" || die "the items route does not answer"

run() { # connections -> RESULT line
  local c=$1 t=$(( $1 < 2 ? 1 : 2 ))
  wrk -t"$t" -c"$c" -d"${DUR}s" --latency --timeout 10s -s "$BENCH/wrk-load.lua" "$API" -- "$BBOXES" "$PATH_T" \
    | grep '^RESULT' | sed "s/^RESULT/RESULT c=$c/"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< "$1"; }

log "warm-up"; run 4 > /dev/null
held=0
: > "$OUT/levels.txt"
for c in $LEVELS; do
  r=$(run "$c"); echo "$r" | tee -a "$OUT/levels.txt" >&2
  if [ "$(field "$r" errors)" = 0 ] && [ "$(field "$r" s2xx)" = "$(field "$r" requests)" ]; then held=$c; fi
done
[ "$held" -gt 0 ] || die "no level was served without errors"
for c in $((2 * held)) $((8 * held)); do
  r=$(run "$c"); echo "$r" | tee -a "$OUT/levels.txt" >&2
done

{
  printf "### Load on %s (items, 500 m boxes, limit 100; %s s per level)\n" "$DATASET" "$DUR"
  printf "| connections | req/s | p50 ms | p95 ms | p99 ms | 2xx | 429 | 503 | other | socket errors/timeouts |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
  while read -r r; do
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$(field "$r" c)" "$(field "$r" rps)" "$(field "$r" p50)" \
      "$(field "$r" p95)" "$(field "$r" p99)" "$(field "$r" s2xx)" "$(field "$r" s429)" "$(field "$r" s503)" "$(field "$r" sother)" "$(field "$r" errors)"
  done < "$OUT/levels.txt"
  printf -- "- held with no errors up to %d connections; then %d and %d connections\n" "$held" $((2 * held)) $((8 * held))
} | tee "$OUT/summary.md"
