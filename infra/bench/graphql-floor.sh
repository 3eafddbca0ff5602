#!/usr/bin/env bash
# The cost floor of one GraphQL request (HTTP + bearer token + GraphQL, no data touched) on the
# packaged server with embedded defaults: what every command and search pays before its own work.
# Usage: infra/bench/graphql-floor.sh [--dry-run]   (builds the server when it is stale)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/waihu-floor}
PORT=${BENCH_PORT:-8096}
JAR=${BENCH_JAR:-$ROOT/backend/server/target/quarkus-app/quarkus-run.jar}
# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"
[[ -n "${BENCH_JAR:-}" ]] || build_server_if_stale "$JAR"
if [[ "$DRY_RUN" == 1 ]]; then
  check_java_sources "" "$ROOT/infra/bench/GraphQLFloor.java"
  DRY_RUN_WHAT="server jar $JAR, GraphQLFloor.java compiles" dry_run_report
fi
# shellcheck source=../lib/server.sh
source "$ROOT/infra/lib/server.sh"
start_floor_server
compile_java "$WORK/classes" "" "$ROOT/infra/bench/GraphQLFloor.java"
TOKEN=$(curl -s -H 'Content-Type: application/json' \
  -d '{"query":"mutation { login(input: {username: \"admin\", password: \"floor-admin-password\"}) { token } }"}' "$URL" \
  | sed 's/.*"token":"\([^"]*\)".*/\1/')
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# the first round warms the JIT; read the second
java -cp "$WORK/classes" GraphQLFloor "$URL" "$TOKEN" "$SERVER_PID" '{ __typename }'
java -cp "$WORK/classes" GraphQLFloor "$URL" "$TOKEN" "$SERVER_PID" '{ __typename }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
