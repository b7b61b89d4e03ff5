#!/usr/bin/env bash
# numberMatched at scale (issue 14 point 6): what an exact count costs on the parcels of the bench
# database (bench/bench-db.sh N first), in PostgreSQL alone and through the items route.
#   bench/count.sh      (as root; env: RUNS=5)
# Measures, median of RUNS, on a warm cache:
#   kept       select row_count from collection_versions   (what an unfiltered first page reads)
#   count(*)   select count(*) from parcels                 (what it would cost without the counter)
#   bounded    count(*) of at most 10,001 rows              (a filtered page's first try)
#   filtered   count(*) where status = 'idle'               (a filtered page past 10,000: the exact count)
#   items      GET items?limit=100 (unfiltered) and ...&filter=status='idle', first page, curl total time
#   insert     10,000 parcels inserted in one statement: the statement and the counting trigger's own time (rolled back)
set -euo pipefail
. "$(dirname "$0")/common.sh"
RUNS="${RUNS:-5}"
ensure_packages curl postgresql-client-15
need_db
N="$(qv -c 'select count(*) from parcels')"
OUT="$RUN/results/$(date +%Y%m%d-%H%M%S)-count-N$N"; mkdir -p "$OUT"
trap '[ "${API_STARTED:-0}" = 1 ] && api_stop' EXIT

# Milliseconds of one statement, as PostgreSQL times it (EXPLAIN ANALYZE's execution time).
sql_ms() { qv -c "explain (analyze, format json) $1" | jq '.[0]["Execution Time"]'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
measure() { # label sql
  local i; for ((i = 0; i <= RUNS; i++)); do sql_ms "$2"; done | tail -n "$RUNS" | median | xargs printf '%s\t%s\n' "$1"
}
{
  measure kept "select row_count from collection_versions where collection = 'parcels'"
  measure 'count(*)' "select count(*) from parcels"
  measure bounded "select count(*) from (select 1 from parcels limit 10001) as s"
  measure filtered "select count(*) from parcels where status = 'idle'"
} > "$OUT/sql.tsv"

api_start
curl_ms() { curl -fsS -o /dev/null -w '%{time_total}\n' "$API$1" | awk '{ printf "%.1f\n", $1 * 1000 }'; }
items() { # label path
  local i; for ((i = 0; i <= RUNS; i++)); do curl_ms "$2"; done | tail -n "$RUNS" | median | xargs printf '%s\t%s\n' "$1"
}
{
  items 'items (kept count)' "/ogc/collections/parcels/items?limit=100"
  items 'items filter status=idle (exact count)' "/ogc/collections/parcels/items?limit=100&filter=status%3D%27idle%27"
} > "$OUT/items.tsv"
matched="$(curl -fsS "$API/ogc/collections/parcels/items?limit=1" | jq .numberMatched)"
[ "$matched" = "$N" ] || die "numberMatched $matched, SQL count $N"

# The counting trigger's own time in a 10,000-row insert (EXPLAIN ANALYZE lists each trigger's time;
# the whole statement's time is too noisy on a shared machine to show a difference), rolled back.
insert_ms() { # what: statement|trigger
  qv <<SQL | jq --arg w "$1" 'if $w == "trigger" then (.[0].Triggers | map(select(."Trigger Name" == "parcels_count_inserted"))[0].Time) else .[0]["Execution Time"] end'
begin;
explain (analyze, format json) insert into parcels (code, park_code, land_use, status, geom, source)
  select 'CNT-' || code, park_code, land_use, status, geom, source from parcels limit 10000;
rollback;
SQL
}
{
  for w in statement trigger; do
    for ((i = 1; i <= RUNS; i++)); do insert_ms "$w"; done | median | xargs printf 'insert 10,000 parcels: %s\t%s\n' "$w"
  done
} > "$OUT/insert.tsv"

{
  echo "### numberMatched cost, N=$N parcels (median of $RUNS, ms)"; echo
  echo "| what | ms |"; echo "| --- | --- |"
  cat "$OUT/sql.tsv" "$OUT/items.tsv" "$OUT/insert.tsv" | awk -F'\t' '{ printf "| %s | %s |\n", $1, $2 }'
} | tee "$OUT/summary.md"
