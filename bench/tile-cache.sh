#!/usr/bin/env bash
# A repeated vector tile (issue 18 point 2): for 12 parcels tiles a zoom over the zone at z13 and
# z14, the time of the first request (rendered), of the same tile asked again (the in-memory
# cache: one counter read, no ST_AsMVT) and of a revalidation with its ETag (304: one counter
# read), median and p95 of RUNS requests each, with curl's time_total (loopback, HTTP/1.1, one
# connection per request, so each figure includes a TCP handshake).
# Runs on the benchmark cluster (bench/bench-db.sh: 1,000,000 parcels) and starts the API it needs.
set -euo pipefail
source "$(dirname "$0")/common.sh"
runs=${RUNS:-50}
mkdir -p "$RUN"
need_db
api_start
trap '[ "$API_STARTED" = 1 ] && api_stop' EXIT
parcels=$(qv -c "select count(*) from parcels")
log "$parcels parcels"

tiles() { # $1 zoom: 4 x 3 tiles around the zone's middle (120.80 E, 27.85 N)
  awk -v z="$1" 'BEGIN { pi = atan2(0, -1); n = 2 ^ z; lon = 120.80; lat = 27.85 * pi / 180;
    x = int((lon + 180) / 360 * n); y = int((1 - log(sin(lat) / cos(lat) + 1 / cos(lat)) / pi) / 2 * n);
    for (i = -2; i < 2; i++) for (j = -1; j < 2; j++) print z "/" y + j "/" x + i }'
}
ms() { curl -s -o /dev/null -w '%{time_total}\n' "$@" | awk '{ printf "%.3f\n", $1 * 1000 }'; }
stats() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f\n", v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.5)] }'; }

printf '| zoom | first (rendered) median / max ms | again (cache) median / p95 ms | 304 median / p95 ms | median tile bytes |\n| --- | --- | --- | --- | --- |\n'
for z in 13 14; do
  first=$(mktemp); again=$(mktemp); reval=$(mktemp); sizes=$(mktemp)
  for t in $(tiles "$z"); do
    # A date no other run asked for: a tile not yet kept (a cold render).
    url="$API/ogc/collections/parcels/tiles/WebMercatorQuad/$t?date=2016-12-$((10 + RANDOM % 19))"
    ms "$url" >> "$first"
    curl -s "$url" | wc -c >> "$sizes"
    etag=$(curl -s -D - -o /dev/null "$url" | awk -F': ' 'tolower($1) == "etag" { sub(/\r$/, "", $2); print $2 }')
    for ((i = 0; i < runs; i++)); do ms "$url" >> "$again"; ms -H "If-None-Match: $etag" "$url" >> "$reval"; done
  done
  read -r f50 _ < <(stats < "$first"); fmax=$(sort -n "$first" | tail -1)
  read -r a50 a95 < <(stats < "$again"); read -r r50 r95 < <(stats < "$reval")
  read -r s50 _ < <(stats < "$sizes")
  printf '| %s | %s / %s | %s / %s | %s / %s | %s |\n' "$z" "$f50" "$fmax" "$a50" "$a95" "$r50" "$r95" "$s50"
  rm -f "$first" "$again" "$reval" "$sizes"
done
