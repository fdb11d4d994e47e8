#!/usr/bin/env bash
# Where the jar's CPU goes on one request, with its default settings: the jar is warmed up
# under load, then a sampling profiler records it for a while under the same load, and the
# samples are summed by the frame that was running (self), by the layers on the stack
# (inclusive), and by the frames named in FRAMES (inclusive). The profile behind the issue
# "Fast by default", item 4.
#
#   bench/profile.sh [get-book|post-book|post-book-keyed]   (WARMUP=60s RECORD=30s CONNECTIONS=32)
#
# PROFILER=jfr (the default) uses Java Flight Recorder, with stacks 512 deep: it slows the jar
# several times over at this depth, so its shares are rough. PROFILER=async uses async-profiler
# (its library from Maven Central, tools.profiler:async-profiler), loaded into the running jar
# after the warm-up: CPU samples from perf events, at a cost the throughput barely shows.
# FRAMES='regex|regex' adds a table of the inclusive share of each matching frame.
#
# Prints the tables; keeps the recording when KEEP=dir is set. Sends traffic to 127.0.0.1 only.
source "$(dirname "$0")/../scripts/reliability/lib.sh"
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
SCRIPT=${1:-get-book}
WARMUP=${WARMUP:-60s}
RECORD=${RECORD:-30s}
CONNECTIONS=${CONNECTIONS:-32}
PROFILER=${PROFILER:-jfr}
ASYNC_PROFILER_VERSION=4.2
need_wrk
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
JFR="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"

case $PROFILER in
    jfr) # deep stacks: a request goes ~150 frames down, past JFR's default of 64
        JAVA_OPTS="${JAVA_OPTS:-} -XX:FlightRecorderOptions:stackdepth=512" ;;
    async)
        # copied out of whichever local repository Maven uses, fetched into it first if need be
        (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64" \
            -DoutputDirectory="$WORK") >&2
        python3 -m zipfile -e "$WORK/async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar" "$WORK"
        AP_LIB="$WORK/linux-x64/libasyncProfiler.so" ;;
    *) echo "PROFILER is jfr or async" >&2; exit 2 ;;
esac
export JAVA_OPTS
PORT=$(free_port)
start_app "$PORT"
psql_value "INSERT INTO author (name) SELECT 'Author ' || g FROM generate_series(1, 100) g" >/dev/null
psql_value "INSERT INTO book (title, description, author_id) SELECT 'Book ' || g, 'd', CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 100 END FROM generate_series(1, 10000) g" >/dev/null
psql_value "VACUUM ANALYZE" >/dev/null
export LUA_PATH="$BENCH_DIR/wrk/?.lua;;" BENCH_AUTHORS=100 BENCH_BOOKS=10000

wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$BENCH_DIR/wrk/$SCRIPT.lua" "http://127.0.0.1:$PORT" >/dev/null
if [[ $PROFILER == jfr ]]; then
    "$JCMD" "$APP_PID" JFR.start name=bench settings=profile filename="$WORK/profile.jfr" >/dev/null
else
    # the quotes keep jcmd from reading the agent's options as name=value pairs of its own
    "$JCMD" "$APP_PID" JVMTI.agent_load "$AP_LIB" "'start,event=cpu,interval=1ms'" >/dev/null
fi
wrk -t2 -c"$CONNECTIONS" -d"$RECORD" -s "$BENCH_DIR/wrk/$SCRIPT.lua" "http://127.0.0.1:$PORT" | grep '^BENCH' || true
if [[ $PROFILER == jfr ]]; then
    "$JCMD" "$APP_PID" JFR.stop name=bench >/dev/null
    [[ -n ${KEEP:-} ]] && cp "$WORK/profile.jfr" "$KEEP/"
    "$JFR" print --events jdk.ExecutionSample --stack-depth 200 "$WORK/profile.jfr" >"$WORK/samples.txt"
