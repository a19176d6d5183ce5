package eu.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code csrftoken} cookie over real HTTP (issue 2 section 7): every state-changing request authenticated by
 * the session needs the token, as the {@code X-CSRFToken} header or the {@code csrfmiddlewaretoken} form field;
 * bearer-token requests need none.
 */
class CsrfIntegrationTests extends IntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void sessionAuthenticatedApiPostWithoutTokenIsRefusedWithAProblemDocument() {
        TestClient admin = signedInWithCsrfCookie();
        String slug = newSlug();

        TestClient.Response refused = admin.postJson("/api/v1/portals", portalJson(slug));

        assertProblem(refused, 403);
        assertThat(admin.get("/api/v1/portals/" + slug).status()).as("nothing was created").isEqualTo(404);
    }

    @Test
    void sessionAuthenticatedApiPostWithTheCookieValueInTheHeaderSucceeds() {
        TestClient admin = signedInWithCsrfCookie();
        String slug = newSlug();

        TestClient.Response created = admin.postJson("/api/v1/portals", portalJson(slug),
                "X-CSRFToken", admin.cookie("csrftoken").orElseThrow());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.get("/api/v1/portals/" + slug).status()).isEqualTo(200);
    }

    @Test
    void sessionAuthenticatedApiPostWithAWrongTokenIsRefused() {
        TestClient admin = signedInWithCsrfCookie();
        String slug = newSlug();
        String wrong = new StringBuilder(admin.cookie("csrftoken").orElseThrow()).reverse() + "x";

        TestClient.Response refused = admin.postJson("/api/v1/portals", portalJson(slug), "X-CSRFToken", wrong);

        assertProblem(refused, 403);
        assertThat(admin.get("/api/v1/portals/" + slug).status()).isEqualTo(404);
    }

    @Test
    void sessionAuthenticatedApiPutWithoutTokenIsRefused() {
        TestClient admin = signedInWithCsrfCookie();
        String slug = newSlug();
        assertThat(admin.postJson("/api/v1/portals", portalJson(slug), admin.csrfHeader()).status()).isEqualTo(201);

        TestClient.Response refused = admin.putJson("/api/v1/portals/" + slug, portalJson(slug).replace(
                "\"Test org\"", "\"Changed org\""));

        assertProblem(refused, 403);
        assertThat(admin.get("/api/v1/portals/" + slug).body()).contains("Test org").doesNotContain("Changed org");
    }

    @Test
    void tokenCookieFromBeforeSignInIsNoLongerValidAfterIt() {
        TestClient client = client();
        client.get("/login");
        String before = client.cookie("csrftoken").orElseThrow();
        client.postForm("/login", Map.of("username", ADMIN_EMAIL, "password", PASSWORD));
        assertThat(client.cookie("sessionid")).isPresent();

        TestClient.Response refused = client.postJson("/api/v1/portals", portalJson(newSlug()), "X-CSRFToken", before);

        assertProblem(refused, 403);
    }

    @Test
    void formPostCarryingTheTokenOnlyInTheHeaderIsAccepted() {
        TestClient visitor = client();
        visitor.get("/login");
        String token = visitor.cookie("csrftoken").orElseThrow();

        TestClient.Response response = visitor.postFormRaw("/i18n/setlang", Map.of("language", "nl", "next", "/login"),
                "X-CSRFToken", token);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.setCookie("django_language")).isPresent().get().asString().startsWith("django_language=nl;");
    }

    @Test
    void signedInFormPostCarryingTheTokenOnlyInTheHeaderIsAccepted() {
        TestClient admin = signedInWithCsrfCookie();
        // Mismatched new passwords: the form is processed (and says so) without changing the shared password.
        TestClient.Response response = admin.postFormRaw("/admin/account/password", Map.of(
                "currentPassword", PASSWORD, "newPassword", "another-long-password-1",
                "confirmPassword", "another-long-password-2"), admin.csrfHeader());

        assertThat(response.status()).isEqualTo(200);
        assertThat(Jsoup.parse(response.body()).select("main p.alert[role=status]")).hasSize(1);
    }

    @Test
    void formPostWithNeitherFieldNorHeaderIsRefused() {
        TestClient visitor = client();
        visitor.get("/login");
        assertThat(visitor.cookie("csrftoken")).isPresent();

        TestClient.Response response = visitor.postFormRaw("/i18n/setlang", Map.of("language", "nl", "next", "/login"));

        assertProblem(response, 403);
        assertThat(response.setCookieNames()).doesNotContain("django_language");
    }

    @Test
    void formPostWithNeitherFieldNorHeaderShowsAPageToABrowser() {
        TestClient admin = signedInWithCsrfCookie();

        TestClient.Response response = admin.postFormRaw("/admin/account/tokens", Map.of("name", "no-token"),
                "Accept", "text/html,application/xhtml+xml", "Accept-Language", "en");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type").orElse("")).startsWith("text/html");
        assertThat(Jsoup.parse(response.body()).select("main").text())
                .contains("Your form expired or did not come from this site");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("no-token");
    }

    @Test
    void signedInFormPostWithAWrongFieldIsRefused() {
        TestClient admin = signedInWithCsrfCookie();

        TestClient.Response response = admin.postFormRaw("/admin/account/tokens",
                Map.of("name", "wrong-token", "csrfmiddlewaretoken", "not-the-token"));

        assertProblem(response, 403);
        assertThat(admin.get("/admin/account").body()).doesNotContain("wrong-token");
    }

    @Test
    void bearerTokenRequestNeedsNoCsrfToken() {
        String token = createPersonalToken();
        TestClient automation = client();
        String slug = newSlug();

        TestClient.Response created = automation.postJson("/api/v1/portals", portalJson(slug),
                "Authorization", "Bearer " + token);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.setCookieNames()).as("a bearer request is stateless").doesNotContain("sessionid");
        assertThat(automation.get("/api/v1/portals/" + slug, "Authorization", "Bearer " + token).status())
                .isEqualTo(200);
    }

    @Test
    void invalidBearerTokenIsUnauthorisedWithAProblemDocument() {
        TestClient automation = client();

        TestClient.Response read = automation.get("/api/v1/portals", "Authorization", "Bearer not-a-real-token");
        TestClient.Response write = automation.postJson("/api/v1/portals", portalJson(newSlug()),
                "Authorization", "Bearer not-a-real-token");

        assertProblem(read, 401);
        assertProblem(write, 401);
        assertThat(read.header("WWW-Authenticate").orElse("")).startsWith("Bearer");
    }

    @Test
    void revokedBearerTokenIsUnauthorised() {
        TestClient admin = signedInWithCsrfCookie();
        String name = "revoked-" + UUID.randomUUID();
        TestClient.Response page = admin.postForm("/admin/account/tokens", Map.of("name", name));
        String token = tokenShownOnce(page);
        Element row = Jsoup.parse(page.body()).select("tbody tr").stream()
                .filter(r -> r.select("td").first().text().equals(name)).findFirst().orElseThrow();
        String revoke = row.selectFirst("form").attr("action");

        assertThat(admin.postForm(revoke, Map.of()).status()).isEqualTo(200);

        assertProblem(client().get("/api/v1/portals", "Authorization", "Bearer " + token), 401);
    }

    private TestClient signedInWithCsrfCookie() {
        TestClient admin = signInAsAdmin();
        admin.get("/admin/account");
        assertThat(admin.cookie("csrftoken")).as("a page with a form sets the csrftoken cookie").isPresent();
        return admin;
    }

    private String createPersonalToken() {
        TestClient admin = signedInWithCsrfCookie();
        return tokenShownOnce(admin.postForm("/admin/account/tokens", Map.of("name", "ci-" + UUID.randomUUID())));
    }

    private static String tokenShownOnce(TestClient.Response page) {
        assertThat(page.status()).isEqualTo(200);
        Element code = Jsoup.parse(page.body()).selectFirst("code.token");
        assertThat(code).as("the new token is shown once").isNotNull();
        assertThat(code.text()).isNotBlank();
        return code.text();
    }

    private static void assertProblem(TestClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.has("type")).isTrue();
        assertThat(problem.has("title")).isTrue();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at eu.charte");
    }

    private static String newSlug() {
        return "csrf-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String portalJson(String slug) {
        return """
                {"slug": "%s", "name": "CSRF %s", "baseUrl": "https://%s.example.org", "hosts": ["%s.example.org"],
                 "languages": ["fr"], "jurisdiction": "BE",
                 "controller": {"organisation": "Test org", "contact": "dpo@example.org"}}"""
                .formatted(slug, slug, slug, slug);
    }
}
