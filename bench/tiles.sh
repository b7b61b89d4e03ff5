#!/usr/bin/env bash
# Vector tiles per second over the zone, through the API (wrk) against the bare ST_AsMVT
# statement of the same tiles in PostgreSQL (pgbench), for z12, z14 and z16, and the ratio.
#
# Usage: bench/tiles.sh API_URL PGHOST PGPORT PGDATABASE [PGUSER]
#   e.g. bench/tiles.sh http://127.0.0.1:5080 127.0.0.1 55432 landmap postgres
# Environment: DURATION seconds per run (default 10), CONNECTIONS (default 4), THREADS (default 2).
#
# The tiles are every parcels tile of each zoom over lon 120.70-120.95, lat 27.78-27.98 (the
# zone's extent), requested in a fixed cycle: empty and full tiles as a map would mix them.
# Both sides use the extended query protocol without a prepared statement, as the API's Npgsql
# does, so the ratio is what HTTP, Kestrel and .NET add to PostgreSQL's own work. Before each
# zoom the script checks that its SQL gives the API's bytes for a busy tile: if TilesSql.cs
# changes, this file must follow (it stops rather than measure another statement).
set -euo pipefail
[ $# -ge 4 ] || { sed -n '5,7p' "$0" | sed 's/^# //'; exit 2; }
api=${1%/}
export PGHOST=$2 PGPORT=$3 PGDATABASE=$4 PGUSER=${5:-${PGUSER:-postgres}}
duration=${DURATION:-10} connections=${CONNECTIONS:-4} threads=${THREADS:-2}
for tool in wrk pgbench psql curl awk od; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install wrk postgresql-client)"; exit 1; }
done
work=$(mktemp -d /tmp/landmap-tiles-bench.XXXX)
trap 'rm -rf "$work"' EXIT
prefix=$(printf '%s' "$api" | sed -E 's#^[a-z]+://[^/]+##')   # a path base, if the API has one

# The parcels statement of api/LandMap.Api/Features/Tiles/TilesSql.cs, with pgbench variables
# for $1 z, $2 x, $3 y, $4 budget, $5 tolerance, $6 smallest area (overview zooms only).
tile_sql() { # $1 = overview|detail
  local geometry="f.geom" small=""
  if [ "$1" = overview ]; then geometry="st_simplifypreservetopology(f.geom, :tol)"; small=" and area_m2 >= :minsize"; fi
  cat <<SQL
select coalesce(st_asmvt(tile, 'parcels', 4096, 'geom', 'mvt_id'), ''::bytea)
from (
    select f.id as mvt_id, f.id, f.code, f.name, f.status, f.land_use, f.park_code, f.area_mu,
           st_asmvtgeom(st_transform($geometry, 3857), st_tileenvelope(:z, :x, :y), 4096, 64, true) as geom
    from (
        select id, code, name, status, land_use, park_code, round(area_mu::numeric, 2)::float8 as area_mu, geom
        from parcels
        where geom && st_transform(st_clipbybox2d(st_tileenvelope(:z, :x, :y, margin => 0.015625), st_tileenvelope(0, 0, 0)), 4490)$small
        order by area_m2 desc, id
        limit :budget
    ) as f
) as tile
SQL
}

# Tile ranges and per-row overview parameters, with the service's formulas (TileMatrix.cs):
# tolerance = one pixel in degrees of latitude, smallest area = one pixel's ground area.
awk_tiles() { # $1 = z -> "x0 x1 y0 y1"
  awk -v z="$1" 'function ty(lat,  r) { r = lat * 3.141592653589793 / 180; return int((1 - log(sin(r)/cos(r) + 1/cos(r)) / 3.141592653589793) / 2 * 2^z) }
    BEGIN { n = 2^z; printf "%d %d %d %d\n", int((120.70 + 180) / 360 * n), int((120.95 + 180) / 360 * n), ty(27.98), ty(27.78) }'
}
awk_row_params() { # $1 = z, $2 = y -> "tolerance minsize"
  awk -v z="$1" -v y="$2" 'BEGIN { pi = 3.141592653589793; n = 2^z; v = pi * (1 - 2 * (y + 0.5) / n)
    lat = atan2((exp(v) - exp(-v)) / 2, 1); c = cos(lat); px = 2 * pi * 6378137 / 256 / n * c
    printf "%.17g %.17g\n", 360 / (256 * n) * c, px * px }'
}

hex_of_api_tile() { curl -sf "$api/ogc/collections/parcels/tiles/WebMercatorQuad/$1/$3/$2" | od -An -v -tx1 | tr -d ' \n'; }
hex_of_sql_tile() { # z x y class tol minsize
  tile_sql "$4" | sed -e "s/:z/$1/g; s/:x/$2/g; s/:y/$3/g; s/:budget/$budget/g; s/:tol/$5/g; s/:minsize/$6/g" \
    | sed '1s/^select /select encode((select /; $s/$/), '"'"'hex'"'"')/' | psql -AtXq -f - | tr -d '\n'
}

