#!/bin/sh
# Media benchmark: ./infra/media-bench/run.sh CALLS [SECONDS] [IO_THREADS]
# Builds the telephony module if needed, then runs MediaBench (gateway JVM) which starts
# MediaBenchGenerator (load JVM) itself. Run from the repository root.
set -eu
cd "$(dirname "$0")/../.."
calls=${1:?usage: run.sh CALLS [SECONDS] [IO_THREADS]}
seconds=${2:-30}
threads=${3:-}
if [ ! -d telephony/target/classes ]; then ./mvnw -q -B -pl telephony install -DskipTests; fi
cp_file=telephony/target/media-bench.classpath
[ -f "$cp_file" ] || ./mvnw -q -B -pl telephony dependency:build-classpath -Dmdep.outputFile=target/media-bench.classpath >/dev/null
exec java -XX:+UseParallelGC -Xmx512m -Dbench.dir=infra/media-bench -Djava.util.logging.config.file=infra/media-bench/logging.properties \
  -cp "telephony/target/classes:$(cat "$cp_file")" infra/media-bench/MediaBench.java "$calls" "$seconds" $threads
