#!/usr/bin/env bash
# Where the jar's CPU goes on one request, with its default settings: the jar is warmed up
# under load, then Java Flight Recorder samples it for a while under the same load, and the
# samples are summed by the frame that was running (self) and by the layers on the stack
# (inclusive). The profile behind the issue "Fast by default", item 4.
#
#   bench/profile.sh [get-book|post-book|post-book-keyed]   (WARMUP=60s RECORD=30s CONNECTIONS=32)
#
# Prints the tables; keeps the recording when KEEP=dir is set. Sends traffic to 127.0.0.1 only.
source "$(dirname "$0")/../scripts/reliability/lib.sh"
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
SCRIPT=${1:-get-book}
WARMUP=${WARMUP:-60s}
RECORD=${RECORD:-30s}
CONNECTIONS=${CONNECTIONS:-32}
need_wrk

# deep stacks: a request goes ~150 frames down, past JFR's default of 64
JAVA_OPTS="${JAVA_OPTS:-} -XX:FlightRecorderOptions:stackdepth=512" PORT=$(free_port)
export JAVA_OPTS
start_app "$PORT"
psql_value "INSERT INTO author (name) SELECT 'Author ' || g FROM generate_series(1, 100) g" >/dev/null
psql_value "INSERT INTO book (title, description, author_id) SELECT 'Book ' || g, 'd', CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 100 END FROM generate_series(1, 10000) g" >/dev/null
psql_value "VACUUM ANALYZE" >/dev/null
export LUA_PATH="$BENCH_DIR/wrk/?.lua;;" BENCH_AUTHORS=100 BENCH_BOOKS=10000
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
JFR="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"

wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$BENCH_DIR/wrk/$SCRIPT.lua" "http://127.0.0.1:$PORT" >/dev/null
"$JCMD" "$APP_PID" JFR.start name=bench settings=profile filename="$WORK/profile.jfr" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d"$RECORD" -s "$BENCH_DIR/wrk/$SCRIPT.lua" "http://127.0.0.1:$PORT" | grep '^BENCH' || true
"$JCMD" "$APP_PID" JFR.stop name=bench >/dev/null
[[ -n ${KEEP:-} ]] && cp "$WORK/profile.jfr" "$KEEP/"
"$JFR" print --events jdk.ExecutionSample --stack-depth 200 "$WORK/profile.jfr" >"$WORK/samples.txt"
python3 - "$WORK/samples.txt" <<'PY'
import collections, re, sys

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
events, self_counts, layer_counts, own_counts = 0, collections.Counter(), collections.Counter(), collections.Counter()
stack = None
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("stackTrace = ["):
        stack = []
    elif stack is not None and line.startswith("]"):
        if stack:
            events += 1
            self_counts[stack[0]] += 1
            seen = set()
            for frame in stack:
                for name, pattern in LAYERS:
                    if name not in seen and re.search(pattern, frame):
                        seen.add(name)
            layer_counts.update(seen)
            # the sample's own layer: the innermost frame that belongs to one (JDK frames count for their caller)
            own_counts[next((name for frame in stack for name, pattern in LAYERS if re.search(pattern, frame)), "other (JDK, JVM)")] += 1
        stack = None
    elif stack is not None and line and not line.startswith("..."):
        stack.append(re.sub(r"\(.*$", "", re.sub(r"\s+line:.*$", "", line)))
print(f"\n{events} samples\n\n| layer | running in it (self) | on the stack (inclusive) |\n|---|---:|---:|")
for name in [name for name, _ in LAYERS] + ["other (JDK, JVM)"]:
    print(f"| {name} | {100 * own_counts[name] / max(events, 1):.1f}% | {100 * layer_counts[name] / max(events, 1):.1f}% |")
print("\n| running frame (self) | share |\n|---|---:|")
for frame, n in self_counts.most_common(25):
    print(f"| `{frame}` | {100 * n / events:.1f}% |")
PY
