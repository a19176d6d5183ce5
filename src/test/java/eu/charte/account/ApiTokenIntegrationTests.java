package eu.charte.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personal API tokens: created and revoked in the back office, shown once, stored hashed, scoped to the user's
 * portals, authenticating {@code Authorization: Bearer ...} without session or cookie (issue 2 section 6).
 */
class ApiTokenIntegrationTests extends IntegrationTestSupport {

    private static final Pattern REVOKE_ACTION = Pattern.compile("/admin/account/tokens/(\\d+)/revoke");

    @Autowired
    private JdbcClient jdbc;

    @Test
    void newTokenIsShownOnceThenOnlyItsPrefix() {
        TestClient user = signIn(createUser("ADMIN", "data-bep"));
        String name = "ci-" + UUID.randomUUID();

        String token = createToken(user, name);

        TestClient.Response account = user.get("/admin/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).doesNotContain(token);
        Document page = Jsoup.parse(account.body());
        assertThat(page.select("code.token")).isEmpty();
        Element row = rowOf(page, name);
        String shown = row.select("td code").text().replace("…", "");
        assertThat(shown).isNotBlank();
        assertThat(token).startsWith(shown);
        assertThat(shown.length()).isLessThan(token.length() / 2);
    }

    @Test
    void tokenAuthenticatesApiCallsWithoutAnyCookieAndSetsNone() {
        String email = createUser("AUDITOR", "scare");
        String token = createToken(signIn(email), "reader");
        TestClient automation = client();

        TestClient.Response me = automation.get("/api/v1/me", bearer(token));
        TestClient.Response portals = automation.get("/api/v1/portals", bearer(token));

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(me.body(), "$.email")).isEqualTo(email);
        assertThat(JsonPath.<Boolean>read(me.body(), "$.platformAdmin")).isFalse();
        assertThat(portals.status()).as(portals.body()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(portals.body(), "$[*].slug")).containsExactly("scare");
        assertThat(automation.allSetCookies()).isEmpty();
        assertThat(me.headers("Set-Cookie")).isEmpty();
    }

    @Test
    void withoutTokenOrWithAnUnknownOneTheApiAnswers401() {
        TestClient automation = client();

        TestClient.Response none = automation.get("/api/v1/me");
        TestClient.Response unknown = automation.get("/api/v1/me", bearer("charte_" + UUID.randomUUID()));
        TestClient.Response garbage = automation.get("/api/v1/portals", bearer("not a token at all"));

        for (TestClient.Response response : List.of(none, unknown, garbage)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        assertThat(automation.allSetCookies()).isEmpty();
    }

    @Test
    void portalAdministratorsTokenSeesOnlyTheirPortal() {
        String portalA = createPortal("[\"fr\", \"nl\"]", "BE");
        String portalB = createPortal("[\"fr\"]", "FR");
        String token = createToken(signIn(createUser("ADMIN", portalA)), "automation");
        TestClient automation = client();
        String before = signInAsAdmin().get("/api/v1/portals/" + portalB).body();

        TestClient.Response list = automation.get("/api/v1/portals", bearer(token));
        TestClient.Response own = automation.get("/api/v1/portals/" + portalA, bearer(token));
        TestClient.Response foreign = automation.get("/api/v1/portals/" + portalB, bearer(token));
        TestClient.Response foreignWrite = automation.putJson("/api/v1/portals/" + portalB,
                portalJson(portalB, "Taken over"), bearer(token));
        TestClient.Response newPortal = automation.postJson("/api/v1/portals",
                portalJson("t-" + UUID.randomUUID().toString().substring(0, 8), "Not allowed"), bearer(token));
        TestClient.Response users = automation.get("/api/v1/users", bearer(token));

        assertThat(list.status()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(list.body(), "$[*].slug")).containsExactly(portalA);
        assertThat(own.status()).isEqualTo(200);
        assertThat(JsonPath.<String>read(own.body(), "$.slug")).isEqualTo(portalA);
        assertThat(foreign.status()).isIn(403, 404);
        assertThat(foreign.body()).doesNotContain(portalB + ".example.org");
        assertThat(foreignWrite.status()).isIn(403, 404);
        assertThat(newPortal.status()).isEqualTo(403);
        assertThat(users.status()).isEqualTo(403);
        assertThat(signInAsAdmin().get("/api/v1/portals/" + portalB).body()).isEqualTo(before);
    }

    @Test
    void platformAdministratorsTokenWritesWithoutCsrfToken() {
        String slug = createPortal("[\"fr\"]", "BE");
        String token = createToken(signInAsAdmin(), "deploy");

        TestClient.Response updated = client().putJson("/api/v1/portals/" + slug, portalJson(slug, "Renamed by token"),
                bearer(token));

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(signInAsAdmin().get("/api/v1/portals/" + slug).body(), "$.name"))
                .isEqualTo("Renamed by token");
    }

