#!/usr/bin/env bash
# Parcels vector tiles, three parties on the same landmap_bench parcels, interleaved, median of RUNS:
#   (a) LandMap   GET /ogc/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}      wrk + wrk-bbox.lua
#   (b) the statement LandMap ran for one tile (server log, bench/replay.py), bare
#       ST_AsMVT in PostgreSQL for a random tile of the same list                       pgbench -M extended
#   (c) MapServer 8 mode=tile&tilemode=gmap&map.imagetype=mvt (bench/mapserver.sh)    wrk
# The tiles: every tile of each zoom over lon 120.70-120.95, lat 27.78-27.98 (the zone), in a
# cycle: empty and full tiles as a map mixes them. Default zooms 15 and 16, where both servers draw
# single parcels (below, LandMap draws its overview grid: bench/overview-tiles.sh). The API runs
# with its tile cache off (LandMap__TileCache__Megabytes=0), so every tile is rendered, as by the
# peers (bench/tile-cache.sh times the cache). Before timing: a busy tile from (a) and (c) must
# decode as MVT (ogrinfo) with features, and (b)'s statement must give (a)'s bytes for another tile
# (else (b) is skipped for that zoom: the statement varies by more than z/x/y).
#   bench/tiles.sh     (as root, after bench/bench-db.sh; env: ZOOMS="15 16" DURATION=20 RUNS=3
#                       CONNS=16 THREADS=2 WARMUP=5)   results: $RUN/results/<date>-tiles-N<N>/
set -euo pipefail
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/parties.sh"
read -r -a ZOOM_LIST <<< "${ZOOMS:-15 16}"
DURATION="${DURATION:-20}" RUNS="${RUNS:-3}" CONNS="${CONNS:-16}" THREADS="${THREADS:-2}" WARMUP="${WARMUP:-5}"
ensure_packages wrk curl postgresql-client-15 cgi-mapserver lighttpd gdal-bin
need_db
N="$(qv -c 'select count(*) from parcels')"
ROOT="$RUN/results/$(date +%Y%m%d-%H%M%S)-tiles-N$N"; mkdir -p "$ROOT"
TMP="$(mktemp -d)"; MS_STARTED=0
cleanup() { [ "$API_STARTED" = 1 ] && api_stop; [ "$MS_STARTED" = 1 ] && "$BENCH/mapserver.sh" stop; rm -rf "$TMP"; }
trap cleanup EXIT
alive "$(api_pid)" && log "WARNING: an API is already running (pid $(api_pid)); its tile cache may answer (a) from memory"
export LandMap__TileCache__Megabytes=0
api_start
if ! "$BENCH/mapserver.sh" status | grep -q pid; then "$BENCH/mapserver.sh" start; MS_STARTED=1; fi
MS_URL="http://127.0.0.1:$MS_PORT" MS_PATH='{line}' LANDMAP_PATH='{line}'
LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"
log "N=$N parcels; zooms ${ZOOM_LIST[*]}; $RUNS x ${DURATION}s per party, -c$CONNS -t$THREADS; load average $LOADAVG; results in $ROOT"

tile_of() { # z lon lat -> "x y"
  awk -v z="$1" -v lon="$2" -v lat="$3" 'BEGIN { pi = atan2(0, -1); n = 2 ^ z; r = lat * pi / 180
    printf "%d %d\n", int((lon + 180) / 360 * n), int((1 - log(sin(r) / cos(r) + 1 / cos(r)) / pi) / 2 * n) }'
}
lm_tile() { echo "/ogc/collections/parcels/tiles/WebMercatorQuad/$1/$3/$2"; }                 # z x y
ms_tile() { echo "/mapserv?map=landmap&mode=tile&tilemode=gmap&tile=$2+$3+$1&layers=parcel_tiles&map.imagetype=mvt"; }
features() { # file z x y -> features in the tile (ogrinfo reads it as MVT), or fails
  ogrinfo -ro -al -so -oo X="$3" -oo Y="$4" -oo Z="$2" "$1" 2>/dev/null | awk '/^Feature Count:/ { n += $3; ok = 1 } END { if (!ok) exit 1; print n }'
}
read -r PLON PLAT < <(qv -F ' ' -c "select st_x(p), st_y(p) from (select st_pointonsurface(geom) as p from parcels
  order by geom <-> st_setsrid(st_point(120.81, 27.84), 4490) limit 1) as s")

