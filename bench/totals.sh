#!/usr/bin/env bash
# Issue 18 point 4: the legend's totals (/api/parcels/totals) at a million parcels, from the
# overview grid (a held year end) against the live computation (the day before: not held, so the
# same request computes every state), for the map's whole-zone view and smaller views, with the
# year selection the slider sends. Against a running API on the bench database (API_URL).
# Usage: bench/totals.sh [requests per case, default 5]; the live computation is asked once a year
# (it takes seconds), for the whole-zone view only unless LIVE_VIEWS="whole z13 z15".
set -euo pipefail
source "$(dirname "$0")/common.sh"
API_URL="${API_URL:-$API}"
N="${1:-5}"
LIVE_VIEWS="${LIVE_VIEWS:-whole}"
OUT="$RUN/results/$(date +%Y%m%d-%H%M)-totals"; mkdir -p "$OUT"
# The map's views: the whole zone (zoom 12 at 1400 x 900), a zoom-13 view and a zoom-15 view.
VIEWS=("whole:120.60,27.72,121.08,28.00" "z13:120.72,27.80,120.96,27.93" "z15:120.83,27.85,120.89,27.884")
printf '| view | source | requests | median ms | max ms | failed |\n| --- | --- | ---: | ---: | ---: | ---: |\n' | tee "$OUT/summary.md"
for v in "${VIEWS[@]}"; do
  name="${v%%:*}" bbox="${v#*:}"
  for kind in overview live; do
    [ "$kind" = live ] && [[ " $LIVE_VIEWS " != *" $name "* ]] && continue
    runs=$N; [ "$kind" = live ] && runs=1
    : > "$OUT/$name-$kind.txt"
    for year in 2014 2018 2010 2022 2016; do
      date="$year-12-31"; [ "$kind" = live ] && date="$year-12-30"
      filter=$(python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))" "approved_on <= DATE('$year-12-31') OR approved_on IS NULL")
      for ((i = 0; i < runs; i++)); do
        curl -s -D "$OUT/h" -o /dev/null -w '%{time_total} %{http_code}\n' "$API_URL/api/parcels/totals?date=$date&bbox=$bbox&filter=$filter" >> "$OUT/$name-$kind.txt"
        src=$(grep -i '^LandMap-Totals-Source' "$OUT/h" | tr -d '\r' | awk '{print $2}' || true)
        # A 503 (the request timed out: live at a million under load) names no source.
        [ "$src" = "$kind" ] || [ "$(tail -1 "$OUT/$name-$kind.txt" | cut -d' ' -f2)" != 200 ] \
          || die "$name $date answered from '${src:-?}', expected $kind (is the overview built?)"
      done
    done
    python3 - "$name" "$kind" "$OUT/$name-$kind.txt" <<'PY' | tee -a "$OUT/summary.md"
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[3]) if l.strip()]
v = sorted(float(r[0]) * 1000 for r in rows)
failed = [r[1] for r in rows if r[1] != "200"]
print(f"| {sys.argv[1]} | {sys.argv[2]} | {len(v)} | {st.median(v):.1f} | {v[-1]:.1f} | {len(failed)}{' (' + ', '.join(sorted(set(failed))) + ')' if failed else ''} |")
PY
  done
done
log "load average: $(cut -d' ' -f1-3 /proc/loadavg); results in $OUT"
