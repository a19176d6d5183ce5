#!/usr/bin/env bash
# Scanner benchmark (issue 5): a 20-page scan of the fixture site (three profiles per page, production defaults:
# 20 s page timeout, 400 ms settle, at most two Chromium processes), RUNS times (default 3), with the peak resident
# memory of the whole process tree (JVM + chromedriver + Chromium and its helpers): RSS every 50 ms, PSS every second.
# Target: at most 60 s per scan on the 2-core machine. Results also in target/bench/scan-fixture.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
mvn -B -ntp -q test -Dtest=ScanBenchmark -Druns="$RUNS" -Dcharte.skipPostgres=true \
    -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false
cat target/bench/scan-fixture.txt
