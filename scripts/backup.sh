#!/usr/bin/env bash
# Backs up a LandMap database to one file (pg_dump custom format: compressed, restorable table by
# table, with PostGIS as an extension rather than its functions).
#
#   scripts/backup.sh CONNINFO FILE
#   scripts/backup.sh "host=127.0.0.1 port=55432 user=postgres dbname=landmap" landmap-$(date +%F).dump
#   scripts/backup.sh postgresql://landmap@db.example/landmap /backups/landmap.dump   # password: PGPASSWORD or ~/.pgpass
#
# The dump is one consistent snapshot (pg_dump reads in a repeatable-read transaction), so the
# service keeps serving and writing while it runs. Flags: -Fc custom format; --no-owner and
# --no-privileges so it restores into any role's database; -Z 6 compression.
# PG_BIN (default /usr/lib/postgresql/15/bin when present) picks the client: it must be at least
# the server's major version.
set -euo pipefail

if [ $# -ne 2 ]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
conninfo=$1
file=$2
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
pg_dump=pg_dump
[ -x "$bin/pg_dump" ] && pg_dump="$bin/pg_dump"

# Write beside the target, then rename: a failed dump never leaves a file that looks complete.
tmp="$file.partial"
trap 'rm -f "$tmp"' EXIT
"$pg_dump" --dbname="$conninfo" --format=custom --compress=6 --no-owner --no-privileges --file="$tmp"
mv "$tmp" "$file"
trap - EXIT
echo "backup: $(du -h "$file" | cut -f1) in $file"
