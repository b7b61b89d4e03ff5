#!/usr/bin/env bash
# Issue 18 in one go: every figure of the issue with its peers in the same run, unattended, on the
# 1,000,000-parcel bench cluster (bench/bench-db.sh), then one summary.md: each figure, its
# target, what was measured, met or the distance. Each part is an existing script, run as it is:
#   items       bench/items.sh           LandMap vs PostgreSQL (its own statements) vs MapServer 8
#   tiles       bench/tiles.sh           LandMap vs bare ST_AsMVT in pgbench vs MapServer 8 (MVT)
#   tile-cache  bench/tile-cache.sh      a repeated tile: from the cache, and revalidated (304)
#   overview    bench/overview-tiles.sh  every tile of the zone at z10-z14: size, warm render
#   slider      bench/map-perf.mjs       the year slider in Chromium (MODE=slider)
#   ingest      bench/ingest.sh          LandMap's upload vs ogr2ogr, 100,000 and 200,000 parcels
#   bench/all.sh          (as root; about 35 min with the defaults)
#   ONLY=items,tiles bench/all.sh      SKIP=ingest bench/all.sh
# Each part's own knobs pass through (DURATION, RUNS, CONNS, ZOOMS, ...); INGEST_SIZES="100000 200000",
# SLIDER_RUNS=3. A failed part is recorded and the next one runs; the exit status is 1 if any failed.
# Results: $RUN/results/<date>-issue18/ (summary.md, figures.tsv, <part>.log).
set -uo pipefail
. "$(dirname "$0")/common.sh"
ALL_PARTS=(items tiles tile-cache overview slider ingest)
IFS=, read -r -a ONLY_LIST <<< "${ONLY:-$(IFS=,; echo "${ALL_PARTS[*]}")}"
IFS=, read -r -a SKIP_LIST <<< "${SKIP:-}"
for p in "${ONLY_LIST[@]}" "${SKIP_LIST[@]}"; do
  [[ " ${ALL_PARTS[*]} " == *" $p "* ]] || die "unknown part '$p' (parts: ${ALL_PARTS[*]})"
done
wanted() { [[ ",${ONLY:-$1}," == *",$1,"* ]] && [[ ",${SKIP:-}," != *",$1,"* ]]; }
OUT="$RUN/results/$(date +%Y%m%d-%H%M%S)-issue18"; mkdir -p "$OUT"
FIG="$OUT/figures.tsv"; printf 'part\tfigure\ttarget\tmeasured\tverdict\n' > "$FIG"
STATUS="$OUT/parts.tsv"; printf 'part\tload average at start\tminutes\tresult\n' > "$STATUS"
pg_start
# A clean start: each part starts (and stops) the API and MapServer with the settings it needs.
api_stop; "$BENCH/mapserver.sh" stop
# Once, before any timing: the API builds today's overview and stored state (minutes at 1M).
api_start; derived_wait; api_stop

# figure target measured verdict: one row of the summary (for the part being run).
fig() { printf '%s\t%s\t%s\t%s\t%s\n' "$PART" "$1" "$2" "$3" "$4" >> "$FIG"; }
# "met" or the distance: value op limit [unit]
verdict() {
  awk -v v="$1" -v op="$2" -v l="$3" -v u="${4:-}" 'BEGIN {
    if (v == "" || v == "nan") { print "not measured"; exit }
    ok = (op == "<" ? v < l : v >= l)
    if (ok) print "met"; else printf "NOT met: %s%.2f%s %s\n", (op == "<" ? "+" : "-"), (op == "<" ? v - l : l - v), u, (op == "<" ? "over" : "short") }'
}
# Cell $2 (1-based, of a markdown table row) of the first line of file $3 that starts with $1.
cell() { awk -F'|' -v pre="$1" -v c="$2" 'index($0, pre) == 1 { gsub(/^ +| +$/, "", $(c + 1)); print $(c + 1); exit }' "$3"; }

