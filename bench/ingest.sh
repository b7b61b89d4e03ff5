#!/usr/bin/env bash
# Ingest speed: N synthetic parcels as one GeoJSON in EPSG:4549 (CGCS2000 Gauss-Kruger metres),
# (a) through LandMap's upload route with every check on (reprojection, validity, properties,
# codes, parks, overlaps, one transaction) and (b) through `ogr2ogr -f PostgreSQL` with
# PG_USE_COPY=YES into a fresh table, which checks nothing. Reports features/s, the ratio
# (target: LandMap >= ogr2ogr) and the API process's peak resident memory (VmHWM).
#   bench/ingest.sh [N]     (as root, after bench/bench-db.sh; default N = 100000)
# Uses the bench cluster (port 55460): reads parcels from landmap_bench, writes into a fresh
# database landmap_ingest (schema by the API, the parks copied over).
set -euo pipefail
. "$(dirname "$0")/common.sh"
N="${1:-100000}"
ensure_packages gdal-bin postgresql-client-15 curl jq
pg_start
SRC="$PGCONN"
DB="${INGEST_DB:-landmap_ingest}"; PGCONN="host=127.0.0.1 port=$PG_PORT user=postgres dbname=$DB"   # INGEST_DB: another helper's own
OUT="$RUN/results/$(date +%Y%m%d-%H%M%S)-ingest-N$N"; mkdir -p "$OUT"
# v2: land_use_edition exported (codes two editions read differently are refused without it), no
# built_area_ratio (computed since session 5: a read-only warning on every feature otherwise).
FILE="$RUN/parcels-$N-4549-v2.geojson"
TOKEN="bench-$(date +%s%N)"
export LandMap__WriteToken="$TOKEN" LandMap__Uploads__MaxBytes=2000000000
trap 'api_stop' EXIT

if [ ! -s "$FILE" ]; then
  log "exporting $N synthetic parcels to $FILE (EPSG:4549)"
  ogr2ogr -f GeoJSON "$FILE" PG:"$SRC" -t_srs EPSG:4549 -lco RFC7946=NO -lco WRITE_NAME=NO -nln parcels -sql "
    select code, park_code, land_use, land_use_edition, status, supply_method,
           to_char(approved_on, 'YYYY-MM-DD') as approved_on, to_char(supplied_on, 'YYYY-MM-DD') as supplied_on,
           to_char(agreed_start_on, 'YYYY-MM-DD') as agreed_start_on, to_char(actual_start_on, 'YYYY-MM-DD') as actual_start_on,
           plot_ratio, geom
    from parcels where source = 'synthetic' order by id limit $N"
fi
log "file: $(du -h "$FILE" | cut -f1), $N features"

log "fresh database $DB"
psql "$SRC" -X -q -c "drop database if exists $DB with (force)"
api_start   # creates and migrates $DB
psql "$SRC" -X -q -c "\\copy (select code, name_zh, name_en, kind, st_asewkt(geom) from parks) to '$RUN/parks.tsv'"
q -c "\\copy parks (code, name_zh, name_en, kind, geom) from '$RUN/parks.tsv'" -c "analyze parks"

