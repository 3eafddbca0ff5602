#!/bin/sh
# SDES-SRTP cost per packet (SrtpCostBench, telephony test sources): ./infra/media-bench/srtp-cost.sh [PACKETS]
# Run from the repository root; builds the telephony test classes offline if needed.
set -eu
cd "$(dirname "$0")/../.."
packets=${1:-2000000}
[ -f telephony/target/test-classes/io/waihu/telephony/media/SrtpCostBench.class ] || ./mvnw -q -B -o -pl telephony test-compile
cp_file=telephony/target/media-bench.classpath
[ -f "$cp_file" ] || ./mvnw -q -B -o -pl telephony dependency:build-classpath -Dmdep.outputFile=target/media-bench.classpath >/dev/null
exec java -Xmx256m -Djava.util.logging.config.file=infra/media-bench/logging.properties \
  -cp "telephony/target/test-classes:telephony/target/classes:$(cat "$cp_file")" io.waihu.telephony.media.SrtpCostBench "$packets"
