#!/usr/bin/env bash
# Startup to ready, as the end-to-end benchmark measures it: process start of
#   java -Xmx128m -jar target/callgem-outcomes.jar   (from the repository root)
# until GET /q/health/ready returns 200 (polled every 20 ms), plus the "started in" Quarkus logs.
# Each run gets a fresh temporary data dir (outcomes.data.dir, outcomes.dir, dead letter) and
# free ports; the process is stopped (SIGTERM) after it is ready.
#
#   bench/startup.sh [-n RUNS] [--builtin] [--archive] [JAR ...] [-- -Dname=value ...]
#
# JAR: one or more packaged services (default target/callgem-outcomes.jar); with several, the runs
# are interleaved A, B, A, B, ... so that they share the machine's load, and the median of each
# is printed. Without --builtin the service runs with callgem.simulator.enabled=false against
# one simulator in its own JVM (as the benchmark does); --builtin uses the built-in simulator.
# --archive first makes each jar's startup archive (bin/startup-archive.sh: AppCDS on JDK 17-24,
# the AOT cache on 25+) and then runs every jar both ways, interleaved: plain and with its archive.
# Extra JVM options in STARTUP_JAVA_OPTS (e.g. -XX:StartFlightRecording...). Logs are kept in
# the work folder printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
builtin=false
java=${JAVA_HOME:+$JAVA_HOME/bin/}java   # the java bin/startup-archive.sh trains with
archive=false
jars=()
props=()
while [ $# -gt 0 ]; do
    case "$1" in
        -n) runs="$2"; shift 2 ;;
        --builtin) builtin=true; shift ;;
        --archive) archive=true; shift ;;
        --) shift; props=("$@"); break ;;
        *) jars+=("$1"); shift ;;
    esac
done
[ ${#jars[@]} -gt 0 ] || jars=(target/callgem-outcomes.jar)

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

work=$(mktemp -d /tmp/startup-bench.XXXXXX)
sim_pid=
cleanup() { [ -z "$sim_pid" ] || kill "$sim_pid" 2>/dev/null || true; }
trap cleanup EXIT

sim_port=$(free_port)
if [ "$builtin" = false ]; then
    "$java" -Xmx256m -cp "${jars[0]}" io.callgem.simulator.SimulatorMain \
        --port "$sim_port" --rate 10 --status-every 0 > "$work/simulator.log" 2>&1 &
    sim_pid=$!
    sleep 2
fi

# each jar plain, and with --archive also "jar -XX:...": the option that uses its archive, from
# the command bin/startup-archive.sh prints last
variants=()
for jar in "${jars[@]}"; do
    variants+=("$jar")
    if [ "$archive" = true ]; then
        variants+=("$jar $(bin/startup-archive.sh "$jar" | tail -1 | grep -o -- '-XX:[A-Za-z]*=[^ ]*')")
    fi
done

declare -A results cpus
for ((i = 1; i <= runs; i++)); do
    for variant in "${variants[@]}"; do
        jar=${variant%% *}
        archive_option=${variant#"$jar"}
        data="$work/run-$i-$(basename "$jar" .jar)-$RANDOM"
        mkdir -p "$data"
        http=$(free_port)
        [ "$builtin" = true ] && sim_port=$(free_port)
        log="$data/service.log"
        start=$(now_ms)
        "$java" -Xmx128m ${STARTUP_JAVA_OPTS:-} $archive_option \
            -Dcallgem.simulator.enabled="$builtin" -Dcallgem.port="$sim_port" \
            -Dquarkus.http.port="$http" \
            -Doutcomes.data.dir="$data/data" -Doutcomes.dir="$data/outcomes" \
            -Doutcomes.dead-letter.dir="$data/dead-letter" -Dcallgem.cluster.lock-dir="$data/cluster" \
            "${props[@]}" -jar "$jar" > "$log" 2>&1 &
        pid=$!
        ready=
        cpu=
        while kill -0 "$pid" 2>/dev/null; do
            if curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/q/health/ready" 2>/dev/null | grep -q 200; then
                ready=$(( $(now_ms) - start ))
                # CPU the process used until ready (user + system, clock ticks -> ms): steadier
                # than the wall time when other processes share the cores
                cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
                break
            fi
            [ $(( $(now_ms) - start )) -lt 60000 ] || break
            sleep 0.02
        done
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        started=$(grep -o 'started in [0-9.]*s' "$log" | head -1 | grep -o '[0-9.]*' || echo '?')
        echo "run $i  $variant  ready ${ready:-FAILED} ms  cpu ${cpu:-?} ms  started in ${started}s"
        results[$variant]+="${ready:-999999} "
        cpus[$variant]+="${cpu:-999999} "
    done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for variant in "${variants[@]}"; do
    echo "median $variant: ready $(echo ${results[$variant]} | median) ms (${results[$variant]}), cpu $(echo ${cpus[$variant]} | median) ms (${cpus[$variant]})"
done
echo "logs: $work"