# PostgreSQL's CPU for this benchmark only: the backends serving landmap_ingest (the cluster is shared
# with other benchmarks, whose backends the postmaster's tree would count too). db_ticks prints
# "pid ticks" lines; db_ticks_since FILE sums what each backend spent since that snapshot (a
# backend that started meanwhile counts whole). The query runs from $SRC, so its own backend is not counted.
db_ticks() {
  local pid
  for pid in $(psql "$SRC" -XtAc "select pid from pg_stat_activity where datname = 'landmap_ingest'"); do
    [ -r "/proc/$pid/stat" ] && awk -v p="$pid" '{ s = $0; i = match(s, /\)[^)]*$/); split(substr(s, i + 2), f, " "); print p, f[12] + f[13] }' "/proc/$pid/stat"
  done
}
db_ticks_since() { db_ticks | awk -v before="$1" 'BEGIN { while ((getline l < before) > 0) { split(l, a, " "); b[a[1]] = a[2] } }
  { s += $2 - ($1 in b ? b[$1] : 0) } END { print s + 0 }'; }
log "(b) ogr2ogr -f PostgreSQL, PG_USE_COPY=YES"
# ogr2ogr's backend exits with it (its CPU goes to the postmaster's reaped children): the whole
# cluster is counted for (b), so another benchmark's queries meanwhile count too.
pg0=$(tree_ticks "$(pg_pid)"); m0=$(busy_ticks)
t0=$(date +%s.%N)
ogr2ogr -f PostgreSQL PG:"$PGCONN" "$FILE" -nln ingest_ogr -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST \
  --config PG_USE_COPY YES -a_srs EPSG:4549
t1=$(date +%s.%N)
opg=$(( $(tree_ticks "$(pg_pid)") - pg0 )); m1=$(busy_ticks)
ogr_n=$(qv -c "select count(*) from ingest_ogr")

log "(a) LandMap POST /api/uploads?collection=parcels&crs=EPSG:4549 (all checks, one transaction)"
load0=$(cut -d' ' -f1 /proc/loadavg)
api0=$(tree_ticks "$(api_pid)"); db_ticks > "$OUT/db2"; m2=$(busy_ticks)
t2=$(date +%s.%N)
status=$(curl -s -o "$OUT/upload.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/geo+json' --data-binary @"$FILE" \
  "$API/api/uploads?collection=parcels&crs=EPSG:4549")
t3=$(date +%s.%N)
api1=$(tree_ticks "$(api_pid)"); lpg=$(db_ticks_since "$OUT/db2"); m3=$(busy_ticks)
phases=$(grep -o "validate+stage.*" "$RUN/api.log" | tail -1 || true)
load="$load0/$(cut -d' ' -f1 /proc/loadavg)"  # 1-minute load average before / after (a)
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$(api_pid)/status")
lm_n=$(qv -c "select count(*) from parcels")
[ "$status" = 201 ] || { head -c 2000 "$OUT/upload.json" >&2; die "upload answered $status"; }

awk -v n="$N" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v on="$ogr_n" -v ln="$lm_n" -v hwm="$hwm" -v tck="$CLK_TCK" \
    -v opg="$opg" -v om="$((m1 - m0))" -v lapi="$((api1 - api0))" -v lpg="$lpg" -v lm_="$((m3 - m2))" \
    -v phases="$phases" -v cores="$(nproc)" -v load="$load" 'BEGIN {
  ogr = n / (b - a); lm = n / (d - c)
  printf "### Ingest of %d parcels (GeoJSON, EPSG:4549)\n", n
  printf "| party | seconds | features/s | rows stored | CPU-s API / PostgreSQL | machine busy |\n|---|---:|---:|---:|---:|---:|\n"
  printf "| (a) LandMap upload, every check | %.1f | %.0f | %d | %.1f / %.1f | %.0f %% |\n", d - c, lm, ln, lapi / tck, lpg / tck, 100 * lm_ / tck / cores / (d - c)
  printf "| (b) ogr2ogr PG_USE_COPY=YES, no checks | %.1f | %.0f | %d | - / %.1f | %.0f %% |\n", b - a, ogr, on, opg / tck, 100 * om / tck / cores / (b - a)
  printf "- LandMap / ogr2ogr = %.2f; target (issue 18): 100,000 in under 5 s, under 600 MB for 200,000\n- API peak resident memory (VmHWM): %.0f MB\n", lm / ogr, hwm / 1024
  printf "- LandMap phases: %s\n", phases
  printf "- load average (1 min) before / after the upload: %s (2 cores; other users count)\n", load
  # One line for the log and bench/README.md: everything above, unattended runs compare on it.
  printf "SUMMARY ingest N=%d landmap=%.1fs ogr2ogr=%.1fs ratio=%.2f cpu_api=%.1fs cpu_pg=%.1fs rss=%.0fMB load=%s phases=[%s]\n", \
    n, d - c, b - a, lm / ogr, lapi / tck, lpg / tck, hwm / 1024, load, phases }' | tee "$OUT/summary.md"
