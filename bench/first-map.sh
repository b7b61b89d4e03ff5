#!/usr/bin/env bash
# Time from command 1 (./landmap.sh run) in a fresh clone to the first map drawn in Chromium.
# Usage: bench/first-map.sh [clone-dir]   (default: a new temp folder; the clone is removed)
# (SIGTERM, as a background job ignores SIGINT, stops the service like Ctrl-C does.)
# Uses its own ports (cluster 25462, service 5090) so it can run beside a serving LandMap.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$(mktemp -d /tmp/landmap-first-map.XXXX)}
chmod 755 "$dir"
git clone -q "$repo" "$dir/landmap"
cd "$dir/landmap"

export Urls=http://127.0.0.1:5090 LandMap__LocalCluster__Port=25462
start=$(date +%s.%N)
./landmap.sh run > "$dir/run.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT

until curl -sf -o /dev/null "$Urls/ogc/collections/parcels/items?limit=1"; do
  kill -0 $pid 2>/dev/null || { cat "$dir/run.log"; echo "command 1 failed"; exit 1; }
  sleep 0.5
done
served=$(date +%s.%N)
# Headless Chromium loads the page and waits for its layers to be drawn (virtual time budget).
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --window-size=1400,900 --virtual-time-budget=10000 \
  --screenshot="$dir/first-map.png" "$Urls/" > /dev/null 2>&1
drawn=$(date +%s.%N)
awk -v a="$start" -v b="$served" -v c="$drawn" \
  'BEGIN { printf "command 1 -> API serving: %.1f s\ncommand 1 -> first map drawn: %.1f s\n", b - a, c - a }'
