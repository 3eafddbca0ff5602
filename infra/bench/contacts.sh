#!/usr/bin/env bash
# List import benchmark (see infra/bench/README.md, "Contacts"): the whole server in one JVM with a
# bounded heap and its embedded PostgreSQL; a generated CSV uploaded over HTTP into a campaign, timed
# until the import is DONE and every read model is at the head; then the same with every row creating
# a CRM customer; then the PostgreSQL floor of the bulk path's statements. Prints rows/s, CPU per row
# and the heap's peak.
#
#   infra/bench/contacts.sh                                 # 100,000 rows, 10,000 with customers, -Xmx512m
#   infra/bench/contacts.sh --rows=1000000 --customer-rows=100000 --heap=512m
#   infra/bench/contacts.sh --dry-run                       # check it can run, run nothing
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
props=()
heap=512m
for a in "$@"; do
  case "$a" in
    --rows=*|--customer-rows=*|--floor-chunks=*) k=${a%%=*}; props+=("-Dwaihu.bench.${k#--}=${a#*=}");;
    --heap=*) heap=${a#*=};;
    --dry-run) ;;
    *) echo "options: --rows=N --customer-rows=N --floor-chunks=N --heap=SIZE --dry-run" >&2; exit 2;;
  esac
done
# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"
cd "$ROOT"
if [[ "$DRY_RUN" == 1 ]]; then
  BENCH_SOURCE=backend/server/src/test/java/io/waihu/backend/it/ContactImportBenchmark.java
  [[ -f "$BENCH_SOURCE" ]] || { echo "$BENCH_SOURCE is missing" >&2; exit 1; }
  ./mvnw -v >/dev/null || { echo "the Maven wrapper does not run" >&2; exit 1; }
  DRY_RUN_WHAT="Maven wrapper and $BENCH_SOURCE (run by surefire when named, heap $heap)" dry_run_report
fi
LOG=$(mktemp /tmp/waihu-contacts-bench.XXXXXX.log)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); heap $heap; log $LOG"
if ! ./mvnw -B -pl backend/server -am test -Dtest=ContactImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    "-DargLine=-Xmx$heap" "${props[@]}" >"$LOG" 2>&1; then
  tail -50 "$LOG"; exit 1
fi
grep -A8 "^== contact import benchmark" "$LOG"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
