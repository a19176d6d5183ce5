package eu.charte.banner;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The banner's server side over real HTTP (issue 4, sections 1, 5 and 6): the script, stylesheet and configuration
 * a portal embeds, the GPC resource, the per-portal settings, and the FR-only exempt audience measurement flag.
 */
class BannerIntegrationTests extends IntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long DAY = 86_400;

    private TestClient admin;
    private BannerPortals portals;

    @BeforeEach
    void signInAdmin() {
        admin = signInAsAdmin();
        assertThat(admin.get("/admin").status()).isEqualTo(200);
        portals = new BannerPortals(admin);
    }

    @Test
    void bannerJsonCarriesRevisionTextHashCategoriesWithCookiesAndTexts() throws Exception {
        String slug = portals.create("https://site.example.org", "[\"nl\", \"fr\"]", "BE");
        portals.declare(slug, "_pk_id.*", "statistics", null, 395 * DAY, false, "nl", "fr");
        portals.declare(slug, "YSC", "marketing", "youtube.com", 0 + DAY, false, "nl");
        portals.publish(slug);

        TestClient.Response response = client().get("/p/" + slug + "/banner.json?lang=fr");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.setCookies()).as("no cookie from the banner's server (rule 17, 33)").isEmpty();
        JsonNode config = JSON.readTree(response.body());
        assertThat(config.get("revision").asInt()).isEqualTo(2);
        assertThat(config.get("language").asString()).isEqualTo("fr");
        assertThat(categoryIds(config)).containsExactly("necessary", "statistics", "marketing");
        JsonNode statistics = config.get("categories").get(1);
        assertThat(statistics.get("exempt").asBoolean()).as("BE: statistics need consent (rule 24)").isFalse();
        assertThat(statistics.at("/cookies/0/name").asString()).isEqualTo("_pk_id.*");
        assertThat(statistics.at("/cookies/0/provider").asString()).isEqualTo("Provider _pk_id.*");
        assertThat(statistics.at("/cookies/0/purpose").asString()).isEqualTo("Purpose of _pk_id.* (fr)");
        assertThat(statistics.at("/cookies/0/lifetime").asString()).isEqualTo("13 mois");
        assertThat(config.at("/categories/2/cookies/0/purpose").asString())
                .as("a text missing in French falls back to the portal's default language").endsWith("(nl)");
        assertThat(config.at("/categories/2/cookies/0/thirdParty").asBoolean()).isTrue();
        assertThat(config.at("/texts/rejectAll").asString()).isEqualTo("Tout refuser");
        assertThat(config.at("/texts/acceptAll").asString()).isEqualTo("Tout accepter");
        assertThat(config.at("/texts/customize").asString()).isEqualTo("Personnaliser");
        assertThat(config.at("/texts/controller").asString()).startsWith("Ville de Test");
        assertThat(config.at("/cookie/name").asString()).isEqualTo("cookies_preferences");
        assertThat(config.at("/cookie/maxAge").asLong()).as("default: the platform's 180 days").isEqualTo(180 * DAY);

        Map<String, String> texts = new TreeMap<>();
        config.get("texts").properties().forEach(e -> texts.put(e.getKey(), e.getValue().asString()));
        assertThat(config.get("textHash").asString()).as("SHA-256 of the canonical texts JSON")
                .isEqualTo(BannerService.sha256(JSON.writeValueAsString(texts)));

        JsonNode dutch = JSON.readTree(client().get("/p/" + slug + "/banner.json?lang=nl").body());
        assertThat(dutch.at("/texts/rejectAll").asString()).isEqualTo("Alles weigeren");
        assertThat(dutch.get("textHash").asString()).isNotEqualTo(config.get("textHash").asString());
        assertThat(client().get("/p/" + slug + "/banner.json?lang=de").status())
                .as("a language the portal does not offer").isEqualTo(400);
    }

    @Test
    void bannerJsIsOneScriptWithTheConfigurationLoadableFromOtherOriginsAndCachedByEtag() {
        String slug = portals.create("https://site.example.org", "[\"fr\", \"en\"]", "FR");
        TestClient.Response script = client().get("/p/" + slug + "/banner.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(script.header("Cross-Origin-Resource-Policy")).contains("cross-origin");
        assertThat(script.setCookies()).as("no cookie from the banner's server (rule 17, 33)").isEmpty();
        assertThat(script.body()).doesNotContain("/*CONFIG*/", "/*STYLE*/").contains("\"fr\":{", "\"en\":{",
                "Tout refuser", "Reject all", ".charte-layer{");
        assertThat(script.header("Vary")).contains("Sec-GPC");
        String etag = script.header("ETag").orElseThrow();
        assertThat(client().get("/p/" + slug + "/banner.js", "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(client().get("/p/" + slug + "/banner.js").header("ETag")).as("served from the cache").contains(etag);
        TestClient.Response withGpc = client().get("/p/" + slug + "/banner.js", "Sec-GPC", "1");
        assertThat(withGpc.header("ETag")).isPresent().isNotEqualTo(Optional.of(etag));
        assertThat(client().get("/p/" + slug + "/banner.js", "If-None-Match", etag).status()).isEqualTo(304);

        portals.declare(slug, "YSC", "marketing", "youtube.com", DAY, false, "fr");
        portals.publish(slug);
        TestClient.Response republished = client().get("/p/" + slug + "/banner.js", "If-None-Match", etag);
        assertThat(republished.status()).as("a new revision changes the cached body at once").isEqualTo(200);
        assertThat(republished.body()).contains("YSC");

        TestClient.Response english = client().get("/p/" + slug + "/banner.js?lang=en");
        assertThat(english.body()).contains("Reject all").doesNotContain("Tout refuser");

        TestClient.Response css = client().get("/p/" + slug + "/banner.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type").orElse("")).startsWith("text/css");
        assertThat(css.header("Cross-Origin-Resource-Policy")).contains("cross-origin");
        assertThat(client().get("/p/no-such-portal/banner.js").status()).isEqualTo(404);
    }

    /** Rule 25: exactly "1", or a "1" among repeated values, is GPC; anything else is ignored. */
    @Test
    void secGpcHeaderIsPassedToTheScriptOnlyWhenItIsExactlyOne() {
        String slug = portals.create("https://site.example.org", "[\"fr\"]", "FR");
        String path = "/p/" + slug + "/banner.js";
        assertThat(client().get(path, "Sec-GPC", "1").body()).contains("\"gpc\":true");
        assertThat(client().get(path, "Sec-GPC", "0, 1").body()).contains("\"gpc\":true");
        assertThat(client().get(path, "Sec-GPC", "true").body()).doesNotContain("\"gpc\":true");
        assertThat(client().get(path, "Sec-GPC", "10").body()).doesNotContain("\"gpc\":true");
        assertThat(client().get(path).body()).doesNotContain("\"gpc\":true");
    }

    /** Rule 26. */
    @Test
    void gpcResourceIsServed() throws Exception {
        TestClient.Response response = client().get("/.well-known/gpc.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("gpc").asBoolean()).isTrue();
        assertThat(body.get("lastUpdate").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    /** Rule 16: the choice lifetime is per portal, at most 13 months. */
    @Test
    void settingsAreReadAndChangedThroughTheApiWithinThirteenMonths() throws Exception {
        String slug = portals.create("https://site.example.org", "[\"fr\"]", "FR");
        JsonNode defaults = JSON.readTree(admin.get("/api/v1/portals/" + slug + "/banner-settings").body());
        assertThat(defaults.get("choiceLifetimeDays").asInt()).isEqualTo(180);
        assertThat(defaults.get("consentMode").asBoolean()).isFalse();

        TestClient.Response tooLong = portals.putSettings(slug,
                "{\"choiceLifetimeDays\": 396, \"consentMode\": false, \"matomo\": false}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("choiceLifetimeDays");

        TestClient.Response saved = portals.putSettings(slug,
                "{\"choiceLifetimeDays\": 395, \"consentMode\": true, \"matomo\": true}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode config = JSON.readTree(client().get("/p/" + slug + "/banner.json").body());
        assertThat(config.at("/cookie/maxAge").asLong()).isEqualTo(395 * DAY);
        assertThat(config.get("consentMode").asBoolean()).isTrue();
        assertThat(config.get("matomo").asBoolean()).isTrue();

        assertThat(client().putJson("/api/v1/portals/" + slug + "/banner-settings",
                "{\"choiceLifetimeDays\": 30, \"consentMode\": false, \"matomo\": false}").status())
                .as("anonymous").isIn(401, 403);
        String auditor = createUser("AUDITOR", slug);
        TestClient auditorClient = signIn(auditor);
        auditorClient.get("/admin");
        assertThat(auditorClient.get("/api/v1/portals/" + slug + "/banner-settings").status()).isEqualTo(200);
        assertThat(auditorClient.putJson("/api/v1/portals/" + slug + "/banner-settings",
                "{\"choiceLifetimeDays\": 30, \"consentMode\": false, \"matomo\": false}",
                auditorClient.csrfHeader()).status()).as("an auditor reads only").isEqualTo(403);
        String other = portals.create("https://other.example.org", "[\"fr\"]", "FR");
        String otherAdmin = createUser("ADMIN", other);
        TestClient otherClient = signIn(otherAdmin);
        otherClient.get("/admin");
        assertThat(otherClient.get("/api/v1/portals/" + slug + "/banner-settings").status())
                .as("another portal's administrator").isEqualTo(403);
    }

    /** Rules 23 and 24: exempt audience measurement only for FR statistics; BE statistics always need consent. */
    @Test
    void exemptAudienceMeasurementOnlyForFrenchStatistics() throws Exception {
        String fr = portals.create("https://fr.example.org", "[\"fr\"]", "FR");
        portals.declare(fr, "_pk_id.*", "statistics", null, 395 * DAY, true, "fr");
        portals.publish(fr);
        JsonNode config = JSON.readTree(client().get("/p/" + fr + "/banner.json").body());
        assertThat(config.at("/categories/1/id").asString()).isEqualTo("statistics");
        assertThat(config.at("/categories/1/exempt").asBoolean()).isTrue();

        assertThat(client().get("/p/" + fr + "/charte-cookies?lang=fr").body())
                .as("the charter names the exempt tracker and the opt-out (rule 23)")
                .contains("exemptée de consentement (_pk_id.*)", "Gestion des cookies");

        String be = portals.create("https://be.example.org", "[\"fr\"]", "BE");
        TestClient.Response refused = admin.postJson("/api/v1/portals/" + be + "/cookies", """
                {"provider": "Matomo", "name": "_pk_id.*", "category": "statistics", "lifetimeSeconds": 86400,
                 "exemptAudienceMeasurement": true, "texts": {"fr": {"service": "Matomo", "purpose": "Mesure"}}}""",
                admin.csrfHeader());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("exemptAudienceMeasurement");
        TestClient.Response marketing = admin.postJson("/api/v1/portals/" + fr + "/cookies", """
                {"provider": "Ads", "name": "ad", "category": "marketing", "lifetimeSeconds": 86400,
                 "exemptAudienceMeasurement": true, "texts": {"fr": {"service": "Ads", "purpose": "Pub"}}}""",
                admin.csrfHeader());
        assertThat(marketing.status()).as("only statistics can be exempt").isEqualTo(400);
    }

    /**
     * Issue 4 benchmark and style habit 12: banner.js (with one language's configuration, for a portal with cookies in
     * every category) plus its stylesheet, gzip -9, at most 10 KB. The stylesheet travels inside the script; banner.css
     * is only fetched by browsers without constructable stylesheets, so it is not counted twice.
     */
    @Test
    void scriptAndStylesheetForOneLanguageStayWithinTenKilobytesGzipped() throws Exception {
        String slug = portals.create("https://site.example.org", "[\"fr\", \"nl\", \"de\", \"en\"]", "BE");
        portals.declare(slug, "ui_theme", "preferences", null, 30 * DAY, false, "fr");
        portals.declare(slug, "_pk_id.*", "statistics", null, 395 * DAY, false, "fr");
        portals.declare(slug, "_pk_ses.*", "statistics", null, 1800L, false, "fr");
        portals.declare(slug, "YSC", "marketing", "youtube.com", DAY, false, "fr");
        portals.publish(slug);
        String script = client().get("/p/" + slug + "/banner.js?lang=fr").body();
        assertThat(script).contains(".charte-layer{").doesNotContain("/*STYLE*/");
        int size = gzip9(script);
        System.out.printf("banner.js?lang=fr with its stylesheet, gzip -9: %d bytes%n", size);
        assertThat(size).isLessThanOrEqualTo(10 * 1024);
    }

    private static int gzip9(String text) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.size();
    }

    /** The back office form saves the settings and refuses a lifetime over 13 months with a readable message. */
    @Test
    void backOfficeFormShowsTheSnippetAndSavesTheSettings() throws Exception {
        String slug = portals.create("https://site.example.org", "[\"fr\", \"en\"]", "BE");
        String page = "/admin/portals/" + slug + "/banner";
        TestClient.Response form = admin.get(page + "?lang=en");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("/p/" + slug + "/banner.js&quot; async&gt;&lt;/script&gt;", "value=\"180\"");

        TestClient.Response refused = admin.postForm(page, Map.of("choiceLifetimeDays", "400", "consentMode", "true"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"lifetime-error\"", "value=\"400\"");
        assertThat(JSON.readTree(admin.get("/api/v1/portals/" + slug + "/banner-settings").body())
                .get("consentMode").asBoolean()).as("nothing saved").isFalse();

        TestClient.Response saved = admin.postForm(page, Map.of("choiceLifetimeDays", "90", "matomo", "true"));
        assertThat(saved.status()).isEqualTo(302);
        JsonNode settings = JSON.readTree(admin.get("/api/v1/portals/" + slug + "/banner-settings").body());
        assertThat(settings.get("choiceLifetimeDays").asInt()).isEqualTo(90);
        assertThat(settings.get("matomo").asBoolean()).isTrue();
        assertThat(settings.get("consentMode").asBoolean()).isFalse();
    }

    private static List<String> categoryIds(JsonNode config) {
        return config.get("categories").valueStream().map(c -> c.get("id").asString()).toList();
    }
}
