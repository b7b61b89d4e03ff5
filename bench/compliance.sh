#!/usr/bin/env bash
# Times the parcels' computed compliance through the API (issue 16): a page of items with and
# without the compliance properties, a page filtered by them, z14 tiles (run the API with
# LandMap__TileCache__Megabytes=0 so each is rendered), the report and its totals. Needs an API
# over a database holding parcels and a plan (bench/compliance-plan.sql).
#   API=http://127.0.0.1:5091 BOXES=20 bench/compliance.sh
# Prints the median and p90 wall time (ms, curl) of each kind of request over BOXES boxes of
# bench/bboxes-1000.txt (500 m x 500 m).
set -euo pipefail
API="${API:-http://127.0.0.1:5091}"; BOXES="${BOXES:-20}"; REPORTS="${REPORTS:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
items="$API/ogc/collections/parcels/items"
t() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@"; }
stats() { # name, then lines "code seconds" on stdin
  sort -k2 -g | awk -v name="$1" '{ if ($1 != 200) bad++; t[NR] = $2 * 1000 }
    END { printf "%-44s n=%3d  median %8.1f ms  p90 %8.1f ms%s\n", name, NR, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)],
          bad ? "  (" bad " not 200)" : "" }'
}
tile() { # lon lat -> z14 x/y (slippy)
  awk -v lon="$1" -v lat="$2" 'BEGIN { n = 2 ^ 14; pi = atan2(0, -1); r = lat * pi / 180;
    printf "%d/%d", int(n * log((1 + sin(r)) / cos(r)) / (2 * pi) * -1 + n / 2), int((lon + 180) / 360 * n) }'
}
boxes="$(head -n "$BOXES" "$here/bboxes-1000.txt")"
cql() { printf '%s' "$1" | jq -sRr @uri; }
for b in $boxes; do t "$items?limit=100&bbox=$b&properties=code,state"; done | stats "items page, without compliance"
for b in $boxes; do t "$items?limit=100&bbox=$b&properties=code,state,compliance,noncompliant_rules"; done | stats "items page, with compliance"
for b in $boxes; do t "$items?limit=100&bbox=$b"; done | stats "items page, every property"
f="$(cql "compliance = 'noncompliant'")"
for b in $boxes; do t "$items?limit=100&bbox=$b&filter=$f"; done | stats "items page, filter compliance = noncompliant"
f="$(cql "noncompliant_rules LIKE '%red_line%'")"
for b in $boxes; do t "$items?limit=100&bbox=$b&filter=$f"; done | stats "items page, filter rules LIKE %red_line%"
for b in $boxes; do IFS=, read -r x0 y0 x1 y1 <<<"$b"; t "$API/ogc/collections/parcels/tiles/WebMercatorQuad/14/$(tile "$x0" "$y0")"; done | stats "z14 tile (every attribute)"
for ((i = 0; i < REPORTS; i++)); do t "$API/api/planning/compliance"; done | stats "report, all parcels (json)"
for ((i = 0; i < REPORTS; i++)); do t "$API/api/planning/compliance/totals"; done | stats "totals, all parcels"
