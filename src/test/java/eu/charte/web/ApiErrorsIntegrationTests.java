package eu.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors over real HTTP (issue 2 section 8): RFC 9457 problem documents for the API, a localised page for people,
 * never a stack trace and never a 500 for bad input.
 */
class ApiErrorsIntegrationTests extends IntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LIMIT = 64 * 1024;

    @Test
    void malformedJsonIsABadRequest() {
        TestClient admin = admin();
        for (String body : List.of("{\"slug\": ", "not json", "{\"slug\": \"a\",}", "[1, 2]", "\"text\"", "")) {
            JsonNode problem = problem(admin.postJson("/api/v1/portals", body, admin.csrfHeader()), 400);
            assertThat(problem.get("detail").asString()).as(body).doesNotContain("tools.jackson").doesNotContain("line:");
        }
    }

    @Test
    void validationErrorsNameEveryBadField() {
        TestClient admin = admin();
        TestClient.Response response = admin.postJson("/api/v1/portals", """
                {"slug": "Bad Slug!", "name": "", "baseUrl": "ftp://x", "hosts": ["not a host"], "languages": [],
                 "controller": {"organisation": "", "contact": "dpo@example.org"}}""", admin.csrfHeader());

        JsonNode problem = problem(response, 400);

        assertThat(fields(problem)).contains("slug", "name", "baseUrl", "languages", "jurisdiction",
                "controller.organisation").anyMatch(f -> f.startsWith("hosts"));
        assertThat(fields(problem)).noneMatch(f -> f.equals("controller.contact"));
        for (JsonNode error : problem.get("errors")) {
            assertThat(error.path("message").asString()).as(error.toString()).isNotBlank();
        }
    }

    @Test
    void unknownLanguageCodeIsABadRequestNamingTheLanguages() {
        TestClient admin = admin();
        JsonNode problem = problem(admin.postJson("/api/v1/portals", portalJson(newSlug(), "[\"fr\", \"xx\"]", "BE"),
                admin.csrfHeader()), 400);
        assertThat(fields(problem)).anyMatch(f -> f.startsWith("languages"));
    }

    @Test
    void wronglyTypedValuesAreBadRequestsNamingTheField() {
        TestClient admin = admin();
        assertThat(fields(problem(admin.postJson("/api/v1/portals", portalJson(newSlug(), "[\"fr\"]", "XX"),
                admin.csrfHeader()), 400))).contains("jurisdiction");
        assertThat(fields(problem(admin.postJson("/api/v1/portals", portalJson(newSlug(), "{\"a\": 1}", "BE"),
                admin.csrfHeader()), 400))).anyMatch(f -> f.startsWith("languages"));
        assertThat(fields(problem(admin.postJson("/api/v1/portals", portalJson(newSlug(), "[null]", "BE"),
                admin.csrfHeader()), 400))).anyMatch(f -> f.startsWith("languages"));
    }

    @Test
    void validPortalIsCreated() {
        TestClient admin = admin();
        TestClient.Response created = admin.postJson("/api/v1/portals", portalJson(newSlug(), "[\"nl\", \"fr\"]", "EU"),
                admin.csrfHeader());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("defaultLanguage").asString()).isEqualTo("nl");
    }

    @Test
    void takenSlugIsAConflictNamingTheSlug() {
        TestClient admin = admin();
        JsonNode problem = problem(admin.postJson("/api/v1/portals", portalJson("data-bep", "[\"fr\"]", "BE"),
                admin.csrfHeader()), 409);
        assertThat(fields(problem)).contains("slug");
    }

    @Test
    void unknownPortalIsNotFound() {
        TestClient admin = admin();
        problem(admin.get("/api/v1/portals/no-such-portal"), 404);
        problem(admin.putJson("/api/v1/portals/no-such-portal", portalJson("no-such-portal", "[\"fr\"]", "BE"),
                admin.csrfHeader()), 404);
    }

    @Test
    void bodyOverTheLimitWithContentLengthIsTooLarge() {
        TestClient admin = admin();
        byte[] body = oversizedPortalJson();

        TestClient.Response response = admin.send(admin.builder("/api/v1/portals", admin.csrfHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        problem(response, 413);
    }

    @Test
    void chunkedBodyOverTheLimitIsTooLarge() {
        TestClient admin = admin();
        byte[] body = oversizedPortalJson();

        TestClient.Response response = admin.send(admin.builder("/api/v1/portals", admin.csrfHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        problem(response, 413);
    }

    @Test
    void bodyJustUnderTheLimitIsRead() {
        TestClient admin = admin();
        String name = "n".repeat(LIMIT - 1024);
        byte[] body = portalJson(newSlug(), "[\"fr\"]", "BE").replace("\"name\": \"Errors\"", "\"name\": \"" + name + "\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isLessThan(LIMIT);

        TestClient.Response response = admin.send(admin.builder("/api/v1/portals", admin.csrfHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(fields(problem(response, 400))).containsExactly("name");
    }

    @Test
    void unknownApiPathIsNotFound() {
        TestClient admin = admin();
        problem(admin.get("/api/v1/no-such-thing"), 404);
        problem(admin.get("/api/v1/no-such-thing", "Accept", "text/html"), 404);
        problem(admin.postJson("/api/v2/portals", "{}", admin.csrfHeader()), 404);
    }

    @Test
    void unsupportedMethodAndMediaTypeAreProblems() {
        TestClient admin = admin();
        problem(admin.delete("/api/v1/portals", admin.csrfHeader()), 405);
        problem(admin.send(admin.builder("/api/v1/portals", admin.csrfHeader()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("slug=x"))), 415);
    }

    @Test
    void notSignedInIsUnauthorised() {
        problem(client().get("/api/v1/portals"), 401);
        problem(client().get("/api/v1/portals", "Accept", "text/html"), 401);
        problem(client().get("/api/v1/portals/data-bep"), 401);
        problem(client().get("/api/v1/me"), 401);
    }

    @Test
    void peopleGetALocalisedErrorPageForAnUnknownPortal() {
        assertErrorPage(client().get("/p/no-such-portal/", "Accept", "text/html"), 404, "fr", "Erreur 404");
        assertErrorPage(client().get("/p/no-such-portal/?lang=nl", "Accept", "text/html"), 404, "nl", "Fout 404");
        assertErrorPage(client().get("/p/no-such-portal/", "Accept", "text/html", "Accept-Language", "de"), 404, "de",
                "Fehler 404");
        assertErrorPage(client().get("/p/no-such-portal/?lang=en", "Accept", "text/html", "Accept-Language", "de"), 404,
                "en", "Error 404");
    }

    @Test
    void peopleGetALocalisedErrorPageForAnUnknownPath() {
        assertErrorPage(client().get("/no-such-page", "Accept", "text/html"), 404, "fr", "Erreur 404");
        assertErrorPage(client().get("/no-such-page?lang=nl", "Accept", "text/html"), 404, "nl", "Fout 404");
        assertErrorPage(client().get("/no-such-page", "Accept", "text/html", "Accept-Language", "en"), 404, "en",
                "Error 404");
    }

    @Test
    void backOfficeBadInputGetsAnErrorPageNotAServerError() {
        TestClient admin = admin();
        assertErrorPage(admin.postForm("/admin/account/tokens/not-a-number/revoke", java.util.Map.of(),
                "Accept", "text/html", "Accept-Language", "en"), 400, "en", "Error 400");
        assertErrorPage(admin.get("/admin/portals/no-such-portal", "Accept", "text/html", "Accept-Language", "nl"),
                404, "nl", "Fout 404");
    }

    private TestClient admin() {
        TestClient admin = signInAsAdmin();
        admin.get("/admin");
        return admin;
    }

    /** Checks a problem document (RFC 9457) with that status and returns it. */
    private static JsonNode problem(TestClient.Response response, int status) {
        assertNoLeak(response);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type").orElse("")).as(response.body())
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).as(response.body()).isNotBlank();
        assertThat(problem.path("title").asString()).as(response.body()).isNotBlank();
        assertThat(problem.path("status").asInt()).as(response.body()).isEqualTo(status);
        return problem;
    }

    private static List<String> fields(JsonNode problem) {
        assertThat(problem.path("errors").isArray()).as(problem.toString()).isTrue();
        List<String> fields = new ArrayList<>();
        for (JsonNode error : problem.get("errors")) {
            fields.add(error.path("field").asString());
        }
        return fields;
    }

    private static void assertErrorPage(TestClient.Response response, int status, String language, String title) {
        assertNoLeak(response);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type").orElse("")).startsWith("text/html");
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo(language);
        assertThat(page.selectFirst("h1").text()).isEqualTo(title);
        assertThat(page.select("main p").first().text()).isNotBlank();
        assertThat(response.body()).doesNotContain("Whitelabel").doesNotContain("PortalNotFound")
                .doesNotContain("eu.charte").doesNotContain("java.");
    }

    private static void assertNoLeak(TestClient.Response response) {
        assertThat(response.status()).as(response.body()).isLessThan(500);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at eu.charte")
                .doesNotContain("at org.springframework");
    }

    private static byte[] oversizedPortalJson() {
        String name = "n".repeat(LIMIT + 1024);
        byte[] body = portalJson(newSlug(), "[\"fr\"]", "BE").replace("\"name\": \"Errors\"", "\"name\": \"" + name + "\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(LIMIT);
        return body;
    }

    private static String newSlug() {
        return "err-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String portalJson(String slug, String languages, String jurisdiction) {
        return """
                {"slug": "%s", "name": "Errors", "baseUrl": "https://%s.example.org", "hosts": ["%s.example.org"],
                 "languages": %s, "jurisdiction": "%s",
                 "controller": {"organisation": "Test org", "contact": "dpo@example.org"}}"""
                .formatted(slug, slug, slug, languages, jurisdiction);
    }
}
