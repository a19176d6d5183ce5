package eu.charte.charter;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import eu.charte.platform.PlatformCookie;
import eu.charte.platform.PlatformCookies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "Charte cookies" of demo portals over real HTTP (issue 3, "Tests that must exist"): Open Data Bruxelles in
 * French, Dutch and English, and a fresh portal in German, each as HTML, Markdown, text and JSON, by extension and by
 * {@code Accept}. Each says what the portal's jurisdiction says about statistics, carries an ETag honoured with 304,
 * falls back to the portal's default language, and answers 404 for what does not exist.
 */
class CharterIntegrationTests extends IntegrationTestSupport {

    private static final String BRUXELLES = "opendata-bruxelles";
    private static final Map<String, String> TITLES = Map.of("fr", "Charte cookies", "nl", "Cookiecharter",
            "de", "Cookie-Richtlinie", "en", "Cookie charter");
    /** The start of the revision line of the notice; followed by the date. */
    private static final Map<String, String> REVISION_LINES = Map.of("fr", "Révision %d, publiée le ",
            "nl", "Versie %d, gepubliceerd op ", "de", "Version %d, veröffentlicht am ", "en", "Revision %d, published on ");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private PlatformCookies platformCookies;

    /** One way of asking for the charter: a path, request headers, and the format expected back. */
    private record Variant(String label, String path, String[] headers, String format, String contentType) {
    }

    /** Who the charter must name. */
    private record PortalFacts(String slug, String baseUrl, String organisation, String contact) {
    }

    @Test
    void openDataBruxellesCharterIsServedInFrenchDutchAndEnglishInEveryFormat() {
        PortalFacts bruxelles = new PortalFacts(BRUXELLES, "https://opendata.bruxelles.be", "Ville de Bruxelles",
                "privacy@brucity.be");
        for (String language : List.of("fr", "nl", "en")) {
            checkEveryFormat(bruxelles, language);
        }
    }

    @Test
    void germanCharterOfAFreshPortalIsServedInEveryFormat() {
        String slug = createPortal("[\"de\",\"fr\"]", "EU");
        PortalFacts portal = new PortalFacts(slug, "https://" + slug + ".example.org", "Test org", "dpo@example.org");
        checkEveryFormat(portal, "de");
        checkEveryFormat(portal, "fr");
    }

    @Test
    void frenchPortalExplainsTheCnilExemptionOfAnonymousAudienceMeasurement() {
        String text = text(get("/p/ardennemetropole/charte-cookies.txt?lang=fr"));
        assertThat(text).contains("CNIL", "peut être exemptée de consentement");
        assertThat(get("/p/ardennemetropole/charte-cookies.json").body()).contains("CNIL");
        assertThat(Jsoup.parse(get("/p/ardennemetropole/charte-cookies").body()).text()).contains("CNIL");
    }

    @Test
    void belgianPortalSaysStatisticsCookiesNeedConsentInEveryLanguage() {
        Map<String, String> consent = Map.of(
                "fr", "ils ne sont déposés qu'avec votre consentement, même lorsque les statistiques sont anonymes",
                "nl", "worden ze alleen met uw toestemming geplaatst, ook als de statistieken anoniem zijn",
                "en", "they are set only with your consent, even when the statistics are anonymous");
        consent.forEach((language, sentence) -> {
            for (String extension : List.of("", ".md", ".txt", ".json")) {
                TestClient.Response response = get("/p/" + BRUXELLES + "/charte-cookies" + extension + "?lang=" + language);
                String text = readable(extension.isEmpty() ? "html" : extension.substring(1), response.body());
                assertThat(text).as("%s%s", language, extension).contains(sentence).doesNotContain("CNIL");
            }
        });
        String german = createPortal("[\"de\"]", "BE");
        assertThat(text(get("/p/" + german + "/charte-cookies.txt")))
                .contains("auch wenn die Statistiken anonym sind").doesNotContain("CNIL");
    }

