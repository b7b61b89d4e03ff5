#!/usr/bin/env bash
# Issue 18 point 4: the stored today's state and compliance (migration 0048) against the live
# computation at a million parcels, in one go. Works in its own database BENCH_DB (default
# landmap_stored_1m: a copy of bench/site-check.sh's landmap_sitecheck_1m, 1,000,000 parcels and its
# plan, made here on first use) and its own API port and run folder:
#   BENCH_API_PORT=5095 BENCH_RUN=/var/tmp/landmap-bench-stored bench/stored-today.sh
# Runs bench/compliance.sh (items with the computed properties, compliance filters, report, totals)
# and the supervision list (SupervisionSql.Watch) twice: with the stored copy off
# (LandMap:ParcelToday:Enabled=false: every reader computes live, as before) and on (after its
# rebuild, whose time it prints); then the write cost: a 1-parcel edit and a 10,000-parcel insert
# with and without the refresh triggers (each in a rolled-back transaction). Load average with each.
set -euo pipefail
export BENCH_DB="${BENCH_DB:-landmap_stored_1m}"
source "$(dirname "$0")/common.sh"
pg_start
if [ "$(runuser -u postgres -- psql -p "$PG_PORT" -h 127.0.0.1 -Atc "select count(*) from pg_database where datname = '$DB'")" = 0 ]; then
  log "creating $DB from landmap_sitecheck_1m"
  runuser -u postgres -- createdb -p "$PG_PORT" -h 127.0.0.1 -T landmap_sitecheck_1m "$DB"
fi
export LandMap__Overview__Enabled=false LandMap__TileCache__Megabytes=0
BOXES="${BOXES:-10}" REPORTS="${REPORTS:-2}" WATCH="${WATCH:-2}"
load() { cut -d' ' -f1-3 /proc/loadavg; }
t() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@"; }
median() { sort -k2 -g | awk -v name="$1" '{ t[NR] = $2 * 1000; if ($1 != 200) bad++ } END { printf "%-44s n=%3d  median %9.1f ms%s\n", name, NR, t[int((NR + 1) / 2)], bad ? "  (" bad " not 200)" : "" }'; }
round() { # label
  echo "== $1 (load average $(load))"
  API="$API" BOXES="$BOXES" REPORTS="$REPORTS" bash "$BENCH/compliance.sh" | grep -v "z14 tile"
  for ((i = 0; i < WATCH; i++)); do t "$API/api/supervision/idle-candidates"; done | median "supervision idle-candidates (Watch)"
  echo "   (load average after: $(load))"
}
export LandMap__ParcelToday__Enabled=false
api_start; round "live (stored copy off: as before)"; api_stop
export LandMap__ParcelToday__Enabled=true
q -c "delete from parcel_today_built" >/dev/null
start=$(date +%s.%N); api_start
until [ "$(qv -c "select exists (select 1 from parcel_today_built where not ahead) and not exists (select 1 from parcel_today_dirty)")" = t ]; do sleep 2; done
echo "== rebuild of 1,000,000 parcels' rows (from API start): $(echo "$(date +%s.%N) - $start" | bc | cut -c1-6) s (load average $(load))"
round "stored"
api_stop
echo "== write cost (each in a rolled-back transaction; load average $(load))"
for mode in refresh none; do
  off=""; [ $mode = none ] && off="alter table parcels disable trigger parcels_today_update; alter table parcels disable trigger parcels_today_insert;"
  for i in 1 2 3; do
    printf '%s\n' "begin; $off" '\timing on' \
      "update parcels set plot_ratio = coalesce(plot_ratio, 1) + 0.01 where id = (select min(id) + $i * 1000 from parcels);" \
      '\timing off' 'rollback;' | q -f - | grep -o 'Time: [0-9.]* ms' | sed "s/^/1-parcel edit ($mode): /"
  done
  printf '%s\n' "begin; $off" '\timing on' \
    "insert into parcels (code, park_code, land_use, status, plot_ratio, building_density, green_ratio, source, geom)
     select 'BENCH-' || id, park_code, land_use, status, plot_ratio, building_density, green_ratio, 'bench', st_translate(geom, 0.0001, 0)
     from parcels order by id limit 10000;" '\timing off' 'rollback;' | q -f - | grep -o 'Time: [0-9.]* ms' | sed "s/^/10,000-parcel insert ($mode): /"
done