IFS='|' read -r probe_lon probe_lat < <(psql -AtXq -c "select st_x(p), st_y(p) from (select st_pointonsurface(geom) as p
  from parcels order by geom <-> st_setsrid(st_point(120.81, 27.84), 4490) limit 1) as s")
[ -n "$probe_lat" ] || { echo "no parcels in $PGDATABASE at $PGHOST:$PGPORT" >&2; exit 1; }

printf '%-5s %6s %14s %14s %9s\n' zoom tiles "API tiles/s" "SQL tiles/s" "API/SQL"
[ -n "${ZOOMS:-}" ] || ZOOMS="12 14 16"
for z in $ZOOMS; do
  read -r x0 x1 y0 y1 < <(awk_tiles $z)
  cols=$((x1 - x0 + 1)) rows=$((y1 - y0 + 1)) count=$(( (x1 - x0 + 1) * (y1 - y0 + 1) ))
  if [ $z -lt 14 ]; then class=overview budget=20000; else class=detail budget=50000; fi

  # The same bytes from both sides for a tile that has parcels: the one holding a point of the
  # parcel nearest lon 120.81, lat 27.84.
  read -r bx _ by _ < <(awk -v z=$z -v lon="$probe_lon" -v lat="$probe_lat" 'BEGIN { n = 2^z; r = lat * 3.141592653589793 / 180
    printf "%d 0 %d 0\n", int((lon + 180) / 360 * n), int((1 - log(sin(r)/cos(r) + 1/cos(r)) / 3.141592653589793) / 2 * n) }')
  read -r btol bmin < <(awk_row_params $z $by)
  api_hex=$(hex_of_api_tile $z $bx $by) sql_hex=$(hex_of_sql_tile $z $bx $by $class "$btol" "$bmin")
  # Empty on both sides is possible: at overview zooms parcels under a pixel are skipped, and the
  # 1M synthetic parcels (~24 m) are all under a z12 pixel (~38 m).
  if [ "$api_hex" != "$sql_hex" ]; then
    echo "z$z: the API's tile $z/$by/$bx (${#api_hex} hex chars) differs from this script's SQL (${#sql_hex}): update tile_sql from TilesSql.cs" >&2
    exit 1
  fi

  # wrk: every thread cycles the same list of tile paths, from its own starting point.
  for ((y = y0; y <= y1; y++)); do for ((x = x0; x <= x1; x++)); do
    echo "$prefix/ogc/collections/parcels/tiles/WebMercatorQuad/$z/$y/$x"
  done; done > "$work/paths-$z"
  cat > "$work/cycle.lua" <<'LUA'
local paths, i, threads = {}, 0, 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = (id * 7919) % #paths -- threads start at different tiles of the same cycle
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
  wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$work/cycle.lua" "$api" -- "$work/paths-$z" > "$work/wrk-$z" 2>&1
  grep -q "Non-2xx" "$work/wrk-$z" && { cat "$work/wrk-$z"; echo "z$z: the API answered errors" >&2; exit 1; }
  api_rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk-$z")

  # pgbench: a random tile of the same list; overview parameters chosen by row.
  {
    echo "\\set i random(0, $((count - 1)))"
    echo "\\set z $z"
    echo "\\set x $x0 + mod(:i, $cols)"
    echo "\\set y $y0 + :i / $cols"
    echo "\\set budget $budget"
    if [ $class = overview ]; then
      for ((y = y0; y <= y1; y++)); do
        read -r tol minsize < <(awk_row_params $z $y)
        [ $y -eq $y0 ] && echo "\\if :y = $y" || echo "\\elif :y = $y"
        echo "\\set tol $tol"
        echo "\\set minsize $minsize"
      done
      echo "\\endif"
    fi
    tile_sql $class | tr '\n' ' '; echo ";"
  } > "$work/tile-$z.sql"
  pgbench -n -M extended -f "$work/tile-$z.sql" -c "$connections" -j "$threads" -T "$duration" > "$work/pgbench-$z" 2>&1 \
    || { cat "$work/pgbench-$z"; exit 1; }
  sql_tps=$(awk '/^tps = / { print $3; exit }' "$work/pgbench-$z")

  awk -v z=$z -v n=$count -v a="$api_rps" -v s="$sql_tps" \
    'BEGIN { printf "z%-4d %6d %14.0f %14.0f %9.2f\n", z, n, a, s, a / s }'
done
echo "(${duration}s per run, $connections connections, $threads threads; wrk and pgbench share the machine with the API and PostgreSQL)"