else
    "$JCMD" "$APP_PID" JVMTI.agent_load "$AP_LIB" "'stop,file=$WORK/samples.txt,collapsed'" >/dev/null
    [[ -n ${KEEP:-} ]] && cp "$WORK/samples.txt" "$KEEP/profile.collapsed"
fi
FRAMES=${FRAMES:-} python3 - "$WORK/samples.txt" "$PROFILER" <<'PY'
import collections, os, re, sys

# Layers, first match wins, tried from the top of the stack down: a sample counts once per layer.
LAYERS = [
    ("ours", r"^com\.hellobooks\."),
    ("Jackson", r"^(tools\.jackson|com\.fasterxml\.jackson)\."),
    ("Spring Security", r"^org\.springframework\.security\."),
    ("Micrometer / observation", r"^io\.micrometer\.|\.observation\."),
    ("Spring MVC", r"^org\.springframework\.web\."),
    ("Spring transactions / AOP", r"^org\.springframework\.(transaction|aop)\."),
    ("Spring JDBC", r"^org\.springframework\.jdbc\."),
    ("Hibernate / JPA", r"^org\.hibernate\."),
    ("pgjdbc", r"^org\.postgresql\."),
    ("Hikari", r"^com\.zaxxer\.hikari\."),
    ("Tomcat", r"^org\.apache\.(catalina|coyote|tomcat)\."),
    ("logging (logback, slf4j)", r"^(ch\.qos\.logback|org\.slf4j)\."),
]
def stacks():
    """Each sample's frames, the running one first, with the number of samples it stands for."""
    if sys.argv[2] == "async":
        for line in open(sys.argv[1]):
            frames, _, count = line.rstrip("\n").rpartition(" ")
            # collapsed stacks: the thread's root first, Java frames with / in their class names
            yield [re.sub(r"_\[[a-z0-9]\]$", "", f).replace("/", ".") for f in reversed(frames.split(";"))], int(count)
        return
    stack = None
    for line in open(sys.argv[1]):
        line = line.strip()
        if line.startswith("stackTrace = ["):
            stack = []
        elif stack is not None and line.startswith("]"):
            if stack:
                yield stack, 1
            stack = None
        elif stack is not None and line and not line.startswith("..."):
            stack.append(re.sub(r"\(.*$", "", re.sub(r"\s+line:.*$", "", line)))

FRAMES = [f for f in os.environ.get("FRAMES", "").split("|") if f]
events, self_counts, layer_counts, own_counts, frame_counts = 0, collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
for stack, weight in stacks():
    events += weight
    self_counts[stack[0]] += weight
    seen = set()
    for frame in stack:
        for name, pattern in LAYERS:
            if name not in seen and re.search(pattern, frame):
                seen.add(name)
    for name in seen:
        layer_counts[name] += weight
    # the sample's own layer: the innermost frame that belongs to one (JDK frames count for their caller)
    own_counts[next((name for frame in stack for name, pattern in LAYERS if re.search(pattern, frame)), "other (JDK, JVM)")] += weight
    for pattern in FRAMES:
        if any(re.search(pattern, frame) for frame in stack):
            frame_counts[pattern] += weight
print(f"\n{events} samples\n\n| layer | running in it (self) | on the stack (inclusive) |\n|---|---:|---:|")
for name in [name for name, _ in LAYERS] + ["other (JDK, JVM)"]:
    print(f"| {name} | {100 * own_counts[name] / max(events, 1):.1f}% | {100 * layer_counts[name] / max(events, 1):.1f}% |")
print("\n| running frame (self) | share |\n|---|---:|")
for frame, n in self_counts.most_common(25):
    print(f"| `{frame}` | {100 * n / events:.1f}% |")
if FRAMES:
    print("\n| frame (inclusive) | share |\n|---|---:|")
    for pattern in FRAMES:
        print(f"| `{pattern}` | {100 * frame_counts[pattern] / max(events, 1):.1f}% |")
PY