    @Test
    void everyLanguageAndFormatHasItsOwnEtagAndAnswersIfNoneMatchWith304() {
        Map<String, String> seen = new HashMap<>();
        for (String language : List.of("fr", "nl", "en")) {
            for (Variant variant : variants(BRUXELLES, language)) {
                TestClient.Response first = get(variant.path(), variant.headers());
                String etag = first.header("ETag").orElse(null);
                assertThat(etag).as("ETag of %s", variant.label()).isNotBlank().startsWith("\"");
                String previous = seen.putIfAbsent(etag, language + " " + variant.format());
                assertThat(previous == null || previous.equals(language + " " + variant.format()))
                        .as("%s shares its ETag with %s", variant.label(), previous).isTrue();

                String[] conditional = append(variant.headers(), "If-None-Match", etag);
                TestClient.Response again = get(variant.path(), conditional);
                assertThat(again.status()).as("If-None-Match on %s", variant.label()).isEqualTo(304);
                assertThat(again.body()).as("body of the 304 of %s", variant.label()).isEmpty();
                assertThat(again.header("ETag")).contains(etag);

                TestClient.Response other = get(variant.path(), append(variant.headers(), "If-None-Match", "\"other\""));
                assertThat(other.status()).as("a stale ETag on %s", variant.label()).isEqualTo(200);
                assertThat(other.body()).isNotEmpty();
            }
        }
    }

    @Test
    void unknownOrUnofferedLanguageFallsBackToThePortalDefault() {
        for (String lang : List.of("xx", "de", "", "fr-BE")) {
            TestClient.Response response = get("/p/" + BRUXELLES + "/charte-cookies?lang=" + lang);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Language")).as("?lang=%s", lang).contains("fr");
            Document page = Jsoup.parse(response.body());
            assertThat(page.selectFirst("html").attr("lang")).isEqualTo("fr");
            assertThat(page.selectFirst("h1").text()).isEqualTo(TITLES.get("fr"));
        }
        String slug = createPortal("[\"de\",\"fr\"]", "EU");
        for (String lang : List.of("xx", "nl")) {
            TestClient.Response response = get("/p/" + slug + "/charte-cookies.txt?lang=" + lang);
            assertThat(response.header("Content-Language")).as("?lang=%s", lang).contains("de");
            assertThat(response.body()).startsWith(TITLES.get("de"));
        }
    }

    @Test
    void unknownPortalGetsTheNotFoundPage() {
        TestClient.Response response = get("/p/no-such-portal/charte-cookies?lang=en");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type").orElse("")).startsWith("text/html");
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo("Error 404");
        assertThat(page.text()).contains("This page does not exist.").doesNotContain("Exception");
        for (String extension : List.of(".md", ".txt", ".json")) {
            assertThat(get("/p/no-such-portal/charte-cookies" + extension).status()).as(extension).isEqualTo(404);
        }
    }

    @Test
    void unknownRevisionAndUnknownFormatAreNotFound() {
        TestClient.Response response = get("/p/" + BRUXELLES + "/charte-cookies/revisions/999?lang=en");
        assertThat(response.status()).isEqualTo(404);
        assertThat(Jsoup.parse(response.body()).selectFirst("h1").text()).isEqualTo("Error 404");
        for (String extension : List.of(".md", ".txt", ".json")) {
            assertThat(get("/p/" + BRUXELLES + "/charte-cookies/revisions/999" + extension).status()).as(extension)
                    .isEqualTo(404);
        }
        assertThat(get("/p/" + BRUXELLES + "/charte-cookies.pdf").status()).isEqualTo(404);
        assertThat(get("/p/" + BRUXELLES + "/charte-cookies/revisions/1?lang=nl").status()).isEqualTo(200);
    }

