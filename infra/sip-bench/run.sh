#!/usr/bin/env bash
# SIP load benchmark of the gateway (see README.md). Run from anywhere:
#   infra/sip-bench/run.sh [--agents=500] [--calls=N] [--rate=50] [--hold=60] [--io-threads=2] ...
#   infra/sip-bench/run.sh --dry-run     (build and check, run nothing)
# Builds the telephony module (main + test classes) when a source is newer than its classes,
# makes the audio files sipp streams, then runs io.waihu.telephony.bench.SipBench.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"
work=${SIP_BENCH_WORK:-/tmp/sip-bench}
stamp=backend/telephony/target/test-classes/io/waihu/telephony/bench/SipBench.class
if [ ! -f "$stamp" ] || [ -n "$(find backend/telephony/src infra/sip-bench -newer "$stamp" -name '*.java' | head -1)" ]; then
  maven -pl backend/telephony test-compile
fi
cp_file=backend/telephony/target/sip-bench.classpath
module_classpath backend/telephony test "$cp_file"
if [ "$DRY_RUN" = 1 ]; then
  command -v sipp >/dev/null || { echo "sipp not found (apt-get install sip-tester)" >&2; exit 1; }
  command -v sox >/dev/null || { echo "sox not found (apt-get install sox)" >&2; exit 1; }
  DRY_RUN_WHAT="SipBench built, classpath $cp_file, sipp and sox found" dry_run_report
fi
mkdir -p "$work"
# 8 kHz G.711 the phones (PCMU) and the carrier (PCMA) stream in 20 ms packets, looped:
# distinct tones so a recording shows which side is which.
[ -f "$work/phone.ulaw" ] || sox -q -n -r 8000 -c 1 -e u-law -t raw "$work/phone.ulaw" synth 10 sine 440 vol 0.5
[ -f "$work/carrier.alaw" ] || sox -q -n -r 8000 -c 1 -e a-law -t raw "$work/carrier.alaw" synth 10 sine 660 vol 0.5
# the test classpath has JBoss LogManager for the Quarkus-style tests; the benchmark logs through plain JUL
deps=$(tr ':' '\n' < "$cp_file" | grep -v jboss-logmanager | paste -sd:)
# shellcheck disable=SC2086 # the options are words on purpose
exec java ${SIP_BENCH_JAVA_OPTS:--Xms1g -Xmx1g} \
  -cp "backend/telephony/target/test-classes:backend/telephony/target/classes:$deps" \
  io.waihu.telephony.bench.SipBench --work="$work" --scenarios=infra/sip-bench "$@"