    @Test
    void revokedTokenAnswers401() {
        TestClient user = signIn(createUser("ADMIN", "data-bep"));
        String name = "to-revoke-" + UUID.randomUUID();
        String token = createToken(user, name);
        assertThat(client().get("/api/v1/me", bearer(token)).status()).isEqualTo(200);
        long id = tokenId(user, name);

        TestClient.Response revoked = user.postForm("/admin/account/tokens/" + id + "/revoke?lang=en", Map.of());

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(Jsoup.parse(revoked.body()).select("main [role=status]").text())
                .isEqualTo("The token was revoked.");
        TestClient.Response refused = client().get("/api/v1/me", bearer(token));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(client().get("/api/v1/portals", bearer(token)).status()).isEqualTo(401);
        assertThat(rowsNamed(Jsoup.parse(user.get("/admin/account").body()), name)).isEmpty();
    }

    @Test
    void nobodyRevokesAnotherUsersToken() {
        TestClient owner = signIn(createUser("ADMIN", "data-bep"));
        String name = "mine-" + UUID.randomUUID();
        String token = createToken(owner, name);
        long id = tokenId(owner, name);
        TestClient other = signIn(createUser("ADMIN", "data-bep"));
        other.get("/admin/account");

        TestClient.Response attempt = other.postForm("/admin/account/tokens/" + id + "/revoke?lang=en", Map.of());

        assertThat(Jsoup.parse(attempt.body()).select("main [role=status]").text())
                .isEqualTo("This token does not exist or was already revoked.");
        assertThat(client().get("/api/v1/me", bearer(token)).status()).isEqualTo(200);
        assertThat(rowsNamed(Jsoup.parse(owner.get("/admin/account").body()), name)).hasSize(1);
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        TestClient user = signIn(createUser("AUDITOR", "data-bep"));
        String name = "stored-" + UUID.randomUUID();
        String token = createToken(user, name);
        String secretPart = token.substring(token.length() - 20);

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM api_token").query().listOfRows();

        assertThat(rows).anySatisfy(row -> assertThat(row).containsValue(name));
        assertThat(rows).allSatisfy(row -> assertThat(row.values()).allSatisfy(value ->
                assertThat(String.valueOf(value)).doesNotContain(token).doesNotContain(secretPart)));
    }

    /** Creates a token on the account page and reads the one copy shown. */
    private static String createToken(TestClient user, String name) {
        assertThat(user.get("/admin/account").status()).isEqualTo(200);
        TestClient.Response created = user.postForm("/admin/account/tokens", Map.of("name", name));
        assertThat(created.status()).isEqualTo(200);
        Elements shown = Jsoup.parse(created.body()).select("code.token");
        assertThat(shown).hasSize(1);
        String token = shown.text().trim();
        assertThat(token).hasSizeGreaterThan(30);
        return token;
    }

    private static long tokenId(TestClient user, String name) {
        Element row = rowOf(Jsoup.parse(user.get("/admin/account").body()), name);
        Matcher action = REVOKE_ACTION.matcher(row.select("form").attr("action"));
        assertThat(action.find()).as("revoke form of token %s", name).isTrue();
        return Long.parseLong(action.group(1));
    }

    private static Element rowOf(Document page, String name) {
        List<Element> rows = rowsNamed(page, name);
        assertThat(rows).as("rows of token %s", name).hasSize(1);
        return rows.get(0);
    }

    private static List<Element> rowsNamed(Document page, String name) {
        return page.select("tbody tr").stream().filter(tr -> tr.select("td").first() != null
                && tr.select("td").first().text().equals(name)).toList();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String portalJson(String slug, String name) {
        return """
                {"slug": "%s", "name": "%s", "baseUrl": "https://%s.example.org", "hosts": ["%s.example.org"],
                 "languages": ["fr"], "jurisdiction": "BE",
                 "controller": {"organisation": "Test org", "contact": "dpo@example.org"}}"""
                .formatted(slug, name, slug, slug);
    }
}
