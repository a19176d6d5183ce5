package eu.charte;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The platform's own cookies over real HTTP (checklist rules 17 and 32; issue 2 section 7). */
class PlatformCookiesIntegrationTests extends IntegrationTestSupport {

    private static final Set<String> THE_FOUR = Set.of("sessionid", "django_language", "csrftoken", "cookies_preferences");

    @Test
    void signInSetsANewSessionCookieWithSecureAttributes() {
        TestClient first = signInAsAdmin();
        String firstSession = first.cookie("sessionid").orElseThrow();
        String header = first.allSetCookies().stream().filter(c -> c.startsWith("sessionid=")).findFirst().orElseThrow();
        assertThat(header).contains("HttpOnly").contains("Secure").contains("SameSite=Lax").contains("Path=/")
                .doesNotContainIgnoringCase("Max-Age").doesNotContainIgnoringCase("Expires").doesNotContain("Domain");

        // Signing in again from the same browser gets a new session id (no fixation).
        first.get("/login");
        first.postForm("/login", java.util.Map.of("username", ADMIN_EMAIL, "password", PASSWORD));
        assertThat(first.cookie("sessionid")).isPresent().get().isNotEqualTo(firstSession);
    }

    @Test
    void anonymousPagesSetNoCookieOutsideTheFourAndNoSession() {
        TestClient anonymous = client();
        for (String path : List.of("/", "/login", "/p/opendata-bruxelles/", "/p/data-bep/", "/api/v1/platform/cookies",
                "/does-not-exist", "/admin")) {
            anonymous.get(path);
        }
        assertThat(anonymous.allSetCookies()).isNotEmpty();
        assertThat(anonymous.allSetCookies()).allSatisfy(c -> assertThat(THE_FOUR).contains(c.substring(0, c.indexOf('='))));
        assertThat(anonymous.allSetCookies()).noneMatch(c -> c.startsWith("sessionid="));
    }

    @Test
    void failedSignInSetsNoSessionCookie() {
        TestClient anonymous = client();
        anonymous.get("/login");
        TestClient.Response failed = anonymous.postForm("/login",
                java.util.Map.of("username", "nobody-" + System.nanoTime() + "@charte.test", "password", "wrong-password"));
        assertThat(failed.status()).isEqualTo(302);
        assertThat(failed.header("Location").orElseThrow()).contains("/login?error");
        assertThat(anonymous.allSetCookies()).noneMatch(c -> c.startsWith("sessionid="));
    }

    @Test
    void csrfCookieIsSecureStrictAndReadableByScripts() {
        TestClient anonymous = client();
        TestClient.Response page = anonymous.get("/login");
        String csrf = page.setCookie("csrftoken").orElseThrow();
        assertThat(csrf).contains("Secure").contains("SameSite=Strict").contains("Path=/").doesNotContain("HttpOnly");
    }

    @Test
    void platformCookiesAreExposedAsDataWithTheirRealNames() {
        TestClient.Response response = client().get("/api/v1/platform/cookies?lang=fr");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"provider\":\"Opendatasoft\"")
                .contains("\"name\":\"sessionid\"").contains("\"name\":\"django_language\"")
                .contains("\"name\":\"csrftoken\"").contains("\"name\":\"cookies_preferences\"")
                .contains("Se souvenir de la langue du visiteur");
    }
}
