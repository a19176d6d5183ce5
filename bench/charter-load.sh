#!/usr/bin/env bash
# Charter page load benchmark (issue 3): GET /p/opendata-bruxelles/charte-cookies (HTML, fr) with wrk, 50 keep-alive
# connections, 2 threads, against Charte at -Xmx256m on the embedded default (H2), after a warm-up; then the same
# run against nginx serving a static file with the same bytes on loopback, in the same script, and the ratio.
# Needs Debian's wrk and nginx (installed when missing). Usage: bench/charter-load.sh [seconds per run, default 30]
# (WARMUP: seconds of warm-up load, default 90: on two cores shared with wrk, C2 is still compiling the request path a
# minute into the load; APP_ARGS: more arguments for Charte; JAVA_OPTS: JVM options, e.g. a flight recording)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/cpu-share.sh
DURATION=${1:-30}
PORT=${PORT:-18081}
NGINX_PORT=${NGINX_PORT:-18082}
JAR="$PWD/target/charte.jar"
[ -f "$JAR" ] || mvn -B -q -DskipTests package
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi
work=$(mktemp -d) && chmod 755 "$work"
cleanup() { [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

(cd "$work" && exec java -Xmx256m ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" ${APP_ARGS:-} >"$work/app.log" 2>&1) &
APP=$!
until curl -fs "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q UP; do sleep 0.2; done
URL="http://127.0.0.1:$PORT/p/opendata-bruxelles/charte-cookies"
HEADERS=(-H "Accept: text/html" -H "Accept-Language: fr")

WARMUP=${WARMUP:-90}
echo "warm-up ($WARMUP s)"
wrk -t2 -c50 -d"${WARMUP}s" "${HEADERS[@]}" "$URL" >/dev/null

curl -fs "${HEADERS[@]}" "$URL" >"$work/charte-cookies.html"
mkdir -p "$work/www" && cp "$work/charte-cookies.html" "$work/www/charte-cookies.html" && chmod -R a+rX "$work/www"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:$NGINX_PORT; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf"
wrk -t2 -c50 -d5s "http://127.0.0.1:$NGINX_PORT/charte-cookies.html" >/dev/null

echo "== Charte ($(wc -c <"$work/charte-cookies.html") bytes)"
cpu_mark "$APP"
wrk -t2 -c50 -d"${DURATION}s" --latency "${HEADERS[@]}" "$URL" | tee "$work/charte.txt"
cpu_report "$APP" "$(awk '/requests in/ { print $1 }' "$work/charte.txt")" | tee "$work/charte-cpu.txt"
echo "== nginx, static file of the same bytes (1 worker)"
NGINX_WORKER=$(pgrep -P "$(cat "$work/nginx.pid")" | head -1)
cpu_mark "$NGINX_WORKER"
wrk -t2 -c50 -d"${DURATION}s" --latency "http://127.0.0.1:$NGINX_PORT/charte-cookies.html" | tee "$work/nginx.txt"
cpu_report "$NGINX_WORKER" "$(awk '/requests in/ { print $1 }' "$work/nginx.txt")" | tee "$work/nginx-cpu.txt"

rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }
p99() { awk '$1 == "99%" { print $2 }' "$1"; }
echo "== summary: Charte $(rps "$work/charte.txt") req/s, p99 $(p99 "$work/charte.txt"); nginx $(rps "$work/nginx.txt") req/s, p99 $(p99 "$work/nginx.txt"); Charte/nginx = $(awk -v a="$(rps "$work/charte.txt")" -v b="$(rps "$work/nginx.txt")" 'BEGIN { printf "%.2f", a / b }')"
echo "   Charte run: $(cat "$work/charte-cpu.txt")"
echo "   nginx run:  $(cat "$work/nginx-cpu.txt")"
