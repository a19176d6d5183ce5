#!/usr/bin/env bash
# Banner time benchmark (issue 4): time to a visible first layer in headless Chromium, Charte's one-line embed
# against vanilla-cookieconsent 3.1.0 on the same host page, RUNS cold runs each (default 10, interleaved charte,
# vanilla, charte, ...; a new browser and user-data-dir per run), unthrottled and with slow 4G + 4x CPU (CDP).
# Starts Charte (-Xmx256m, new H2 database, demo portals); the pages and vanilla's files come from node static
# servers of bench/banner-bench/time.mjs, which documents the method and its settings (MODES, VANILLA_ORIGIN,
# GZIP, CHROMIUM). Usage: [RUNS=10] bench/banner-time.sh
source "$(dirname "$0")/banner-lib.sh"
echo "load before start: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc); $(/usr/bin/chromium --version 2>/dev/null | tail -1)"
start_charte
declare_categories
CHARTE="$BASE" SLUG="$SLUG" node "$BENCH/time.mjs"
