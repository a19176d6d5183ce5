package eu.charte;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the {@code *IntegrationTests}: the whole application on a random port, over real HTTP, on the database
 * chosen by {@link TestDatabase} (H2 file by default; PostgreSQL with {@code -Dcharte.test.db=postgres}).
 * The demo portals are seeded and {@link #ADMIN_EMAIL} is the first platform administrator.
 * Tests share one application per database: create your own users and portals with unique names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "charte.demo=true",
        "charte.admin.email=" + IntegrationTestSupport.ADMIN_EMAIL,
        "charte.admin.password=" + IntegrationTestSupport.PASSWORD,
        "charte.login.max-failures-per-address=100000",
        "logging.level.io.zonky=WARN"})
public abstract class IntegrationTestSupport {

    public static final String ADMIN_EMAIL = "admin@charte.test";
    /** The password of every account the tests create. */
    public static final String PASSWORD = "a-long-test-password";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    protected TestClient client() {
        return new TestClient(port);
    }

    /** A client signed in through the sign-in form, as a browser would (GET the form, POST it with its token). */
    protected TestClient signIn(String email) {
        TestClient client = client();
        TestClient.Response form = client.get("/login");
        assertThat(form.status()).isEqualTo(200);
        TestClient.Response response = client.postForm("/login", Map.of("username", email, "password", PASSWORD));
        assertThat(response.status()).as("sign-in of %s", email).isEqualTo(302);
        assertThat(response.header("Location").orElse("")).doesNotContain("error");
        assertThat(client.cookie("sessionid")).isPresent();
        return client;
    }

    protected TestClient signInAsAdmin() {
        return signIn(ADMIN_EMAIL);
    }

    /** Creates an account with the role ADMIN or AUDITOR on the portal, through the API; returns its e-mail. */
    protected String createUser(String role, String portalSlug) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@charte.test";
        TestClient admin = signInAsAdmin();
        admin.get("/admin");
        TestClient.Response created = admin.postJson("/api/v1/users", """
                {"email": "%s", "password": "%s", "platformAdmin": false,
                 "memberships": [{"portal": "%s", "role": "%s"}]}""".formatted(email, PASSWORD, portalSlug, role),
                admin.csrfHeader());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return email;
    }

    /** Creates a portal through the API as platform administrator; returns its slug. */
    protected String createPortal(String languagesJson, String jurisdiction) {
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
        TestClient admin = signInAsAdmin();
        admin.get("/admin");
        TestClient.Response created = admin.postJson("/api/v1/portals", """
                {"slug": "%s", "name": "Test %s", "baseUrl": "https://%s.example.org", "hosts": ["%s.example.org"],
                 "languages": %s, "jurisdiction": "%s",
                 "controller": {"organisation": "Test org", "contact": "dpo@example.org"}}"""
                .formatted(slug, slug, slug, slug, languagesJson, jurisdiction), admin.csrfHeader());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return slug;
    }

    /** Declares one cookie in a portal's registry and publishes the next revision, as platform administrator. */
    protected void declareAndPublish(String slug, String declarationJson) {
        TestClient admin = signInAsAdmin();
        assertThat(admin.get("/admin").status()).isEqualTo(200);
        TestClient.Response draft = admin.postJson("/api/v1/portals/" + slug + "/cookies", declarationJson,
                admin.csrfHeader());
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        TestClient.Response published = admin.send(admin.builder("/api/v1/portals/" + slug + "/revisions",
                admin.csrfHeader()).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
    }
}
