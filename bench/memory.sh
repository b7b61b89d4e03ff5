#!/usr/bin/env bash
# Memory under load: restarts the LandMap API, runs the items bbox load (wrk -t2 -c16 replaying
# bench/bboxes-1000.txt) for MINUTES minutes and samples the API process's RSS (VmRSS of
# /proc/PID/status) every 10 s. Prints the series, first/last/max, and "flat" when the mean of
# the last minute is within 10 % of the mean of the second minute (the first is warm-up).
#   bench/memory.sh [MINUTES=10]      (as root, after bench/bench-db.sh)
set -euo pipefail
. "$(dirname "$0")/common.sh"
MIN="${1:-10}"
[[ "$MIN" =~ ^[0-9]+$ ]] && [ "$MIN" -ge 2 ] || die "MINUTES must be an integer >= 2; got '$MIN'"
ensure_packages wrk curl
need_db
N="$(qv -c 'select count(*) from parcels')"
OUT="$RUN/results/$(date +%Y%m%d-%H%M%S)-memory-N$N"; mkdir -p "$OUT"
WRK=""
trap '[ -n "$WRK" ] && stop_pid "$WRK" 5; [ "$API_STARTED" = 1 ] && api_stop' EXIT
alive "$(api_pid)" && { log "restarting the API for a fresh process"; api_stop; }
api_start
pid="$(api_pid)"
rss() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }

log "load for $MIN min (wrk -t2 -c16, items?limit=100&bbox=...), RSS of pid $pid every 10 s"
printf 't_s\trss_mb\n0\t%s\n' "$(rss)" > "$OUT/rss.tsv"
wrk -t2 -c16 -d"${MIN}m" --timeout 10s -s "$BENCH/wrk-bbox.lua" "$API" -- "$BBOXES" \
  '/ogc/collections/parcels/items?limit=100&bbox={bbox}' > "$OUT/wrk.txt" 2>&1 &
WRK=$!; t0=$(date +%s)
for ((t = 10; t <= MIN * 60; t += 10)); do
  sleep $(( t0 + t - $(date +%s) > 0 ? t0 + t - $(date +%s) : 0 ))
  alive "$pid" || die "the API process $pid died; see $RUN/api.log"
  printf '%s\t%s\n' "$t" "$(rss)" | tee -a "$OUT/rss.tsv" | awk '{ printf "    t=%4ss  RSS %s MB\n", $1, $2 }' >&2
done
wait "$WRK" || true; WRK=""
sed -n 's/^RESULT /load: /p' "$OUT/wrk.txt" | tee "$OUT/summary.md"
awk -F'\t' -v m="$MIN" 'NR > 1 { t = $1; v = $2 + 0; n++; if (n == 1) first = v; last = v; if (v > max) max = v
    if (t > 60 && t <= 120) { s2 += v; n2++ } if (t > m * 60 - 60 && t > 0) { sl += v; nl++ } }
  END { printf "RSS MB: first %.1f, last %.1f, max %.1f; mean of minute 2 %.1f, of the last minute %.1f\n", first, last, max, s2 / n2, sl / nl
        d = (sl / nl - s2 / n2) / (s2 / n2); printf "%s (last minute vs minute 2: %+.1f %%)\n", (d <= 0.10 && d >= -0.10 ? "flat" : "NOT flat"), 100 * d
        if (m < 3) print "(with fewer than 3 minutes the second minute is the last one)" }' "$OUT/rss.tsv" | tee -a "$OUT/summary.md"
