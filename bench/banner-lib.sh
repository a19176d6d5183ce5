# Shared by bench/banner-size.sh and bench/banner-time.sh (sourced): builds the jar when missing, installs the
# benchmark's npm packages (puppeteer-core, vanilla-cookieconsent 3.1.0) when missing, starts Charte at -Xmx256m
# on a new H2 file database (demo portals are seeded into it), and stops it on exit. The demo portals declare
# necessary cookies only: declare_categories adds one preferences, two statistics and two third-party marketing
# cookies to $SLUG through the REST API and publishes a revision, so that the banner shows three categories.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAR=${JAR:-"$PWD/target/charte.jar"}
[ -f "$JAR" ] || mvn -B -ntp -q -DskipTests package
PORT=${PORT:-18080}
SLUG=${SLUG:-opendata-bruxelles}
BASE="http://127.0.0.1:$PORT"
BENCH="$PWD/bench/banner-bench"
[ -d "$BENCH/node_modules/puppeteer-core" ] && [ -d "$BENCH/node_modules/vanilla-cookieconsent" ] \
  || (cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error)
ADMIN_PASSWORD="bench-banner-$RANDOM$RANDOM$RANDOM"
work=$(mktemp -d /tmp/bench-banner.XXXXXX)
cleanup() { if [ -n "${APP:-}" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

start_charte() {
  (cd "$work" && exec java -Xmx256m -jar "$JAR" --server.port="$PORT" \
    --charte.admin.email=admin@charte.local --charte.admin.password="$ADMIN_PASSWORD" \
    --spring.datasource.url="jdbc:h2:file:$work/charte;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    >"$work/app.log" 2>&1) &
  APP=$!
  until curl -fs "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$APP" 2>/dev/null || { cat "$work/app.log" >&2; echo "Charte exited" >&2; exit 1; }
    sleep 0.2
  done
}

declare_categories() {
  local jar="$work/cookies.txt" tok sid
  curl -fs -c "$jar" -b "$jar" "$BASE/login" -o /dev/null
  tok=$(awk '$6 == "csrftoken" { print $7 }' "$jar")
  curl -fs -c "$jar" -b "$jar" -o /dev/null -H "Cookie: csrftoken=$tok" --data-urlencode "username=admin@charte.local" \
    --data-urlencode "password=$ADMIN_PASSWORD" --data-urlencode "csrfmiddlewaretoken=$tok" "$BASE/login"
  sid=$(awk '$6 == "sessionid" { print $7 }' "$jar")
  api() { curl -fsS -o /dev/null -H "Cookie: csrftoken=$tok; sessionid=$sid" -H "X-CSRFToken: $tok" \
    -H 'Content-Type: application/json' -X POST "$BASE/api/v1/portals/$SLUG/$1" ${2:+-d "$2"}; }
  t() { printf '"fr":{"service":"%s","purpose":"%s"},"nl":{"service":"%s","purpose":"%s"},"en":{"service":"%s","purpose":"%s"}' "$@"; }
  api cookies '{"provider":"Open Data Bruxelles","name":"odb_display","category":"preferences","lifetimeSeconds":31536000,"exemptAudienceMeasurement":false,"texts":{'"$(t "Affichage" "Mémoriser la présentation choisie des listes de jeux de données" "Weergave" "De gekozen weergave van de lijsten met datasets onthouden" "Display" "Remember the chosen layout of dataset lists")"'}}'
  api cookies '{"provider":"Matomo","name":"_pk_id.*","category":"statistics","lifetimeSeconds":34128000,"exemptAudienceMeasurement":false,"texts":{'"$(t "Mesure d’audience" "Identifier le visiteur d’une visite à l’autre" "Bezoekersstatistieken" "De bezoeker herkennen van bezoek tot bezoek" "Audience measurement" "Recognise the visitor from one visit to the next")"'}}'
  api cookies '{"provider":"Matomo","name":"_pk_ses.*","category":"statistics","lifetimeSeconds":1800,"exemptAudienceMeasurement":false,"texts":{'"$(t "Mesure d’audience" "Regrouper les pages vues pendant une visite" "Bezoekersstatistieken" "De bekeken pagina’s van één bezoek groeperen" "Audience measurement" "Group the pages viewed during one visit")"'}}'
  api cookies '{"provider":"YouTube (Google)","name":"YSC","category":"marketing","thirdPartyDomain":"youtube.com","exemptAudienceMeasurement":false,"texts":{'"$(t "Vidéos intégrées" "Statistiques de lecture des vidéos intégrées" "Ingesloten video’s" "Statistieken over het afspelen van ingesloten video’s" "Embedded videos" "Playback statistics of embedded videos")"'}}'
  api cookies '{"provider":"YouTube (Google)","name":"VISITOR_INFO1_LIVE","category":"marketing","thirdPartyDomain":"youtube.com","lifetimeSeconds":15552000,"exemptAudienceMeasurement":false,"texts":{'"$(t "Vidéos intégrées" "Estimer la bande passante et mémoriser les préférences du lecteur" "Ingesloten video’s" "De bandbreedte schatten en de voorkeuren van de speler onthouden" "Embedded videos" "Estimate bandwidth and remember player preferences")"'}}'
  api revisions
}
