#!/usr/bin/env bash
# Start-up benchmark (issue 2): `java -Xmx256m -jar target/charte.jar` until /actuator/health answers UP, on the
# embedded default (H2 file under ./data/ of a scratch directory). Two cases, RUNS each (default 5):
#   empty    - a fresh directory: migrations, demo portals and first administrator are created during start-up
#   existing - a directory whose database an earlier start created (the usual restart)
# MODES="existing" runs one case; JAVA_OPTS adds JVM options (default -Xmx256m).
# Prints each run, the median, and the used heap after start-up (jcmd GC.heap_info after a full GC).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-"$PWD/target/charte.jar"}
[ -f "$JAR" ] || mvn -B -q -DskipTests package
RUNS=${RUNS:-5}
PORT=${PORT:-18080}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m}

start_once() { # dir -> sets T (seconds to UP) and PID
  local dir=$1 t0 t1
  t0=$(date +%s%N)
  (cd "$dir" && exec java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" >"$dir/app.log" 2>&1) &
  PID=$!
  until curl -fs "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$PID" 2>/dev/null || { echo "Charte exited; see $dir/app.log" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  T=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
}

stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

heap_mb() { # used heap after a full GC, in MiB
  jcmd "$PID" GC.run >/dev/null
  jcmd "$PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); printf "%.0f\n", v / 1024; exit } }'
}

echo "java: $(java -version 2>&1 | head -1); cores: $(nproc); options: $JAVA_OPTS"
seed=$(mktemp -d)
start_once "$seed"
stop
for mode in ${MODES:-empty existing}; do
  times=()
  for i in $(seq 1 "$RUNS"); do
    dir=$(mktemp -d)
    [ "$mode" = existing ] && cp -r "$seed/data" "$dir/"
    start_once "$dir"
    times+=("$T")
    if [ "$i" = "$RUNS" ]; then heap=$(heap_mb); fi
    stop
    rm -rf "$dir"
  done
  echo "$mode: runs ${times[*]} s; median $(printf '%s\n' "${times[@]}" | median) s; heap used after start-up ${heap} MiB"
done
rm -rf "$seed"
