package eu.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Security headers on every kind of response over real HTTP (issue 2 section 9): a Content-Security-Policy without
 * inline script that forbids framing, nosniff, a Referrer-Policy, X-Frame-Options, and HSTS only over HTTPS.
 */
class SecurityHeadersIntegrationTests extends IntegrationTestSupport {

    @Test
    void publicPagesCarryTheSecurityHeaders() {
        TestClient visitor = client();
        assertSecurityHeaders(visitor.get("/p/opendata-bruxelles/"), 200);
        assertSecurityHeaders(visitor.get("/"), 200);
        assertSecurityHeaders(visitor.get("/login"), 200);
        assertSecurityHeaders(visitor.get("/css/charte.css"), 200);
    }

    @Test
    void backOfficePagesCarryTheSecurityHeaders() {
        TestClient admin = signInAsAdmin();
        assertSecurityHeaders(admin.get("/admin"), 200);
        assertSecurityHeaders(admin.get("/admin/account"), 200);
        assertSecurityHeaders(admin.get("/admin/users"), 200);
        assertSecurityHeaders(client().get("/admin"), 302);
    }

    @Test
    void apiResponsesCarryTheSecurityHeaders() {
        TestClient admin = signInAsAdmin();
        admin.get("/admin");
        assertSecurityHeaders(admin.get("/api/v1/portals"), 200);
        assertSecurityHeaders(client().get("/api/v1/platform/cookies"), 200);
        assertSecurityHeaders(admin.postJson("/api/v1/portals", "{\"slug\": ", admin.csrfHeader()), 400);
        assertSecurityHeaders(admin.get("/api/v1/portals/no-such-portal"), 404);
        assertSecurityHeaders(admin.get("/api/v1/no-such-thing"), 404);
        assertSecurityHeaders(client().get("/api/v1/portals"), 401);
        assertSecurityHeaders(client().get("/api/v1/portals", "Authorization", "Bearer not-a-real-token"), 401);
        assertSecurityHeaders(admin.postJson("/api/v1/portals", "{}"), 403);
    }

