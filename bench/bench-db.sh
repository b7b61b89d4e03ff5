#!/usr/bin/env bash
# Builds the benchmark database: a private PostgreSQL 15 + PostGIS cluster in
# /var/tmp/landmap-bench-pg on 127.0.0.1:55460, database landmap_bench with LandMap's schema
# (migrated by starting the API once against it, sample data off), the 8 parks of
# gis-data/parks.geojson and N synthetic parcels (gis-data/synthetic/synthetic-parcels.sql),
# then VACUUM ANALYZE. Idempotent: a step already done is skipped; another N replaces the parcels.
#   bench/bench-db.sh [N=1000000]      (as root; ~3 min of loading at 1M, ~20 s at 100k)
# Leaves the cluster running; bench/stop.sh stops it.
set -euo pipefail
. "$(dirname "$0")/common.sh"
N="${1:-1000000}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer; got '$N'"
trap 'api_stop' EXIT
ensure_packages postgresql-15 postgresql-15-postgis-3 postgresql-client-15 curl jq

# 1. Cluster (trust auth, TCP on 127.0.0.1 only; the same settings serve all parties).
if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
  log "initdb $PGDATA_DIR"
  mkdir -p "$PGDATA_DIR" && chown postgres:postgres "$PGDATA_DIR" && chmod 700 "$PGDATA_DIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust >/dev/null
  cat >> "$PGDATA_DIR/postgresql.conf" <<CONF

# ---- LandMap bench cluster (bench/bench-db.sh) ----
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
shared_buffers = 1GB
effective_cache_size = 4GB
work_mem = 16MB
maintenance_work_mem = 512MB
max_wal_size = 4GB
checkpoint_timeout = 30min
random_page_cost = 1.1
jit = off
CONF
fi
pg_start

# 2. Schema: the API creates the database and migrates it (then it is stopped again).
if [ "$(qv -c "select to_regclass('parcels') is not null" 2>/dev/null || true)" != t ]; then
  log "creating $DB and migrating it by starting the API once"
  api_start; api_stop
  [ "$(qv -c "select to_regclass('parcels') is not null")" = t ] || die "the API did not create the schema"
else
  log "schema present in $DB"
fi

# 3. Parks from the GeoJSON (psql reads the file; PostGIS parses the geometries).
if [ "$(qv -c 'select count(*) from parks')" = 0 ]; then
  log "loading gis-data/parks.geojson into parks"
  q -v gj="$(jq -c . "$REPO/gis-data/parks.geojson")" <<'SQL'
insert into parks (code, name_zh, name_en, kind, geom)
select f->'properties'->>'code', f->'properties'->>'name_zh', f->'properties'->>'name_en', f->'properties'->>'kind',
       st_multi(st_setsrid(st_geomfromgeojson(f->>'geometry'), 4490))
from jsonb_array_elements((:'gj')::jsonb->'features') as f;
SQL
fi
log "parks: $(qv -c 'select count(*) from parks')"

# 4. N synthetic parcels (another N: empty parcels and their events/history first).
have="$(qv -c 'select count(*) from parcels')"
if [ "$have" = "$N" ] && [ "$(qv -c "select count(*) from parcels where source = 'synthetic'")" = "$N" ]; then
  log "parcels: $N synthetic parcels already loaded"
else
  if [ "$have" != 0 ]; then
    log "parcels: $have present, $N wanted: truncating parcels (and their events and history)"
    q -c 'truncate parcels, parcel_events, parcel_history restart identity'
  fi
  log "loading $N synthetic parcels (gis-data/synthetic/synthetic-parcels.sql; ~3 min per million)"
  t0=$(date +%s)
  q -v count="$N" -f "$REPO/gis-data/synthetic/synthetic-parcels.sql" >/dev/null
  log "loaded in $(( $(date +%s) - t0 )) s"
fi

# 5. Statistics and visibility map; the result.
log "VACUUM ANALYZE"
q -c 'vacuum analyze'
log "ready: $PGCONN -- $(qv -c "select count(*) || ' parcels, ' || pg_size_pretty(pg_total_relation_size('parcels')) from parcels")"
