#!/usr/bin/env bash
# The peer server of bench/items.sh: MapServer 8 (Debian cgi-mapserver) as FastCGI behind
# lighttpd on 127.0.0.1:8091 (4 mapserv processes), serving landmap_bench's parcels table through
# OGC API - Features with LandMap's 27 stored properties (bench/items.sh), and as Mapbox vector tiles
# (layer parcel_tiles: the stored attributes of LandMap's parcels tiles; bench/tiles.sh):
#   http://127.0.0.1:8091/mapserv/landmap/ogcapi/collections/parcels/items?f=json&limit=100&bbox=...
#   http://127.0.0.1:8091/mapserv?map=landmap&mode=tile&tilemode=gmap&tile=X+Y+Z&layers=parcel_tiles&map.imagetype=mvt
#   bench/mapserver.sh start|stop|status      (as root; files in /var/tmp/landmap-bench-run/mapserver)
# lighttpd does not stop the FastCGI children it spawned, so their PIDs are kept and stopped too.
set -euo pipefail
. "$(dirname "$0")/common.sh"
MS="$RUN/mapserver"; PIDFILE="$MS/lighttpd.pid"; KIDS="$RUN/mapserv.pids"
MS_BASE="http://127.0.0.1:$MS_PORT/mapserv/landmap/ogcapi"
# LandMap's parcels tile attributes that are columns (state and compliance are computed by LandMap).
TILE_PROPS="code,name,status,land_use,land_use_edition,park_code,area_mu"
PROPS="code,name,park_code,land_use,status,supply_method,land_user,contract_no,project_code,approved_on,supplied_on,agreed_start_on,actual_start_on,agreed_completion_on,actual_completion_on,plot_ratio_min,plot_ratio_max,plot_ratio,building_density,green_ratio,investment_agreed_wan,investment_actual_wan,built_area_ratio,area_m2,area_mu,version,updated_at"

running() { alive "$(pidof_file "$PIDFILE")"; }
stop() {
  local pid k; pid="$(pidof_file "$PIDFILE")"
  if alive "$pid"; then pgrep -P "$pid" >> "$KIDS" || true; log "stopping lighttpd (pid $pid)"; stop_pid "$pid" 10; fi
  for k in $(pidof_file "$KIDS"); do   # all at once: each takes a moment to leave
    [ "$(cat /proc/"$k"/comm 2>/dev/null)" = mapserv ] && { kill -TERM "$k" 2>/dev/null || true; stop_pid "$k" 5 & }
  done
  wait
  rm -f "$PIDFILE" "$KIDS"
}

case "${1:-start}" in
  stop) stop; exit 0 ;;
  status) running && echo "lighttpd pid $(cat "$PIDFILE"), mapserv $(echo $(pidof_file "$KIDS"))" || echo "not running"; exit 0 ;;
  start) ;;
  *) die "usage: bench/mapserver.sh start|stop|status" ;;
esac

running && { log "MapServer already running (lighttpd pid $(cat "$PIDFILE"))"; exit 0; }
ss -ltnH "sport = :$MS_PORT" | grep -q . && die "port $MS_PORT is taken by another process"
ensure_packages cgi-mapserver lighttpd curl
need_db
mkdir -p "$MS" && chown www-data:www-data "$MS"

cat > "$MS/mapserver.conf" <<CONF
CONFIG
  ENV
    MS_MAP_NO_PATH "1"
    MS_ERRORFILE "$MS/mapserver-error.log"
  END
  MAPS
    landmap "$MS/parcels.map"
  END
END
CONF
# One layer over the parcels table: name, the attributes it serves, more metadata.
layer() {
  cat <<LAYER
  LAYER
    NAME "$1"
    TYPE POLYGON
    STATUS ON
    CONNECTIONTYPE POSTGIS
    CONNECTION "$PGCONN"
    DATA "geom FROM parcels USING UNIQUE id USING SRID=4490"
    PROCESSING "CLOSE_CONNECTION=DEFER"
    EXTENT 120.70 27.78 120.95 27.98
    PROJECTION "init=epsg:4490" END
    METADATA
      "ows_title" "$1"
      "gml_include_items" "$2"
      "gml_featureid" "id"
      "gml_types" "auto"
      ${3:-}
    END
    TEMPLATE "VOID"
  END
LAYER
}
cat > "$MS/parcels.map" <<MAPFILE
MAP
  NAME "landmap"
  EXTENT 120.70 27.78 120.95 27.98
  UNITS DD
  PROJECTION "init=epsg:4490" END
  # Tiles as LandMap makes them: a 4096 extent with a 64-unit buffer (TilesSql.cs).
  OUTPUTFORMAT
    NAME "mvt"
    DRIVER MVT
    FORMATOPTION "EXTENT=4096"
    FORMATOPTION "EDGE_BUFFER=64"
  END
  WEB
    METADATA
      "ows_title" "LandMap bench parcels"
      "ows_enable_request" "*"
      "ows_srs" "EPSG:4490 EPSG:4326"
      "oga_onlineresource" "$MS_BASE"
      "oga_html_template_directory" "/usr/share/mapserver/ogcapi/templates/html-plain/"
      "oga_max_limit" "10000"
    END
  END
$(layer parcels "$PROPS")
$(layer parcel_tiles "$TILE_PROPS" '"oga_enable_request" "!*"')
END
MAPFILE
cat > "$MS/lighttpd.conf" <<CONF
server.modules = ( "mod_fastcgi" )
server.bind = "127.0.0.1"
server.port = $MS_PORT
server.document-root = "$MS"
server.pid-file = "$PIDFILE"
server.errorlog = "$MS/lighttpd-error.log"
server.username = "www-data"
server.groupname = "www-data"
server.max-keep-alive-requests = 100000
fastcgi.server = ( "/mapserv" => ((
  "socket" => "$MS/mapserv.sock", "bin-path" => "/usr/lib/cgi-bin/mapserv", "check-local" => "disable",
  "max-procs" => 4, "bin-environment" => ( "MAPSERVER_CONFIG_FILE" => "$MS/mapserver.conf" ) )) )
CONF
chmod 644 "$MS"/*.conf "$MS"/*.map
lighttpd -tt -f "$MS/lighttpd.conf" >/dev/null || die "lighttpd rejects $MS/lighttpd.conf"
log "starting lighttpd on 127.0.0.1:$MS_PORT with 4 mapserv FastCGI processes"
lighttpd -f "$MS/lighttpd.conf"
for _ in $(seq 50); do [ -s "$PIDFILE" ] && break; sleep 0.2; done
running || die "lighttpd did not start; see $MS/lighttpd-error.log"
sleep 1; pgrep -P "$(cat "$PIDFILE")" > "$KIDS" || true
url="$MS_BASE/collections/parcels/items?f=json&limit=10&bbox=120.80,27.85,120.805,27.8545"
n="$(curl -fsS --max-time 30 "$url" | jq '.features | length')" || die "MapServer does not answer $url; see $MS/*.log"
log "MapServer ready: lighttpd pid $(cat "$PIDFILE"), mapserv $(echo $(cat "$KIDS")); test page: $n features"
