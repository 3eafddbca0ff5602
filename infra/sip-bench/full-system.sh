#!/usr/bin/env bash
# Whole-system SIP load benchmark (see README.md, "Whole system"): the packaged server on a fresh
# data directory, N agents created through GraphQL, sipp phones registering them, a sipp carrier
# behind one trunk, click-to-dial + hangup through GraphQL at given rates, call records counted.
#
#   infra/sip-bench/full-system.sh --agents=200 --rates=10,20,40 --calls=400 --hold=2
#   infra/sip-bench/full-system.sh --agents=220 --rates=6 --calls=200 --hold=30     # ~180 concurrent
#   infra/sip-bench/full-system.sh --x=y                                            # every option
#   infra/sip-bench/full-system.sh --dry-run                                        # build and check, run nothing
#
# Environment:
#   SIP_FULL_WORK              scratch dir: data dir, server log, sipp logs, results (default /tmp/waihu-sip-full)
#   SIP_FULL_SERVER_JAVA_OPTS  JVM options for the server (default: none, what a user gets)
#   SIP_FULL_SKIP_BUILD=1      use the jar as it is
#   SIP_FULL_JAR               run this quarkus-run.jar instead of the worktree's (no build)
#   any WAIHU_* setting is passed to the server (ports and addresses below are set by this script)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR="$ROOT/infra/sip-bench"
WORK=${SIP_FULL_WORK:-/tmp/waihu-sip-full}
PASSWORD=bench-admin-pw
JAR=${SIP_FULL_JAR:-"$ROOT/backend/server/target/quarkus-app/quarkus-run.jar"}
STAMP=$(date +%Y%m%d-%H%M%S)

PROGRAM=("$DIR"/FullSystemBench.java "$DIR"/Level.java "$DIR"/CallLoad.java "$DIR"/CallRecords.java "$DIR"/Sipp.java)

for a in "$@"; do
  case "$a" in --*=*|--dry-run) ;; *) echo "options are --key=value; see: $0 --x=y" >&2; exit 2;; esac
done

# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"
if [[ " $* " == *" --x=y "* ]]; then
  compile_java "$WORK/classes" "" "${PROGRAM[@]}"
  exec java -cp "$WORK/classes" FullSystemBench --x=y
fi

# --- build: only when the jar is missing or older than a source file.
if [[ "${SIP_FULL_SKIP_BUILD:-0}" != 1 && -z "${SIP_FULL_JAR:-}" ]]; then
  build_server_if_stale "$JAR"
fi
if [[ "$DRY_RUN" == 1 ]]; then
  command -v sipp >/dev/null || { echo "sipp not found (apt-get install sip-tester)" >&2; exit 1; }
  command -v sox >/dev/null || { echo "sox not found (apt-get install sox)" >&2; exit 1; }
  check_java_sources "" "${PROGRAM[@]}"
  DRY_RUN_WHAT="server jar $JAR, sipp, sox, FullSystemBench compiles" dry_run_report
fi
mkdir -p "$WORK"
compile_java "$WORK/classes" "" "${PROGRAM[@]}"
RESULTS="$WORK/full-system-$STAMP.txt"

# --- free loopback ports (TCP and UDP both free) for HTTP, SIP (UDP+TCP) and SIP over WebSocket.
free_port() {
  python3 - <<'EOF'
import random, socket
for _ in range(500):
    p = random.randrange(15000, 19999)
    try:
        for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
            s = socket.socket(socket.AF_INET, kind); s.bind(("127.0.0.1", p)); s.close()
            s = socket.socket(socket.AF_INET, kind); s.bind(("0.0.0.0", p)); s.close()
        print(p); break
    except OSError:
        pass
EOF
}
HTTP_PORT=$(free_port); SIP_PORT=$(free_port); WS_PORT=$(free_port)
URL="http://localhost:$HTTP_PORT/graphql"

# --- audio the sipp carrier streams (rtp_stream, looped; the phones echo what they receive).
[[ -f "$WORK/carrier.alaw" ]] || sox -q -n -r 8000 -c 1 -e a-law -t raw "$WORK/carrier.alaw" synth 10 sine 660 vol 0.5

# --- server: fresh data directory, so every run starts from an empty event store.
DATA="$WORK/data"
SERVER_LOG="$WORK/server-$STAMP.log"
SERVER_JAVA_OPTS="${SIP_FULL_SERVER_JAVA_OPTS:-}"
# shellcheck source=../lib/server.sh
source "$ROOT/infra/lib/server.sh"
echo "starting server (HTTP $HTTP_PORT, SIP $SIP_PORT, log $SERVER_LOG) ..."
start_server WAIHU_DATA_DIR="$DATA" WAIHU_HTTP_PORT="$HTTP_PORT" WAIHU_ADMIN_PASSWORD="$PASSWORD" \
  WAIHU_SIP_PORT="$SIP_PORT" WAIHU_SIP_WS_PORT="$WS_PORT" WAIHU_SIP_WSS_PORT=0 WAIHU_HTTPS_PORT=0 \
  WAIHU_SIP_BIND_ADDRESS=127.0.0.1 WAIHU_SIP_ADVERTISED_ADDRESS=127.0.0.1

run_header "Waihu whole-system SIP benchmark" "${SIP_FULL_SERVER_JAVA_OPTS:-}" \
  "$(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -1)" | tee "$RESULTS"

# Driver JVM: small heap, serial GC, so the load generator takes as little CPU as it can.
set +e
(cd "$ROOT" && java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$WORK/classes" FullSystemBench \
  --url="$URL" --password="$PASSWORD" --sip-port="$SIP_PORT" --work="$WORK" --scenarios="$DIR" \
  --server-pid="$SERVER_PID" --postgres-pid="$PG_PID" "$@") 2>&1 | tee -a "$RESULTS"
rc=${PIPESTATUS[0]}
set -e

run_footer | tee -a "$RESULTS"
echo "results written to $RESULTS"
exit "$rc"
