#!/usr/bin/env bash
# Builds the test classes and runs the JMH parser benchmark (about 1-2 minutes).
# Prints our OZ/s, the naive baseline's OZ/s and the ratio. Pass --quick for a shorter run.
# --document runs the document stage's benchmark instead (DocumentBenchmark: the outcome's id
# and JSON line, per core; --document --quick for a shorter run).
# Extra Maven flags (e.g. -o) can be given in MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=target/bench-classpath.txt
mvn -B -q ${MVN_ARGS:-} test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
benchmark=io.callgem.bench.ParserBenchmark
if [ "${1:-}" = --document ]; then
    benchmark=io.callgem.bench.DocumentBenchmark
    shift
fi
exec java -cp "target/test-classes:target/classes:$(cat "$cp_file")" "$benchmark" "$@"
