# Sourced by the benchmark scripts: run the packaged server (backend/server/target/quarkus-app) on a
# fresh data directory, wait until GraphQL answers, and stop it — and its embedded PostgreSQL —
# when the script exits, however it exits.
#
# The caller sets JAR, DATA (wiped first unless KEEP_DATA=1), SERVER_LOG and URL (the GraphQL
# endpoint), and optionally SERVER_JAVA_OPTS; start_server takes the server's environment as
# VAR=value words.
# Afterwards SERVER_PID and PG_PID are set.

start_server() {
  if [[ "${KEEP_DATA:-0}" != 1 ]]; then rm -rf -- "$DATA"; fi
  # shellcheck disable=SC2086 # the options are words on purpose
  # metrics on a free port unless the caller names one: two servers (A/B runs) must not share 9000
  env WAIHU_MANAGEMENT_PORT=0 "$@" java ${SERVER_JAVA_OPTS:-} -jar "$JAR" >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  trap stop_server EXIT
  for i in $(seq 180); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server exited during start-up; last log lines:" >&2; tail -30 "$SERVER_LOG" >&2; exit 1
    fi
    if curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "$URL"; then
      break
    fi
    if [[ $i == 180 ]]; then echo "server not ready after 180 s" >&2; exit 1; fi
    sleep 1
  done
  # pg_ctl daemonizes PostgreSQL; its pid (for the CPU split) is in the data directory.
  PG_PID=$(head -1 "$DATA/postgres/postmaster.pid" 2>/dev/null || echo 0)
}

stop_server() {
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  # The JVM stops its embedded PostgreSQL on a clean exit; after a kill -9 it cannot,
  # so stop exactly the postmaster of our data directory if it is still there.
  local pidfile="$DATA/postgres/postmaster.pid"
  if [[ -f "$pidfile" ]]; then
    local pg; pg=$(head -1 "$pidfile")
    if [[ -n "$pg" ]] && kill -0 "$pg" 2>/dev/null; then kill "$pg" || true; fi
  fi
}

# The floor benchmarks' server: the caller sets WORK, PORT and JAR; the server runs on a fresh
# $WORK/data with HTTP on $PORT, SIP on loopback with ephemeral ports, and the admin password
# floor-admin-password. Sets DATA, SERVER_LOG and URL as well.
start_floor_server() {
  DATA=$WORK/data
  SERVER_LOG=$WORK/server.log
  URL=http://127.0.0.1:$PORT/graphql
  mkdir -p "$WORK"
  start_server WAIHU_DATA_DIR="$DATA" WAIHU_HTTP_PORT="$PORT" WAIHU_ADMIN_PASSWORD=floor-admin-password \
    WAIHU_SIP_BIND_ADDRESS=127.0.0.1 WAIHU_SIP_PORT=0 WAIHU_SIP_WS_PORT=0 WAIHU_SIP_WSS_PORT=0 WAIHU_HTTPS_PORT=0
}

# The head of a result file: what ran (jar, commit), on what, and what else was busy — anything
# burning CPU beside the benchmark skews a two-core result, so it is written down.
#   run_header TITLE SERVER_JAVA_OPTS [MACHINE_EXTRA]   (after start_server: SERVER_PID, JAR, STAMP)
run_header() {
  echo "# $1 $STAMP"
  echo "jar: $JAR ($(date -u -r "$JAR" +%FT%TZ))"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), kernel $(uname -r)${3:+; $3}"
  free -g | sed 's/^/  /'
  echo "java: $(java -version 2>&1 | head -1); server JVM options: ${2:-(default)}"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "busiest other processes:"
  ps -eo pid,pcpu,etime,args --sort=-pcpu | awk -v s="$SERVER_PID" 'NR>1 && $1!=s && n++<5 {print "  " substr($0,1,150)}'
}

# The foot of a result file: what the server logged as ERROR and WARN, and the load at the end.
run_footer() {
  echo
  echo "server log: $(grep -c ' ERROR ' "$SERVER_LOG" || true) ERROR and $(grep -c ' WARN ' "$SERVER_LOG" || true) WARN lines ($SERVER_LOG)"
  echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
}
