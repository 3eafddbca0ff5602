#!/usr/bin/env bash
# The PostgreSQL floor of one command: the statements of a createCustomer sent by plain JDBC
# straight to the embedded PostgreSQL (no Waihu code in between), to see what the database
# alone needs per command on this machine. See SqlFloor.java for the four levels.
# Usage: infra/bench/sql-floor.sh [clients] [levels] | --dry-run   (builds the server when it is stale)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/waihu-sql-floor}
PORT=${BENCH_PORT:-8097}
JAR=${BENCH_JAR:-$ROOT/backend/server/target/quarkus-app/quarkus-run.jar}
# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"
[[ -n "${BENCH_JAR:-}" ]] || build_server_if_stale "$JAR"
DRIVER=$(ls "$(dirname "$JAR")"/lib/main/org.postgresql.postgresql-*.jar)
if [[ "$DRY_RUN" == 1 ]]; then
  check_java_sources "$DRIVER" "$ROOT/infra/bench/Customers.java" "$ROOT/infra/bench/SqlFloor.java"
  DRY_RUN_WHAT="server jar $JAR, JDBC driver $DRIVER, SqlFloor.java compiles" dry_run_report
fi
CLIENTS=${1:-32}
LEVELS=${2:-append,write,create,grouped}
# shellcheck source=../lib/server.sh
source "$ROOT/infra/lib/server.sh"
# the server creates the schema (Flyway, Axon's tables) and runs PostgreSQL with its own settings
start_floor_server
# freeze the server so that only this client talks to PostgreSQL (its idle polling would count)
kill -STOP "$SERVER_PID"
trap 'kill -CONT "$SERVER_PID" 2>/dev/null || true; stop_server' EXIT
PG_PORT=$(sed -n 4p "$DATA/postgres/postmaster.pid")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# SqlFloor draws names, tags and numbers as the benchmark seeds them (Customers.java)
compile_java "$WORK/classes" "$DRIVER" "$ROOT/infra/bench/Customers.java" "$ROOT/infra/bench/SqlFloor.java"
java -cp "$WORK/classes:$DRIVER" SqlFloor "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" postgres \
  "$(cat "$DATA/keys/postgres.password")" "$PG_PID" "$CLIENTS" "${FLOOR_WARM_SECONDS:-15}" \
  "${FLOOR_SECONDS:-30}" "$LEVELS"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