    private void checkEveryFormat(PortalFacts portal, String language) {
        int revision = latestRevision(portal.slug());
        String revisionLine = REVISION_LINES.get(language).formatted(revision);
        String title = TITLES.get(language);
        for (Variant variant : variants(portal.slug(), language)) {
            String what = portal.slug() + " " + variant.label();
            TestClient.Response response = get(variant.path(), variant.headers());
            assertThat(response.status()).as(what).isEqualTo(200);
            assertThat(response.header("Content-Type").orElse("")).as(what).startsWith(variant.contentType());
            assertThat(response.header("Content-Language")).as(what).contains(language);
            assertThat(response.header("ETag")).as(what).isPresent();
            String text = readable(variant.format(), response.body());
            assertThat(text).as(what).contains(title, portal.baseUrl(), portal.organisation(), portal.contact(),
                    revisionLine);
            for (PlatformCookie cookie : platformCookies.all()) {
                assertThat(text).as("%s names the platform cookie %s", what, cookie.name()).contains(cookie.name());
            }
            switch (variant.format()) {
                case "html" -> {
                    Document page = Jsoup.parse(response.body());
                    assertThat(page.selectFirst("html").attr("lang")).as(what).isEqualTo(language);
                    assertThat(page.selectFirst("h1").text()).as(what).isEqualTo(title);
                    assertThat(page.title()).as(what).startsWith(title);
                    assertThat(page.select("table[data-category=necessary] td").eachText())
                            .as("%s: the necessary cookies' table", what)
                            .containsAll(platformCookies.all().stream().map(PlatformCookie::name).toList());
                }
                case "json" -> {
                    JsonNode json = JSON.readTree(response.body());
                    assertThat(json.path("language").asString()).as(what).isEqualTo(language);
                    assertThat(json.path("title").asString()).as(what).isEqualTo(title);
                    assertThat(json.path("revision").asInt()).as(what).isEqualTo(revision);
                    assertThat(json.path("baseUrl").asString()).as(what).startsWith(portal.baseUrl());
                    List<String> names = new ArrayList<>();
                    json.path("declarations").forEach(d -> names.add(d.path("name").asString()));
                    assertThat(names).as(what)
                            .containsAll(platformCookies.all().stream().map(PlatformCookie::name).toList());
                }
                case "md" -> assertThat(response.body()).as(what).startsWith("# " + title);
                default -> assertThat(response.body()).as(what).startsWith(title + "\n");
            }
        }
    }

    private static List<Variant> variants(String slug, String language) {
        String base = "/p/" + slug + "/charte-cookies";
        String lang = "?lang=" + language;
        String[] none = new String[0];
        return List.of(
                new Variant("HTML " + language, base + lang, none, "html", "text/html"),
                new Variant("HTML by Accept " + language, base + lang, new String[] {"Accept", "text/html"}, "html",
                        "text/html"),
                new Variant(".md " + language, base + ".md" + lang, none, "md", "text/markdown"),
                new Variant(".txt " + language, base + ".txt" + lang, none, "txt", "text/plain"),
                new Variant(".json " + language, base + ".json" + lang, none, "json", "application/json"),
                new Variant("Markdown by Accept " + language, base + lang, new String[] {"Accept", "text/markdown"},
                        "md", "text/markdown"),
                new Variant("text by Accept " + language, base + lang, new String[] {"Accept", "text/plain"}, "txt",
                        "text/plain"),
                new Variant("JSON by Accept " + language, base + lang, new String[] {"Accept", "application/json"},
                        "json", "application/json"));
    }

    /** The latest published revision, as the registry's API reports it. */
    private int latestRevision(String slug) {
        TestClient admin = signInAsAdmin();
        TestClient.Response revisions = admin.get("/api/v1/portals/" + slug + "/revisions");
        assertThat(revisions.status()).as(revisions.body()).isEqualTo(200);
        return JSON.readTree(revisions.body()).get(0).path("number").asInt();
    }

    /** What a reader of the format sees: the page's text, Markdown without its escapes, every string of the JSON. */
    private static String readable(String format, String body) {
        return switch (format) {
            case "html" -> Jsoup.parse(body).text();
            case "md" -> body.replaceAll("\\\\([\\\\`*_\\[\\]|])", "$1").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&");
            case "json" -> {
                StringBuilder out = new StringBuilder();
                strings(JSON.readTree(body), out);
                yield out.toString();
            }
            default -> body;
        };
    }

    private static void strings(JsonNode node, StringBuilder out) {
        if (node.isString()) {
            out.append(node.asString()).append('\n');
        } else if (node.isNumber()) {
            out.append(node.asString()).append('\n');
        } else {
            node.forEach(child -> strings(child, out));
        }
    }

    private static String text(TestClient.Response response) {
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private TestClient.Response get(String path, String... headers) {
        return client().get(path, headers);
    }

    private static String[] append(String[] headers, String name, String value) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = name;
        all[headers.length + 1] = value;
        return all;
    }
}
