#!/usr/bin/env bash
# Restores a dump made by scripts/backup.sh into an empty database.
#
#   scripts/restore.sh FILE CONNINFO
#   scripts/restore.sh landmap.dump "host=127.0.0.1 port=55432 user=postgres dbname=landmap"
#
# The target database must exist and be empty (createdb NAME, or: create database NAME), on a
# server with PostGIS installed (Debian: postgresql-15-postgis-3); the dump creates the postgis
# extension itself. Everything is restored in one transaction (--single-transaction
# --exit-on-error): a failed restore leaves the database empty, never half-restored. --no-owner
# and --no-privileges: objects belong to the role that restores. Then start LandMap with
# ConnectionStrings__LandMap pointing at it: migrations find the schema current, the sample
# loader finds its files loaded, nothing is added.
set -euo pipefail

if [ $# -ne 2 ]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
file=$1
conninfo=$2
[ -r "$file" ] || { echo "restore: cannot read $file" >&2; exit 1; }
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
pg_restore=pg_restore
[ -x "$bin/pg_restore" ] && pg_restore="$bin/pg_restore"

"$pg_restore" --dbname="$conninfo" --single-transaction --exit-on-error --no-owner --no-privileges "$file"
echo "restore: $file restored"
