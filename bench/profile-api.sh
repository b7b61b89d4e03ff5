#!/usr/bin/env bash
# Where the API's CPU goes under the items load (bench/items.sh's requests: 1,000 fixed 500 m boxes,
# limit 100, 16 connections): perf samples the API process (JIT'd frames named through the
# runtime's perf map), and bench/perf-where.py sorts the samples into categories (spin-wait, GC,
# Npgsql, Kestrel, middleware, ...) with CPU-ms per request.
#   bench/profile-api.sh [TAG]   (as root, after bench/bench-db.sh; env: SECONDS_SAMPLED=15 CONNS=16)
#   results: $RUN/profile-<TAG>/ (perf.data, script.txt, where.md, wrk.txt)
set -euo pipefail
. "$(dirname "$0")/common.sh"
ensure_packages wrk linux-perf
need_db
TAG="${1:-$(date +%Y%m%d-%H%M%S)}" S="${SECONDS_SAMPLED:-15}" CONNS="${CONNS:-16}"
D="$RUN/profile-$TAG"; mkdir -p "$D"
# A perf map names the JIT'd methods; without W^X the code is not behind a double mapping perf cannot read.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
api_start
trap api_stop EXIT
P="/ogc/collections/parcels/items?limit=100&bbox={bbox}"
log "warm-up 10 s"
wrk -t2 -c"$CONNS" -d10s -s "$BENCH/wrk-bbox.lua" "$API" -- "$BBOXES" "$P" > /dev/null
wrk -t2 -c"$CONNS" -d"$((S + 8))s" --latency -s "$BENCH/wrk-bbox.lua" "$API" -- "$BBOXES" "$P" > "$D/wrk.txt" &
W=$!
sleep 4
PID=$(api_pid); t0=$(tree_ticks "$PID")
perf record -F 499 -g -p "$PID" -o "$D/perf.data" -- sleep "$S" 2> "$D/perf.log"
t1=$(tree_ticks "$PID")
wait "$W"
RPS=$(sed -n 's/^RESULT .* rps=\([0-9.]*\) .*/\1/p' "$D/wrk.txt")
CPU=$(awk -v t=$((t1 - t0)) -v k="$CLK_TCK" 'BEGIN { print t / k }')
perf script -i "$D/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null > "$D/script.txt"
python3 "$BENCH/perf-where.py" "$D/script.txt" "$CPU" "$(awk -v r="$RPS" -v s="$S" 'BEGIN { print r * s }')" | tee "$D/where.md"
log "API: $CPU CPU-s in ${S}s at $RPS req/s (load average $(cut -d' ' -f1-3 /proc/loadavg)); files in $D"
