# Sourced by the scripts under infra/: build what a script needs with the Maven wrapper, from any
# checkout, a fresh clone included.
#
# maven ARGS...      runs ./mvnw -B -q ARGS in $ROOT: offline first (quick, and the machines this
#                    runs on may have no network), then online when offline fails, e.g. because a
#                    plugin or dependency is not in the local repository yet. A build that fails
#                    online too stops the script with Maven's own messages — never silently.
# dry_run_report     prints what --dry-run checked and exits 0 (the caller sets DRY_RUN_WHAT).
#
# The caller sets ROOT (the repository root).

maven() {
  local log
  log=$(mktemp)
  if (cd "$ROOT" && ./mvnw -B -q -o --no-transfer-progress "$@") >"$log" 2>&1; then
    cat "$log"; rm -f "$log"; return 0
  fi
  echo "(offline build failed; building online: ./mvnw $*)" >&2
  rm -f "$log"
  if ! (cd "$ROOT" && ./mvnw -B -q --no-transfer-progress "$@"); then
    echo "build failed: ./mvnw $* (messages above)" >&2
    exit 1
  fi
}

# The classpath of MODULE's dependencies (SCOPE: compile, test, ...) in FILE, rebuilt when the
# module's pom is newer; fails loudly when Maven cannot resolve it.
module_classpath() {
  local module=$1 scope=$2 file=$3
  if [ ! -s "$ROOT/$file" ] || [ "$ROOT/$module/pom.xml" -nt "$ROOT/$file" ]; then
    maven -pl "$module" dependency:build-classpath -Dmdep.includeScope="$scope" \
      -Dmdep.outputFile="$ROOT/$file"
  fi
  if [ ! -s "$ROOT/$file" ]; then
    echo "no classpath in $file after the build" >&2
    exit 1
  fi
}

# --dry-run: the script built and resolved everything it needs; say so and stop before any load.
dry_run_report() {
  echo "dry run: ${DRY_RUN_WHAT:-ready}"
  exit 0
}

# The packaged server the benchmarks start: built (tests skipped) when missing or older than a
# source file, so reruns are quick.
build_server_if_stale() {
  local jar=$1
  if [[ ! -f "$jar" ]] || [[ -n $(find "$ROOT"/schema "$ROOT"/projections "$ROOT"/backend \
        -path '*/target' -prune -o -path '*/node_modules' -prune \
        -o -type f \( -name '*.java' -o -name '*.properties' -o -name '*.sql' -o -name pom.xml \) \
        -newer "$jar" -print -quit) ]]; then
    echo "building (mvnw package -DskipTests) ..."
    maven package -DskipTests
  fi
  if [[ ! -f "$jar" ]]; then
    echo "no server jar at $jar after the build" >&2
    exit 1
  fi
}

# DRY_RUN=1 when the script was called with --dry-run (the option is not passed on).
DRY_RUN=0
for argument in "$@"; do
  if [ "$argument" = --dry-run ]; then DRY_RUN=1; fi
done

# The bench library every benchmark program is compiled with (infra/lib/java: options, the GraphQL
# client with login, CPU of server and PostgreSQL from /proc, latency percentiles, the summary).
BENCH_LIB_SOURCES=("$ROOT"/infra/lib/java/io/waihu/bench/*.java)

# compile_java OUT CLASSPATH FILE...: compiles the bench library and the FILEs into OUT (emptied
# first) for `java -cp OUT:CLASSPATH Main`; a program that does not compile stops the script.
compile_java() {
  local out=$1 classpath=$2
  shift 2
  rm -rf "$out"
  mkdir -p "$out"
  if ! javac -Xlint:none -nowarn -d "$out" ${classpath:+-cp "$classpath"} "${BENCH_LIB_SOURCES[@]}" "$@"; then
    echo "does not compile: $*" >&2; exit 1
  fi
}

# Compiles the Java programs a script runs (with the bench library), so a dry run proves they
# still compile against what they import, and leaves nothing behind: check_java_sources CLASSPATH FILE...
check_java_sources() {
  local out
  out=$(mktemp -d)
  if ! (compile_java "$out" "$@"); then
    rm -rf "$out"; exit 1
  fi
  rm -rf "$out"
}
