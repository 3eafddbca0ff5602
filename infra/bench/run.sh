#!/usr/bin/env bash
# Waihu benchmark: builds if needed, starts the server on a fresh embedded PostgreSQL,
# runs Bench.java against it (command throughput, seeding, search latency) and writes
# the whole output to infra/bench/results/. See infra/bench/README.md.
#
# Extra arguments go to Bench.java, e.g.  infra/bench/run.sh --phase-seconds=10 --customers=20000
# --dry-run: build and check everything, start nothing.
# Environment:
#   BENCH_WORK              scratch directory for the data dir and server log (default /tmp/waihu-bench)
#   BENCH_PORT              HTTP port of the server under test (default 8091)
#   BENCH_SERVER_JAVA_OPTS  JVM options for the server (default: none, i.e. what a user gets)
#   BENCH_SKIP_BUILD=1      use the jar as it is
#   BENCH_JAR               run this quarkus-run.jar instead of the worktree's (A/B comparison of builds; no build)
#   BENCH_REUSE_DATA=1      keep BENCH_WORK/data from the last run instead of starting empty: seed once with
#                           --phases=seed, then run --phases=search --customer-offset=<customers> as often as needed
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_DIR="$ROOT/infra/bench"
WORK=${BENCH_WORK:-/tmp/waihu-bench}
PORT=${BENCH_PORT:-8091}
PASSWORD=bench-admin-pw
JAR=${BENCH_JAR:-"$ROOT/backend/target/quarkus-app/quarkus-run.jar"}
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS="$BENCH_DIR/results/bench-$STAMP.txt"
URL="http://localhost:$PORT/graphql"

# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"

# --- build: only when the jar is missing or older than a source file, so reruns are quick.
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 && -z "${BENCH_JAR:-}" ]]; then
  build_server_if_stale "$JAR"
fi
if [[ "$DRY_RUN" == 1 ]]; then
  check_java_sources "" "$BENCH_DIR/Bench.java"
  DRY_RUN_WHAT="server jar $JAR, Bench.java compiles" dry_run_report
fi
mkdir -p "$WORK" "$BENCH_DIR/results"

if curl -s -o /dev/null "http://localhost:$PORT/"; then
  echo "port $PORT is already in use; set BENCH_PORT" >&2
  exit 1
fi

# --- server: a fresh data directory, so every run starts from an empty event store
# (unless BENCH_REUSE_DATA=1: then the data of the last run, e.g. 100k seeded customers, is kept).
DATA="$WORK/data"
KEEP_DATA=${BENCH_REUSE_DATA:-0}
SERVER_LOG="$WORK/server-$STAMP.log"
SERVER_JAVA_OPTS="${BENCH_SERVER_JAVA_OPTS:-}"
# shellcheck source=../lib/server.sh
source "$ROOT/infra/lib/server.sh"
echo "starting server (log $SERVER_LOG) ..."
start_server WAIHU_DATA_DIR="$DATA" WAIHU_HTTP_PORT="$PORT" WAIHU_ADMIN_PASSWORD="$PASSWORD"

{
  echo "# Waihu benchmark $STAMP"
  echo "jar: $JAR"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), kernel $(uname -r)"
  free -g | sed 's/^/  /'
  echo "java: $(java -version 2>&1 | head -1); server JVM options: ${BENCH_SERVER_JAVA_OPTS:-(default)}"
  if [[ "$KEEP_DATA" == 1 ]]; then echo "data: reused from $DATA (BENCH_REUSE_DATA=1)"; fi
  # Anything else burning CPU skews a two-core result: record it.
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "busiest other processes:"
  ps -eo pid,pcpu,etime,args --sort=-pcpu | awk -v s="$SERVER_PID" 'NR>1 && $1!=s && n++<5 {print "  " substr($0,1,150)}'
} | tee "$RESULTS"

# Client JVM: small heap and serial GC, so the load generator takes as little CPU as it can.
java -Xmx1g -XX:+UseSerialGC "$BENCH_DIR/Bench.java" --url="$URL" --password="$PASSWORD" \
  --server-pid="$SERVER_PID" --postgres-pid="$PG_PID" "$@" 2>&1 | tee -a "$RESULTS"

{
  echo
  echo "server log: $(grep -c ' ERROR ' "$SERVER_LOG" || true) ERROR and $(grep -c ' WARN ' "$SERVER_LOG" || true) WARN lines ($SERVER_LOG)"
  echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$RESULTS"
echo "results written to $RESULTS"
