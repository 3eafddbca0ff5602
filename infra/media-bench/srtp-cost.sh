#!/usr/bin/env bash
# SDES-SRTP cost per packet (SrtpCostBench, telephony test sources): ./infra/media-bench/srtp-cost.sh [PACKETS]
# (or --dry-run). Builds the telephony test classes if needed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"
[ -f backend/telephony/target/test-classes/io/waihu/telephony/media/SrtpCostBench.class ] || maven -pl backend/telephony test-compile
cp_file=backend/telephony/target/media-bench.classpath
module_classpath backend/telephony compile "$cp_file"
if [ "$DRY_RUN" = 1 ]; then
  DRY_RUN_WHAT="SrtpCostBench built, classpath $cp_file" dry_run_report
fi
packets=${1:-2000000}
exec java -Xmx256m -Djava.util.logging.config.file=infra/media-bench/logging.properties \
  -cp "backend/telephony/target/test-classes:backend/telephony/target/classes:$(cat "$cp_file")" io.waihu.telephony.media.SrtpCostBench "$packets"
