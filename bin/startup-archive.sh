#!/usr/bin/env bash
# Makes the JVM's startup archive for the packaged service: one training run of the service, with
# its built-in simulator, that goes through the start and delivers outcomes, then stops; the JVM
# keeps the classes it loaded (and, on JDK 25+, how they were linked and profiled) in one file that
# later starts map instead of loading, verifying and linking each class again (docs/performance.md,
# round 11: ready 0.5-0.9 s sooner on 2 cores).
#
#   bin/startup-archive.sh [JAR]       (default target/callgem-outcomes.jar)
#
# Run it from the folder the service runs from (it reads routes/ and data/ relative to it), with
# the java that runs the service, after every build, and give the jar the same way when starting:
#   JDK 17-24: java -XX:SharedArchiveFile=<JAR without .jar>.jsa -jar JAR   (AppCDS, dynamic archive)
#   JDK 25+:   java -XX:AOTCache=<JAR without .jar>.aot -jar JAR            (JEP 483/514 AOT cache)
# A JVM that finds the archive stale (another build, another java) says so and starts without it.
#
# The training run uses application.properties, except: the built-in simulator on a free loopback
# port with tenants of its own (training1-3), its data in a temporary folder, the embedded
# broker in-VM only, no cluster, and the default webhook pointed at a closed loopback port, so
# that nothing reaches a real CallGem, broker, CRM or the service's own data.
# Settings: TRAINING_OUTCOMES (2000) outcomes to see in the files, TRAINING_TIMEOUT (180) seconds.
# TMPDIR: where the training run's folder goes (deleted at the end).
set -euo pipefail

jar=${1:-target/callgem-outcomes.jar}
outcomes=${TRAINING_OUTCOMES:-2000}
timeout=${TRAINING_TIMEOUT:-180}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

[ -f "$jar" ] || { echo "no $jar: build first (mvn package -DskipTests)" >&2; exit 1; }
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${version%%.*}" -ge 25 ]; then
    archive=${jar%.jar}.aot
    train=(-XX:AOTCacheOutput="$archive")
    use="-XX:AOTCache=$archive"
else
    archive=${jar%.jar}.jsa
    train=(-XX:ArchiveClassesAtExit="$archive")
    use="-XX:SharedArchiveFile=$archive"
fi

# a loopback port nothing listens on (bash's /dev/tcp connects when something does)
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

work=$(mktemp -d "${TMPDIR:-/tmp}/callgem-training.XXXXXX")
pid=
cleanup() {
    [ -z "$pid" ] || kill -9 "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { # why, then the end of the training run's log
    echo "$1; its log:" >&2
    tail -n 40 "$work/service.log" >&2
    exit 1
}

rm -f "$archive"
echo "Training run of $jar on Java $version (the service's log: $work/service.log while it runs)"
"$java" "${train[@]}" \
    -Dcallgem.simulator.enabled=true -Dcallgem.host=localhost -Dcallgem.port="$(free_port)" \
    -Dcallgem.simulator.rate=500 -Dcallgem.simulator.count=-1 \
    -Dcallgem.simulator.tenants=training1,training2,training3 \
    -Dcallgem.tenants= -Dcallgem.persist-token=startup-training -Dcallgem.cluster.enabled=false \
    -Doutcomes.data.dir="$work/data" -Doutcomes.dir="$work/outcomes" \
    -Doutcomes.dead-letter.dir="$work/dead-letter" -Dcallgem.cluster.lock-dir="$work/cluster" \
    -Doutcomes.broker.embedded=true -Dquarkus.artemis.url=vm://0 -Doutcomes.broker.listen= \
    -Doutcomes.webhook.default.url="http://127.0.0.1:$(free_port)/startup-training" \
    -Doutcomes.webhook.default.secret=whsec_c3RhcnR1cC10cmFpbmluZy1vbmx5LW5vdC1hLXJlYWwta2V5 \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 \
    -jar "$jar" > "$work/service.log" 2>&1 &
pid=$!

delivered() { { cat "$work"/outcomes/*/*.jsonl 2>/dev/null || true; } | wc -l; }
# the simulator sends until the service is stopped; an outcome it makes before the service has
# subscribed to the outcome's campaign goes nowhere, as CallGem's would: count what arrived
deadline=$((SECONDS + timeout))
until [ "$(delivered)" -ge "$outcomes" ]; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge "$deadline" ]; then
        fail "The training run delivered $(delivered) of $outcomes outcomes in ${timeout}s"
    fi
    sleep 0.2
done

# the JVM writes the archive as it exits
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[ -s "$archive" ] || fail "The training run (exit $status) wrote no $archive"
echo "Wrote $archive ($(du -h "$archive" | cut -f1)) after $outcomes outcomes or more. Start the service with:"
echo "  $java $use -jar $jar"
