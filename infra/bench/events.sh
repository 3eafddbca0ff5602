#!/usr/bin/env bash
# Events benchmark of the write path (see infra/bench/README.md, "Events"): the server's command
# path and every processor, in one JVM with its embedded PostgreSQL, fed call lifecycles and
# customer creations by concurrent senders; prints events/s appended and applied and CPU per event.
#
#   infra/bench/events.sh                                   # 5,000 calls + 5,000 customers after a warm-up
#   infra/bench/events.sh --calls=20000 --customers=0 --in-flight=128
#   infra/bench/events.sh --dry-run                         # check it can run, run nothing
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
props=()
for a in "$@"; do
  case "$a" in
    --calls=*|--customers=*|--in-flight=*|--warmup-calls=*) k=${a%%=*}; props+=("-Dwaihu.bench.${k#--}=${a#*=}");;
    --dry-run) ;;
    *) echo "options: --calls=N --customers=N --in-flight=N --warmup-calls=N --dry-run" >&2; exit 2;;
  esac
done
# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"
cd "$ROOT"
if [[ "$DRY_RUN" == 1 ]]; then
  BENCH_SOURCE=backend/server/src/test/java/io/waihu/backend/it/EventPathBenchmark.java
  [[ -f "$BENCH_SOURCE" ]] || { echo "$BENCH_SOURCE is missing" >&2; exit 1; }
  ./mvnw -v >/dev/null || { echo "the Maven wrapper does not run" >&2; exit 1; }
  DRY_RUN_WHAT="Maven wrapper and $BENCH_SOURCE (run by surefire when named)" dry_run_report
fi
LOG=$(mktemp /tmp/waihu-events-bench.XXXXXX.log)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); log $LOG"
if ! ./mvnw -B -pl backend/server -am test -Dtest=EventPathBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    "${props[@]}" >"$LOG" 2>&1; then
  tail -50 "$LOG"; exit 1
fi
grep -A3 "^== events benchmark" "$LOG"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
