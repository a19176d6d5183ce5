#!/usr/bin/env bash
# Consent ingestion benchmark (issue 4): POST /api/v1/portals/{slug}/consents with wrk, 64 keep-alive connections
# (2 threads), unique consent ids, against Charte at -Xmx256m on PostgreSQL (a scratch cluster of the Debian
# PostgreSQL server on loopback, or the one named by PG_URL/PG_USER/PG_PASSWORD). Target: >= 5,000 acknowledged
# consents/s sustained for 60 s, p99 < 100 ms.
# Then the kill -9 run: the same load for KILL_AFTER seconds, the server killed with SIGKILL in the middle of it,
# restarted on the same database; every id that got 201/200 must be in the ledger and verify-ledger must pass.
# The warm-up (90 s by default) is long because on two saturated cores the JIT compiler still compiles the request
# path a minute after start (flight recordings: seconds of C2 time per 15 s at 40 s, little at 140 s).
# Usage: bench/consent-load.sh [seconds, default 60]
#   WARMUP=90 KILL_AFTER=10 SKIP_KILL=1 JAVA_OPTS=... (JVM options) PG_OPTS=... (server options, e.g.
#   "-c shared_preload_libraries=pg_stat_statements") PG_REPORT=SQL (run and printed after the run) KEEP_LOG=FILE
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/cpu-share.sh
DURATION=${1:-60}
WARMUP=${WARMUP:-90}
KILL_AFTER=${KILL_AFTER:-10}
PORT=${PORT:-18083}
PG_PORT=${PG_PORT:-15433}
SLUG=${SLUG:-ardennemetropole}
JAR=${JAR:-"$PWD/target/charte.jar"}
[ -f "$JAR" ] || mvn -B -q -DskipTests package
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
work=$(mktemp -d) && chmod 755 "$work"
cleanup() {
  [ -n "${APP:-}" ] && kill -9 "$APP" 2>/dev/null
  [ -n "${PGDATA_DIR:-}" ] && runuser -u postgres -- pg_ctl -D "$PGDATA_DIR" -m immediate stop >/dev/null 2>&1
  [ -n "${KEEP_LOG:-}" ] && cp "$work/app.log" "$KEEP_LOG"; rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${PG_URL:-}" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDATA_DIR="$work/pg" && mkdir -p "$PGDATA_DIR" && chown postgres "$PGDATA_DIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA_DIR" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/log" \
    -o "-p $PG_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c max_connections=50 ${PG_OPTS:-}" -w start >/dev/null
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE charte" >/dev/null
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/charte"
  PG_USER=postgres PG_PASSWORD=
fi
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U "${PG_USER:-postgres}" -d charte -qtA)

start() {
  (cd "$work" && exec java -Xmx256m ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --spring.datasource.url="$PG_URL" \
    --spring.datasource.username="${PG_USER:-postgres}" --spring.datasource.password="${PG_PASSWORD:-}" \
    --charte.consent.rate-per-minute=0 >>"$work/app.log" 2>&1) &
  APP=$!
  until curl -fs "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q UP; do
    kill -0 "$APP" 2>/dev/null || { echo "Charte exited; see $work/app.log" >&2; tail -20 "$work/app.log"; exit 1; }
    sleep 0.2
  done
}

start
# The banner archives its texts when it builds banner.json; here the text set is archived directly.
TEXTS='{"title":"Gestion des cookies","acceptAll":"Tout accepter","rejectAll":"Tout refuser"}'
TEXT_HASH=$(printf '%s' "$TEXTS" | sha256sum | cut -d' ' -f1)
"${PSQL[@]}" -c "INSERT INTO consent_text (portal_id, text_hash, revision, language, texts, first_seen)
  SELECT id, '$TEXT_HASH', 1, 'fr', '$TEXTS', now() FROM portal WHERE slug = '$SLUG'"
export TEXT_HASH SLUG
URL="http://127.0.0.1:$PORT"
LUA="$PWD/bench/consent-load.lua"

echo "== warm-up ($WARMUP s)"
RUN_ID=1 wrk -t2 -c64 -d"${WARMUP}s" -s "$LUA" "$URL" >/dev/null
echo "== ingestion: 64 connections, $DURATION s, server -Xmx256m, PostgreSQL"
POSTMASTER=$([ -n "${PGDATA_DIR:-}" ] && head -1 "$PGDATA_DIR/postmaster.pid" || true)
cpu_mark "$APP" "$POSTMASTER"
RUN_ID=2 wrk -t2 -c64 -d"${DURATION}s" --latency -s "$LUA" "$URL" | tee "$work/run.txt"
REQS=$(awk '/requests in/ { print $1 }' "$work/run.txt")
cpu_report "$APP" "$REQS" "$POSTMASTER"
BAD=$(awk '/Non-2xx/ { print $5 }' "$work/run.txt"); BAD=${BAD:-0}
ERRS=$(awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$work/run.txt"); ERRS=${ERRS:-0}
awk -v r="$REQS" -v b="$BAD" -v d="$DURATION" -v e="$ERRS" \
  'BEGIN { printf "acknowledged: %d (%.0f/s), refused: %d, socket errors: %d\n", r - b, (r - b) / d, b, e }'
awk '/ 99%/ { print "p99: " $2 }' "$work/run.txt"
echo "ledger rows: $("${PSQL[@]}" -c "SELECT count(*) FROM consent_record")"
[ -n "${PG_REPORT:-}" ] && "${PSQL[@]}" -c "$PG_REPORT"

[ -n "${SKIP_KILL:-}" ] && exit 0
echo "== kill -9 under load (after $KILL_AFTER s)"
mkdir -p "$work/acks"
RUN_ID=3 ACK_DIR="$work/acks" wrk -t2 -c64 -d"$((KILL_AFTER + 5))s" -s "$LUA" "$URL" >/dev/null 2>&1 &
WRK=$!
sleep "$KILL_AFTER"
kill -9 "$APP"; wait "$APP" 2>/dev/null || true; APP=
wait "$WRK" || true
start
cat "$work"/acks/acked-*.txt | sort -u >"$work/acked.txt"
"${PSQL[@]}" -c "SELECT consent_id FROM consent_record WHERE consent_id::text LIKE '00000003-%'" | sort -u >"$work/stored.txt"
LOST=$(comm -23 "$work/acked.txt" "$work/stored.txt" | wc -l)
echo "acknowledged before the kill: $(wc -l <"$work/acked.txt"), in the ledger after restart: $(wc -l <"$work/stored.txt"), lost: $LOST"
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=
java -Xmx256m -jar "$JAR" verify-ledger --portal "$SLUG" --spring.datasource.url="$PG_URL" \
  --spring.datasource.username="${PG_USER:-postgres}" --spring.datasource.password="${PG_PASSWORD:-}"
[ "$LOST" -eq 0 ]
