#!/usr/bin/env bash
# Writes the fixed list of query boxes the load benchmarks replay (bench/bboxes-1000.txt).
# Each line is "minLon,minLat,maxLon,maxLat" (CRS84): a ~500 m x 500 m box whose centre is
# uniform inside lon 120.70-120.95, lat 27.78-27.98 and that lies wholly inside that extent.
# Deterministic on any awk (mawk, gawk): a Park-Miller generator (48271, 2^31-1) with a fixed
# seed, integer steps exact in doubles.
#   bench/gen-bboxes.sh [count=1000] [seed=20251127] [size_m=500] > bench/bboxes-1000.txt
set -euo pipefail
awk -v n="${1:-1000}" -v seed="${2:-20251127}" -v size="${3:-500}" 'BEGIN {
  x = seed % 2147483647; x0 = 120.70; x1 = 120.95; y0 = 27.78; y1 = 27.98; pi = atan2(0, -1)
  hlat = size / 2 / 110574.0
  for (k = 0; k < n; k++) {
    x = (x * 48271) % 2147483647; u = x / 2147483647
    x = (x * 48271) % 2147483647; v = x / 2147483647
    cy = y0 + hlat + v * (y1 - y0 - 2 * hlat)
    hlon = size / 2 / (111320.0 * cos(cy * pi / 180))
    cx = x0 + hlon + u * (x1 - x0 - 2 * hlon)
    printf "%.6f,%.6f,%.6f,%.6f\n", cx - hlon, cy - hlat, cx + hlon, cy + hlat
  } }'