    /**
     * The public consent endpoint is answered ahead of the security chain (for speed, issue 4): every kind of its
     * answers carries exactly the security headers the security chain writes on another API answer, over HTTP and
     * over HTTPS through a proxy (HSTS).
     */
    @Test
    void consentEndpointAnswersCarryTheSameSecurityHeadersAsTheSecurityChain() {
        TestClient visitor = client();
        String consents = "/api/v1/portals/opendata-bruxelles/consents";
        byte[] large = ("{\"padding\": \"" + "x".repeat(9000) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (String proto : List.of("http", "https")) {
            Map<String, List<String>> chain = securityHeaders(visitor.get("/api/v1/platform/cookies",
                    "X-Forwarded-Proto", proto));
            List<TestClient.Response> answers = List.of(
                    visitor.postJson(consents, "", "X-Forwarded-Proto", proto),
                    visitor.postJson(consents, "{}", "Origin", "https://evil.example", "X-Forwarded-Proto", proto),
                    visitor.postJson("/api/v1/portals/no-such-portal/consents", "{}", "X-Forwarded-Proto", proto),
                    visitor.send(visitor.builder(consents, "Origin", "https://opendata.bruxelles.be",
                            "Access-Control-Request-Method", "POST", "X-Forwarded-Proto", proto)
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())),
                    visitor.send(visitor.builder(consents, "X-Forwarded-Proto", proto)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))));
            assertThat(answers.stream().map(TestClient.Response::status)).containsExactly(400, 403, 404, 204, 413);
            for (TestClient.Response answer : answers) {
                assertThat(securityHeaders(answer)).as(proto + " " + answer.status()).isEqualTo(chain);
            }
            assertThat(chain.containsKey("strict-transport-security")).as(proto).isEqualTo("https".equals(proto));
        }
        assertSecurityHeaders(visitor.postJson(consents, ""), 400);
    }

    private static Map<String, List<String>> securityHeaders(TestClient.Response response) {
        List<String> names = List.of("content-security-policy", "x-content-type-options", "referrer-policy",
                "x-frame-options", "x-xss-protection", "cache-control", "pragma", "expires",
                "strict-transport-security");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.raw().headers().map().forEach((name, values) -> {
            if (names.contains(name.toLowerCase())) {
                headers.put(name.toLowerCase(), values);
            }
        });
        return headers;
    }

    @Test
    void oversizedBodyAnswersCarryTheSecurityHeaders() {
        TestClient admin = signInAsAdmin();
        admin.get("/admin");
        byte[] body = ("{\"name\": \"" + "n".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertSecurityHeaders(admin.send(admin.builder("/api/v1/portals", admin.csrfHeader())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))), 413);
        assertSecurityHeaders(admin.send(admin.builder("/api/v1/portals", admin.csrfHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))), 413);
    }

    @Test
    void errorPagesCarryTheSecurityHeaders() {
        TestClient visitor = client();
        assertSecurityHeaders(visitor.get("/p/no-such-portal/", "Accept", "text/html"), 404);
        assertSecurityHeaders(visitor.get("/no-such-page", "Accept", "text/html"), 404);
        visitor.get("/login");
        assertSecurityHeaders(visitor.postFormRaw("/i18n/setlang", Map.of("language", "nl"), "Accept", "text/html"),
                403);
    }

    @Test
    void hstsIsSentWhenTheRequestArrivedOverHttpsThroughAProxy() {
        TestClient visitor = client();
        for (String path : List.of("/login", "/p/opendata-bruxelles/", "/api/v1/platform/cookies", "/no-such-page")) {
            TestClient.Response response = visitor.get(path, "X-Forwarded-Proto", "https");
            assertThat(response.header("Strict-Transport-Security")).as(path).isPresent().get().asString()
                    .containsPattern("max-age=[1-9][0-9]*");
        }
    }

    @Test
    void hstsIsNotSentOverPlainHttp() {
        TestClient visitor = client();
        for (String path : List.of("/login", "/p/opendata-bruxelles/", "/api/v1/platform/cookies", "/no-such-page")) {
            assertThat(visitor.get(path).header("Strict-Transport-Security")).as(path).isEmpty();
            assertThat(visitor.get(path, "X-Forwarded-Proto", "http").header("Strict-Transport-Security")).as(path)
                    .isEmpty();
        }
    }

    private static void assertSecurityHeaders(TestClient.Response response, int status) {
        String what = response.raw().request().method() + " " + response.raw().uri().getPath();
        assertThat(response.status()).as(what).isEqualTo(status);
        assertThat(response.headers("Content-Security-Policy")).as(what + ": one CSP").hasSize(1);
        Map<String, List<String>> csp = directives(response.header("Content-Security-Policy").orElseThrow());
        List<String> scripts = csp.getOrDefault("script-src", csp.get("default-src"));
        assertThat(scripts).as(what + ": script-src").isNotNull()
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:");
        assertThat(csp.get("frame-ancestors")).as(what + ": frame-ancestors").containsExactly("'none'");
        assertThat(csp.get("object-src")).as(what + ": object-src").containsExactly("'none'");
        assertThat(response.header("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(response.header("Referrer-Policy")).as(what).isPresent().get().asString()
                .isIn("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin");
        assertThat(response.header("X-Frame-Options")).as(what).hasValue("DENY");
    }

    private static Map<String, List<String>> directives(String policy) {
        return Arrays.stream(policy.split(";")).map(String::trim).filter(d -> !d.isEmpty())
                .map(d -> d.split("\\s+"))
                .collect(Collectors.toMap(d -> d[0].toLowerCase(), d -> List.of(d).subList(1, d.length),
                        (a, b) -> a, LinkedHashMap::new));
    }
}