run_items() { "$BENCH/items.sh"; }
figures_items() {
  local log="$OUT/items.log" rps p95 rm rp
  rps=$(cell '| (a) LandMap' 2 "$log"); p95=$(cell '| (a) LandMap' 5 "$log")
  rm=$(sed -n 's/^- LandMap \/ MapServer req\/s = \([0-9.]*\).*/\1/p' "$log" | head -1)
  rp=$(sed -n 's/^- LandMap \/ PostgreSQL req\/s = \([0-9.]*\).*/\1/p' "$log" | head -1)
  fig "items p95, 16 connections, 500 m boxes, limit 100 (ms)" "< 100" "$p95 ($rps req/s)" "$(verdict "$p95" '<' 100 ' ms')"
  fig "items LandMap / MapServer 8 (req/s)" ">= 2.8 (kept)" "$rm" "$(verdict "$rm" '>=' 2.8)"
  fig "items LandMap / PostgreSQL, its own statements (req/s)" ">= 0.9 (kept)" "$rp" "$(verdict "$rp" '>=' 0.9)"
}
run_tiles() { "$BENCH/tiles.sh"; }
figures_tiles() {
  local log="$OUT/tiles.log" z a b c
  for z in ${ZOOMS:-15 16}; do
    a=$(awk -v z="$z" '/^### Parcels tiles z/ { on = ($0 ~ "tiles z" z " ") } on' "$log" > "$OUT/tiles-z$z.md"; cell '| (a) LandMap' 2 "$OUT/tiles-z$z.md")
    b=$(sed -n 's/^- LandMap \/ PostgreSQL req\/s = \([0-9.]*\).*/\1/p' "$OUT/tiles-z$z.md")
    c=$(sed -n 's/^- LandMap \/ MapServer req\/s = \([0-9.]*\).*/\1/p' "$OUT/tiles-z$z.md")
    fig "z$z tiles/s, tile cache off: LandMap (LandMap / bare ST_AsMVT, LandMap / MapServer)" "none (peer figure)" \
      "$a (${b:-skipped}, ${c:-?})" "reported"
  done
}
run_tile_cache() { "$BENCH/tile-cache.sh"; }
figures_tile_cache() {
  local log="$OUT/tile-cache.log" z again reval
  for z in 13 14; do
    again=$(cell "| $z |" 3 "$log"); reval=$(cell "| $z |" 4 "$log")
    fig "z$z repeated tile from the cache, median / p95 (ms; 304: $reval)" "< 2" "$again" "$(verdict "${again%% *}" '<' 2 ' ms')"
  done
}
run_overview() { "$BENCH/overview-tiles.sh"; }
figures_overview() {
  local log="$OUT/overview.log" z size warm
  for z in 10 11 12 13 14; do
    size=$(cell "| $z |" 4 "$log"); warm=$(cell "| $z |" 6 "$log")
    fig "z$z every tile of the zone: largest (median / max KB)" "< 200 KB" "$size" "$(verdict "$(awk '{ print $3 }' <<< "$size")" '<' 200 ' KB')"
    fig "z$z every tile warm, cache off (median / p95 / max ms)" "< 50 ms" "$warm" "$(verdict "$(awk '{ print $5 }' <<< "$warm")" '<' 50 ' ms')"
  done
}
run_slider() {
  [ -x /usr/bin/chromium ] || ensure_packages chromium
  command -v node >/dev/null || ensure_packages nodejs npm
  [ -d "$BENCH/node_modules/playwright-core" ] || (cd "$BENCH" && npm ci --no-audit --no-fund) || return 1
  # The map's own packages (Leaflet, ...), as ./landmap.sh installs them.
  [ -d "$REPO/web/node_modules/leaflet" ] || (cd "$REPO/web" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  api_start
  MODE=slider node "$BENCH/map-perf.mjs" "$API" "${SLIDER_RUNS:-3}"
}
figures_slider() {
  local line median max
  line=$(grep -m1 '^year slider repaint' "$OUT/slider.log")
  median=$(sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' <<< "$line"); max=$(sed -n 's/.*max \([0-9.]*\) ms.*/\1/p' <<< "$line")
  fig "year slider at the whole-zone view, change to repainted (median / max ms)" "< 500 ms" "$median / $max" "$(verdict "$max" '<' 500 ' ms')"
}
run_ingest() {
  local n rc=0
  for n in ${INGEST_SIZES:-100000 200000}; do "$BENCH/ingest.sh" "$n" || rc=$?; done
  return $rc
}
figures_ingest() {  # each run's lines: from its "### Ingest of N parcels" heading on
  local n s mb ogr
  for n in ${INGEST_SIZES:-100000 200000}; do
    awk -v n="$n" '/^### Ingest of / { on = ($4 == n) } on' "$OUT/ingest.log" > "$OUT/ingest-$n.md"
    s=$(cell '| (a) LandMap' 2 "$OUT/ingest-$n.md"); ogr=$(cell '| (b) ogr2ogr' 2 "$OUT/ingest-$n.md")
    mb=$(sed -n 's/.*(VmHWM): \([0-9.]*\) MB.*/\1/p' "$OUT/ingest-$n.md" | head -1)
    [ "$n" = 100000 ] && fig "ingest of 100,000 parcels, every check (s; ogr2ogr COPY into a fresh table: ${ogr:-?} s)" "< 5 s" "$s" "$(verdict "$s" '<' 5 ' s')"
    [ "$n" = 200000 ] && fig "ingest of 200,000 parcels: API peak RSS (MB; $s s)" "< 600 MB" "$mb" "$(verdict "$mb" '<' 600 ' MB')"
  done
}

failed=0
for PART in "${ALL_PARTS[@]}"; do
  wanted "$PART" || continue
  load="$(cut -d' ' -f1-3 /proc/loadavg)"; t0=$(date +%s)
  log "=== $PART (load average $load) -> $OUT/$PART.log"
  # Each part in a subshell: a part that exits (die) ends only itself; its API and MapServer are stopped after it.
  ( "run_${PART//-/_}" ) 2>&1 | tee "$OUT/$PART.log"; rc=${PIPESTATUS[0]}
  api_stop; "$BENCH/mapserver.sh" stop >/dev/null 2>&1
  "figures_${PART//-/_}"
  [ "$rc" = 0 ] && result=ok || { result="FAILED (exit $rc; see $PART.log)"; failed=1; fig "$PART" "" "" "part failed: see $PART.log"; }
  printf '%s\t%s\t%.1f\t%s\n' "$PART" "$load" "$(awk -v a="$t0" -v b="$(date +%s)" 'BEGIN { print (b - a) / 60 }')" "$result" >> "$STATUS"
done

{
  echo "# Issue 18 benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(qv -c 'select count(*) from parcels') parcels"
  echo
  echo "| part | figure | target | measured | met / distance |"
  echo "| --- | --- | --- | --- | --- |"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$FIG"
  echo
  echo "| part | load average at start (1 / 5 / 15 min) | minutes | result |"
  echo "| --- | --- | --- | --- |"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$STATUS"
  echo
  echo "Each part's own tables and raw files: the <part>.log files here (they name their result folders)."
} > "$OUT/summary.md"
cat "$OUT/summary.md"
log "results: $OUT"
exit "$failed"
