#!/usr/bin/env bash
# Waihu benchmark: builds if needed, starts the server on a fresh embedded PostgreSQL,
# runs Bench (Bench.java, SearchPhase.java, Customers.java and the bench library in infra/lib/java)
# against it (command throughput, seeding, search latency) and writes the whole output to
# infra/bench/results/. See infra/bench/README.md.
#
# Extra arguments go to Bench, e.g.  infra/bench/run.sh --phase-seconds=10 --customers=20000
# --x=y: list every option and its default, start nothing.
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
JAR=${BENCH_JAR:-"$ROOT/backend/server/target/quarkus-app/quarkus-run.jar"}
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS="$BENCH_DIR/results/bench-$STAMP.txt"
URL="http://localhost:$PORT/graphql"

PROGRAM=("$BENCH_DIR/Bench.java" "$BENCH_DIR/SearchPhase.java" "$BENCH_DIR/Customers.java")

# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"
if [[ " $* " == *" --x=y "* ]]; then
  compile_java "$WORK/classes" "" "${PROGRAM[@]}"
  exec java -cp "$WORK/classes" Bench --x=y
fi

# --- build: only when the jar is missing or older than a source file, so reruns are quick.
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 && -z "${BENCH_JAR:-}" ]]; then
  build_server_if_stale "$JAR"
fi
if [[ "$DRY_RUN" == 1 ]]; then
  check_java_sources "" "${PROGRAM[@]}"
  DRY_RUN_WHAT="server jar $JAR, Bench compiles" dry_run_report
fi
mkdir -p "$WORK" "$BENCH_DIR/results"
compile_java "$WORK/classes" "" "${PROGRAM[@]}"

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
  run_header "Waihu benchmark" "${BENCH_SERVER_JAVA_OPTS:-}"
  if [[ "$KEEP_DATA" == 1 ]]; then echo "data: reused from $DATA (BENCH_REUSE_DATA=1)"; fi
} | tee "$RESULTS"

# Client JVM: small heap and serial GC, so the load generator takes as little CPU as it can.
java -Xmx1g -XX:+UseSerialGC -cp "$WORK/classes" Bench --url="$URL" --password="$PASSWORD" \
  --server-pid="$SERVER_PID" --postgres-pid="$PG_PID" "$@" 2>&1 | tee -a "$RESULTS"

run_footer | tee -a "$RESULTS"
echo "results written to $RESULTS"
