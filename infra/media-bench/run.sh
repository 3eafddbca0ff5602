#!/usr/bin/env bash
# Media benchmark: ./infra/media-bench/run.sh CALLS [SECONDS] [IO_THREADS]   (or --dry-run)
# Builds the telephony module if needed, then runs MediaBench (gateway JVM) which starts
# MediaBenchGenerator (load JVM) itself. Run from the repository root.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"
if [ ! -d backend/telephony/target/classes ]; then maven -pl backend/telephony compile; fi
cp_file=backend/telephony/target/media-bench.classpath
module_classpath backend/telephony compile "$cp_file"
if [ "$DRY_RUN" = 1 ]; then
  check_java_sources "backend/telephony/target/classes:$(cat "$cp_file")" infra/media-bench/MediaBench.java
  check_java_sources "backend/telephony/target/classes:$(cat "$cp_file")" infra/media-bench/MediaBenchGenerator.java
  DRY_RUN_WHAT="telephony classes, classpath $cp_file, MediaBench.java compiles" dry_run_report
fi
calls=${1:?usage: run.sh CALLS [SECONDS] [IO_THREADS]}
seconds=${2:-30}
threads=${3:-}
exec java -XX:+UseParallelGC -Xmx512m -Dbench.dir=infra/media-bench -Djava.util.logging.config.file=infra/media-bench/logging.properties \
  -cp "backend/telephony/target/classes:$(cat "$cp_file")" infra/media-bench/MediaBench.java "$calls" "$seconds" ${threads:+"$threads"}
