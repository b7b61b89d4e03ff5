#!/usr/bin/env bash
# Deep paging: is page 1,000 of the parcels listing (limit=100, no bbox) as cheap as page 1?
# Follows the "next" links once from page 1 to page PAGE to get its URL (keyset cursor), then
# times repeated GETs of both URLs on one connection (wrk -t1 -c1), interleaved, RUNS x DURATION s.
# Reports p50 latency and req/s per page and the ratio p50(page PAGE) / p50(page 1); target <= 1.2.
#   bench/paging.sh      (as root, after bench/bench-db.sh; env: PAGE=1000 RUNS=3 DURATION=10)
set -euo pipefail
. "$(dirname "$0")/common.sh"
PAGE="${PAGE:-1000}" RUNS="${RUNS:-3}" DURATION="${DURATION:-10}"
ensure_packages wrk jq curl
need_db
N="$(qv -c 'select count(*) from parcels')"
[ "$N" -ge $((PAGE * 100)) ] || die "page $PAGE of 100 needs at least $((PAGE * 100)) parcels; have $N"
OUT="$RUN/results/$(date +%Y%m%d-%H%M%S)-paging-N$N"; mkdir -p "$OUT"
trap '[ "$API_STARTED" = 1 ] && api_stop' EXIT
api_start

first="/ogc/collections/parcels/items?limit=100"; url="$API$first"; t0=$(date +%s.%N)
log "following next links from page 1 to page $PAGE"
for ((i = 2; i <= PAGE; i++)); do
  url="$(curl -fsS "$url" | jq -r '[.links[] | select(.rel == "next") | .href][0] // empty')"
  [ -n "$url" ] || die "page $((i - 1)) has no next link"
done
walk=$(awk -v a="$(date +%s.%N)" -v b="$t0" -v n="$PAGE" 'BEGIN { printf "%.1f s, %.1f ms per page", a - b, 1000 * (a - b) / n }')
last="${url#"$API"}"
n="$(curl -fsS "$API$last" | jq '.numberReturned')"
[ "$n" = 100 ] || die "page $PAGE ($last) returned $n features, not 100"
log "page $PAGE is $last (walk: $walk)"

printf 'page\trun\trps\tp50\tp95\tp99\n' > "$OUT/runs.tsv"
time_page() {  # label path run duration
  wrk -t1 -c1 -d"$4s" --latency -s "$BENCH/wrk-bbox.lua" "$API" -- "$BBOXES" "$2" > "$OUT/$1.r$3.txt"
  sed -n 's/^RESULT //p' "$OUT/$1.r$3.txt" | awk -v l="$1" -v r="$3" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    if (v["errors"] + v["non2xx"] > 0) { print "errors in " l > "/dev/stderr"; exit 1 }
    printf "%s\t%s\t%s\t%s\t%s\t%s\n", l, r, v["rps"], v["p50"], v["p95"], v["p99"] }'
}
time_page page1 "$first" 0 2 > /dev/null; time_page "page$PAGE" "$last" 0 2 > /dev/null   # warm-up
for ((r = 1; r <= RUNS; r++)); do
  for p in page1 "page$PAGE"; do
    [ "$p" = page1 ] && path="$first" || path="$last"
    time_page "$p" "$path" "$r" "$DURATION" | tee -a "$OUT/runs.tsv" |
      awk -F'\t' '{ printf "    %s run %s: %.0f req/s, p50 %s p95 %s p99 %s ms\n", $1, $2, $3, $4, $5, $6 }' >&2
  done
done
awk -F'\t' -v deep="page$PAGE" -v title="N=$N parcels, $RUNS x ${DURATION}s, one connection" '
  NR > 1 { k = ++n[$1]; p50[$1, k] = $4; rps[$1, k] = $3 }
  function med(a, p,   m, i, j, t, x) { m = n[p]; for (i = 1; i <= m; i++) x[i] = a[p, i] + 0
    for (i = 2; i <= m; i++) for (j = i; j > 1 && x[j - 1] > x[j]; j--) { t = x[j]; x[j] = x[j - 1]; x[j - 1] = t }
    return x[int((m + 1) / 2)] }
  END { print "### Paging (limit=100, no bbox): " title; print ""
        print "| page | p50 ms (median) | req/s (median) |"; print "|---|---:|---:|"
        printf "| 1 | %.2f | %.0f |\n| %s | %.2f | %.0f |\n\n", med(p50, "page1"), med(rps, "page1"), substr(deep, 5), med(p50, deep), med(rps, deep)
        r = med(p50, deep) / med(p50, "page1")
        printf "- p50 page %s / page 1 = %.2f (target <= 1.2: %s)\n", substr(deep, 5), r, (r <= 1.2 ? "met" : "NOT met") }' \
  "$OUT/runs.tsv" | tee "$OUT/summary.md"
echo "- following next links to page $PAGE: $walk" | tee -a "$OUT/summary.md"
