#!/usr/bin/env bash
# Issue 18 point 1: every parcels tile of the zone at zooms 10-14, its size and its latency,
# rendered (first request) and warm (asked again with the tile cache off, so PostgreSQL renders it
# again from warm buffers), plus how many were drawn as the overview grid. Against API_URL when
# given (start it with LandMap__TileCache__Megabytes=0 to time renders rather than the in-memory
# cache); else it starts bench/common.sh's API on the bench database with the cache off.
# Usage: bench/overview-tiles.sh [zooms...]   (default 10 11 12 13 14)
set -euo pipefail
source "$(dirname "$0")/common.sh"
need_db
if [ -z "${API_URL:-}" ]; then
  API_URL="$API"; export LandMap__TileCache__Megabytes=0
  alive "$(api_pid)" && log "WARNING: an API is already running (pid $(api_pid)); its tile cache may answer the warm requests"
  api_start; trap '[ "$API_STARTED" = 1 ] && api_stop' EXIT
fi
ZOOMS=("${@:-10 11 12 13 14}"); [ $# -eq 0 ] && ZOOMS=(10 11 12 13 14)
read -r W S E N < <(qv -F ' ' -c "select st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e) from (select st_extent(geom) as e from parcels) as x")
OUT="$RUN/results/$(date +%Y%m%d-%H%M)-overview-tiles"; mkdir -p "$OUT"
tiles() { # z -> "x y" lines covering the parcels' extent
  python3 - "$1" "$W" "$S" "$E" "$N" <<'PY'
import math, sys
z, w, s, e, n = int(sys.argv[1]), *map(float, sys.argv[2:])
def t(lon, lat):
    k = 2 ** z
    return int((lon + 180) / 360 * k), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * k)
(x0, y1), (x1, y0) = t(w, s), t(e, n)
for x in range(x0, x1 + 1):
    for y in range(y0, y1 + 1):
        print(x, y)
PY
}
printf '| zoom | tiles | overview tiles | median / max size | first median / max ms | warm median / p95 / max ms |\n| --- | ---: | ---: | --- | --- | --- |\n' | tee "$OUT/summary.md"
for z in "${ZOOMS[@]}"; do
  : > "$OUT/z$z.tsv"
  while read -r x y; do
    url="$API_URL/ogc/collections/parcels/tiles/WebMercatorQuad/$z/$y/$x"
    first=$(curl -s -o "$OUT/tile.pbf" -w '%{time_total}' "$url")
    size=$(stat -c %s "$OUT/tile.pbf")
    grid=$(python3 -c "import sys; print(int(b'overview' in open(sys.argv[1],'rb').read()))" "$OUT/tile.pbf")
    warm=$(for i in 1 2 3; do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done | sort -n | sed -n 2p)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$x" "$y" "$size" "$first" "$warm" "$grid" >> "$OUT/z$z.tsv"
  done < <(tiles "$z")
  python3 - "$z" "$OUT/z$z.tsv" <<'PY' | tee -a "$OUT/summary.md"
import statistics as st, sys
rows = [l.split('\t') for l in open(sys.argv[2]) if l.strip()]
size = sorted(int(r[2]) for r in rows); first = sorted(float(r[3]) * 1000 for r in rows); warm = sorted(float(r[4]) * 1000 for r in rows)
p95 = lambda v: v[min(len(v) - 1, int(round(0.95 * (len(v) - 1))))]
print(f"| {sys.argv[1]} | {len(rows)} | {sum(int(r[5]) for r in rows)} | {st.median(size)/1024:.1f} / {size[-1]/1024:.1f} KB | "
      f"{st.median(first):.1f} / {first[-1]:.1f} | {st.median(warm):.1f} / {p95(warm):.1f} / {warm[-1]:.1f} |")
PY
done
log "results in $OUT"
