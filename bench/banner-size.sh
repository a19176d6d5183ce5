#!/usr/bin/env bash
# Banner size benchmark (issue 4): Charte's banner.js?lang=fr, which carries its stylesheet (banner.css is only the
# fallback for browsers without constructable stylesheets, listed but not counted), as served by a running Charte
# for the demo portal opendata-bruxelles, gzip -9; against vanilla-cookieconsent 3.1.0 (npm) cookieconsent.umd.js
# plus cookieconsent.css plus bench/banner-bench/vanilla/cookieconsent-config.fr.js (the same French texts,
# categories and cookie tables), each gzip -9. Files are compressed separately (they travel separately); the
# concatenation is printed too. Usage: bench/banner-size.sh   (SLUG, PORT, JAR select variants)
source "$(dirname "$0")/banner-lib.sh"
start_charte
declare_categories
# REGEN_VANILLA_CONFIG=1 rewrites vanilla's French configuration from this server's banner.json?lang=fr first.
[ "${REGEN_VANILLA_CONFIG:-}" = 1 ] && node "$BENCH/make-vanilla-config.mjs" "$BASE/p/$SLUG/banner.json?lang=fr"
curl -fs "$BASE/p/$SLUG/banner.js?lang=fr" -o "$work/banner.js"
curl -fs "$BASE/p/$SLUG/banner.css" -o "$work/banner.css"
curl -fs "$BASE/p/$SLUG/banner.js" -o "$work/banner-all-languages.js"
V="$BENCH/node_modules/vanilla-cookieconsent/dist"
gz() { gzip -9 -c "$@" | wc -c; }
row() { # label files...
  local raw=0 sum=0 f
  for f in "${@:2}"; do raw=$((raw + $(wc -c <"$f"))); sum=$((sum + $(gz "$f"))); done
  printf '%-52s %7d bytes raw, %6d bytes gzip -9 (sum of files), %6d (concatenated)\n' "$1" "$raw" "$sum" "$(cat "${@:2}" | gzip -9 | wc -c)"
  SUM=$sum
}
echo "== files"
for f in "$work/banner.js" "$work/banner.css" "$work/banner-all-languages.js" "$V/cookieconsent.umd.js" "$V/cookieconsent.css" "$BENCH/vanilla/cookieconsent-config.fr.js"; do
  printf '%-40s %7d raw %6d gzip -9\n' "$(basename "$f")" "$(wc -c <"$f")" "$(gz "$f")"
done
echo "== totals"
row "Charte: banner.js?lang=fr (stylesheet inside)" "$work/banner.js"; C=$SUM
row "vanilla-cookieconsent 3.1.0: umd.js + css + fr config" "$V/cookieconsent.umd.js" "$V/cookieconsent.css" "$BENCH/vanilla/cookieconsent-config.fr.js"; VS=$SUM
row "vanilla without configuration (umd.js + css)" "$V/cookieconsent.umd.js" "$V/cookieconsent.css"
row "Charte as embedded (banner.js, all languages)" "$work/banner-all-languages.js"
awk -v c="$C" -v v="$VS" 'BEGIN { printf "== summary: Charte %.1f KB, vanilla %.1f KB (KB = 1000 bytes), Charte/vanilla = %.2f; target <= 10 KB: %s\n", c / 1000, v / 1000, c / v, (c <= 10000 ? "met" : "NOT met") }'