for z in "${ZOOM_LIST[@]}"; do
  OUT="$ROOT/z$z"; mkdir -p "$OUT"
  read -r x0 y1 < <(tile_of "$z" 120.70 27.78); read -r x1 y0 < <(tile_of "$z" 120.95 27.98)
  cols=$((x1 - x0 + 1)) count=$(( (x1 - x0 + 1) * (y1 - y0 + 1) ))
  for ((y = y0; y <= y1; y++)); do for ((x = x0; x <= x1; x++)); do lm_tile "$z" "$x" "$y"; done; done > "$OUT/landmap.paths"
  for ((y = y0; y <= y1; y++)); do for ((x = x0; x <= x1; x++)); do ms_tile "$z" "$x" "$y"; done; done > "$OUT/mapserver.paths"

  # A busy tile (the one holding the parcel nearest 120.81 E, 27.84 N) from both servers, decoded.
  read -r bx by < <(tile_of "$z" "$PLON" "$PLAT")
  curl -fsS -o "$OUT/landmap.mvt" "$API$(lm_tile "$z" "$bx" "$by")" || die "z$z: LandMap did not answer its tile"
  curl -fsS -o "$OUT/mapserver.mvt" "$MS_URL$(ms_tile "$z" "$bx" "$by")" || die "z$z: MapServer did not answer its tile"
  fl=$(features "$OUT/landmap.mvt" "$z" "$bx" "$by") || die "z$z: LandMap's tile $z/$by/$bx does not decode as MVT"
  fm=$(features "$OUT/mapserver.mvt" "$z" "$bx" "$by") || die "z$z: MapServer's tile $z/$by/$bx does not decode as MVT"
  [ "$fl" -gt 0 ] && [ "$fm" -gt 0 ] || die "z$z: busy tile $z/$by/$bx: LandMap $fl features, MapServer $fm"
  log "z$z: $count tiles; busy tile $z/$by/$bx decodes: LandMap $fl features ($(stat -c %s "$OUT/landmap.mvt") B), MapServer $fm ($(stat -c %s "$OUT/mapserver.mvt") B)"

  # (b): the statement of the busy tile, with z/x/y as pgbench variables of a random tile of the list.
  printf '%s\n' "\\set i random(0, $((count - 1)))" "\\set z $z" "\\set x $x0 + mod(:i, $cols)" "\\set y $y0 + :i / $cols" > "$OUT/prelude.pgbench"
  parties="landmap mapserver"
  if capture_statements "$API$(lm_tile "$z" "$bx" "$by")" "$OUT/tile" "$OUT/prelude.pgbench" z="$z" x="$bx" y="$by" > "$OUT/tile.options"; then
    mapfile -t PGB_VARS < "$OUT/tile.options"; PGB_SCRIPT="$OUT/tile.pgbench"
    # Its bytes for another tile (one column and one row further) against the API's.
    cx=$((bx + 1)) cy=$((by + 1)) mine="" theirs=""
    if [ "$(wc -l < "$OUT/tile.sql")" = 1 ]; then
      sql=$(sed "s/:z\b/$z/g; s/:x\b/$cx/g; s/:y\b/$cy/g; s/;\$//" "$OUT/tile.sql")
      mine=$(qv -c "select md5(t.b) from ($sql) as t(b)" || true)
      theirs=$(curl -fsS "$API$(lm_tile "$z" "$cx" "$cy")" | md5sum | cut -d' ' -f1)
    fi
    if [ -n "$mine" ] && [ "$mine" = "$theirs" ]; then parties="landmap postgres mapserver"
    else log "WARNING: z$z: LandMap ran $(wc -l < "$OUT/tile.sql") statement(s) for the tile, or the one does not give its bytes for tile $z/$cy/$cx: (b) skipped"; fi
  else log "WARNING: z$z: no tile statement in the server log: (b) skipped"; fi

  echo "$RUNS_HEADER" > "$OUT/runs.tsv"; PARTY_LINES="$OUT/landmap.paths"
  run() { local p="$1"; PARTY_LINES="$OUT/$p.paths"; run_party "$@"; }
  if [ "$WARMUP" -gt 0 ]; then for p in $parties; do run "$p" 0 "$WARMUP"; done; fi
  for ((r = 1; r <= RUNS; r++)); do
    for p in $parties; do log "z$z run $r/$RUNS: $p"; run "$p" "$r" "$DURATION"; done
  done
  SUMMARY_HEADING="Parcels tiles z$z ($count tiles of the zone, tile cache off)" SUMMARY_TARGETS=0 \
    "$BENCH/summary.sh" "$OUT/runs.tsv" "N=$N parcels, $RUNS x ${DURATION}s, -c$CONNS -t$THREADS, $(nproc) CPUs, load average at start $LOADAVG" | tee "$OUT/summary.md"
done
cat "$ROOT"/z*/summary.md > "$ROOT/summary.md"
log "raw files: $ROOT"
