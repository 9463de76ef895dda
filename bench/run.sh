#!/usr/bin/env bash
# End-to-end benchmark (docs/performance.md): throughput of the packaged service against a
# plain Camel Netty baseline, latency at a steady rate, peak heap and RSS, startup to ready.
# Builds the jar if the sources are newer, then runs io.callgem.bench.EndToEndBenchmark; about
# 3-4 minutes. Options are passed on (e.g. --quick, --runs durable,latency, --jfr, -Dprop=value
# for the service); extra Maven flags (e.g. -o) can be given in MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/callgem-outcomes.jar
cp_file=target/bench-classpath.txt
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -type f -print -quit)" ]; then
    mvn -B -q ${MVN_ARGS:-} package -DskipTests
fi
mvn -B -q ${MVN_ARGS:-} test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java ${BENCH_JAVA_OPTS:-} -Xmx1g -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
    io.callgem.bench.EndToEndBenchmark "$@"
