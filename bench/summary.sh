#!/usr/bin/env bash
# Markdown summary of a runs.tsv written by bench/items.sh or bench/tiles.sh: per party the median
# run by req/s (latencies of that run), CPU-ms per request and the ratios (against the items'
# targets unless SUMMARY_TARGETS=0).
#   bench/summary.sh RUNS_TSV [title]      (env: SUMMARY_HEADING, default the items' heading)
set -euo pipefail
[ -s "${1:-}" ] || { echo "usage: bench/summary.sh RUNS_TSV [title]" >&2; exit 2; }
awk -F'\t' -v title="${2:-}" -v heading="${SUMMARY_HEADING:-Items with bbox (limit=100, 500 m boxes)}" -v targets="${SUMMARY_TARGETS:-1}" '
  NR > 1 { p = $1; k = ++n[p]; rps[p, k] = $3; row[p, k] = $0 }
  END {
    print "### " heading (title ? ": " title : ""); print ""
    print "| party | req/s (median) | all runs | p50 ms | p95 ms | p99 ms | CPU-s app / PG / client | server CPU-ms/req | client CPU-ms/req | req per CPU-s | bytes/resp | errors | box busy cores | other CPU-s |"
    print "|---|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
    split("landmap postgres mapserver", order, " ")
    name["landmap"] = "(a) LandMap API"; name["postgres"] = "(b) PostgreSQL (pgbench)"; name["mapserver"] = "(c) MapServer 8"
    for (o = 1; o <= 3; o++) {
      p = order[o]; if (!(p in n)) continue
      m = n[p]; for (i = 1; i <= m; i++) ix[i] = i
      for (i = 2; i <= m; i++) for (j = i; j > 1 && rps[p, ix[j - 1]] + 0 > rps[p, ix[j]] + 0; j--) { t = ix[j]; ix[j] = ix[j - 1]; ix[j - 1] = t }
      all = ""; for (i = 1; i <= m; i++) all = all (i > 1 ? ", " : "") sprintf("%.0f", rps[p, i])
      split(row[p, ix[int((m + 1) / 2)]], f, "\t"); med[p] = f[3]
      errs = 0; for (i = 1; i <= m; i++) { split(row[p, i], g, "\t"); errs += g[8] }
      eff[p] = f[7] / (f[10] + f[11] + f[12])
      printf "| %s | %.1f | %s | %.2f | %.2f | %.2f | %.1f / %.1f / %.1f | %.2f | %.2f | %.0f | %s | %d | %.2f | %.1f |\n", name[p], f[3], all, f[4], f[5], f[6], f[10], f[11], f[12],
        1000 * (f[10] + f[11]) / f[7], 1000 * f[12] / f[7], eff[p], (f[9] > 0 ? sprintf("%.0f", f[9]) : "-"), errs, f[13] / f[14], f[13] - f[10] - f[11] - f[12]
    }
    print ""
    if (med["mapserver"] > 0) { r = med["landmap"] / med["mapserver"]; printf "- LandMap / MapServer req/s = %.2f%s\n", r, (!targets ? "" : r >= 2 ? " (target >= 2: met)" : " (target >= 2: NOT met)") }
    if (med["postgres"] > 0) { r = med["landmap"] / med["postgres"]; printf "- LandMap / PostgreSQL req/s = %.2f%s\n", r, (!targets ? "" : r >= 0.7 ? " (target >= 0.7: met)" : " (target >= 0.7: NOT met)") }
    if (eff["mapserver"] > 0 && eff["postgres"] > 0) printf "- per CPU-second (server + client; less sensitive to other load on the box): LandMap / MapServer = %.2f, LandMap / PostgreSQL = %.2f\n", eff["landmap"] / eff["mapserver"], eff["landmap"] / eff["postgres"]
    print "- server CPU = the app process tree (LandMap.Api; lighttpd + mapserv) + the PostgreSQL cluster tree; other CPU-s = box busy - server - client (other users of the machine, kernel)"
  }' "$1"
