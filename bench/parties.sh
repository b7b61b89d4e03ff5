# One timed run of a party of the peer benchmarks (sourced by bench/items.sh and bench/tiles.sh after
# common.sh): the load and the CPU accounting of bench/README.md, one line appended to
# $OUT/runs.tsv (warmup.tsv for run 0). The caller sets OUT, TMP, THREADS, CONNS, LANDMAP_PATH,
# MS_URL, MS_PATH (wrk-bbox.lua templates over PARTY_LINES, default bench/bboxes-1000.txt) and
# PGB_VARS, PGB_SCRIPT (pgbench's -D options and script, default $OUT/page.pgbench: capture_statements).
RUNS_HEADER=$'party\trun\trps\tp50\tp95\tp99\trequests\terrors\tbytes_per_req\tcpu_app_s\tcpu_pg_s\tcpu_client_s\tbusy_s\twall_s'
secs() { awk 'NR == 2 { n = split($0, a, /[ms ]+/); print a[1] * 60 + a[2] + a[3] * 60 + a[4] }' "$1"; }
run_party() {  # party run duration
  local p="$1" r="$2" d="$3" o="$OUT/$1.r$2.txt" a0 m0 g0 b0 w0 a1 m1 g1 b1 w1 res
  a0=$(tree_ticks "$(api_pid)"); m0=$(tree_ticks "$(pidof_file "$RUN/mapserver/lighttpd.pid")")
  g0=$(tree_ticks "$(pg_pid)"); b0=$(busy_ticks); w0=$(date +%s.%N); times > "$TMP/t0"
  case "$p" in
    landmap)   wrk -t"$THREADS" -c"$CONNS" -d"${d}s" --latency --timeout 10s -s "$BENCH/wrk-bbox.lua" "$API" -- "${PARTY_LINES:-$BBOXES}" "$LANDMAP_PATH" > "$o" ;;
    mapserver) wrk -t"$THREADS" -c"$CONNS" -d"${d}s" --latency --timeout 10s -s "$BENCH/wrk-bbox.lua" "$MS_URL" -- "${PARTY_LINES:-$BBOXES}" "$MS_PATH" > "$o" ;;
    postgres)  rm -f "$TMP"/pgb*; pgbench "$PGCONN" -n -M extended -c "$CONNS" -j "$THREADS" -T "$d" "${PGB_VARS[@]}" -f "${PGB_SCRIPT:-$OUT/page.pgbench}" \
                 -l --log-prefix="$TMP/pgb" > "$o" 2> "$o.err" || { cat "$o.err" >&2; die "pgbench failed"; } ;;
  esac
  times > "$TMP/t1"; w1=$(date +%s.%N); b1=$(busy_ticks); g1=$(tree_ticks "$(pg_pid)")
  a1=$(tree_ticks "$(api_pid)"); m1=$(tree_ticks "$(pidof_file "$RUN/mapserver/lighttpd.pid")")
  if [ "$p" = postgres ]; then
    res="$(awk '/^tps = / { tps = $3 } /actually processed/ { n = $NF } /failed transactions/ { f = $5 }
                END { printf "%s %s %s", tps, n, f + 0 }' "$o")"
    cat "$TMP"/pgb* | awk '{ print $3 }' > "$TMP/lat"
    set -- $res $(percentiles_us "$TMP/lat") 0   # rps reqs errors p50 p95 p99 bytes
  else
    res="$(sed -n 's/^RESULT //p' "$o")"; [ -n "$res" ] || die "no RESULT line in $o"
    eval "local $res"   # requests= seconds= rps= p50= ... errors= non2xx=
    set -- "$rps" "$requests" $((errors + non2xx)) "$p50" "$p95" "$p99" "$bytes_per_req"
  fi
  [ "$p" = landmap ] && app=$((a1 - a0)) || { [ "$p" = mapserver ] && app=$((m1 - m0)) || app=0; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$p" "$r" "$1" "$4" "$5" "$6" "$2" "$3" "$7" \
    "$(awk -v t="$app" -v k="$CLK_TCK" 'BEGIN { print t / k }')" "$(awk -v t=$((g1 - g0)) -v k="$CLK_TCK" 'BEGIN { print t / k }')" \
    "$(awk -v a="$(secs "$TMP/t1")" -v b="$(secs "$TMP/t0")" 'BEGIN { print a - b }')" \
    "$(awk -v t=$((b1 - b0)) -v k="$CLK_TCK" 'BEGIN { print t / k }')" "$(awk -v a="$w1" -v b="$w0" 'BEGIN { print a - b }')" \
    | tee -a "$OUT/$( [ "$r" = 0 ] && echo warmup || echo runs ).tsv" | awk -F'\t' '{ printf "    %s run %s: %.1f req/s, p50 %s p95 %s p99 %s ms, %s errors\n", $1, $2, $3, $4, $5, $6, $8 }' >&2
  [ "$3" = 0 ] || log "WARNING: $p run $r had $3 errors/failed requests"
}

