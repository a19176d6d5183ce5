package eu.charte.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One portal's administrator or auditor cannot see or change another portal, through the API or the back office,
 * and only platform administrators create portals and accounts (issue 2 sections 4, 6 and the tenant-isolation test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIntegrationTests extends IntegrationTestSupport {

    private String portalA;
    private String portalB;
    private final Map<String, String> memberOfA = new LinkedHashMap<>();

    @BeforeAll
    void portalsAndMembers() {
        portalA = createPortal("[\"fr\", \"en\"]", "BE");
        portalB = createPortal("[\"nl\", \"fr\"]", "EU");
        memberOfA.put("ADMIN", createUser("ADMIN", portalA));
        memberOfA.put("AUDITOR", createUser("AUDITOR", portalA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "AUDITOR"})
    void memberOfOnePortalCannotReadOrWriteAnotherThroughTheApi(String role) {
        String before = asPlatformAdmin("/api/v1/portals/" + portalB);
        TestClient member = signInWithCsrf(memberOfA.get(role));
        String b = "/api/v1/portals/" + portalB;

        Map<String, TestClient.Response> answers = new LinkedHashMap<>();
        answers.put("GET " + b, member.get(b));
        answers.put("GET " + b + "/", member.get(b + "/"));
        answers.put("GET " + b + "/anything", member.get(b + "/anything"));
        answers.put("HEAD " + b, member.send(member.builder(b).method("HEAD", HttpRequest.BodyPublishers.noBody())));
        answers.put("PUT " + b, member.putJson(b, portalJson(portalB, "Taken over"), member.csrfHeader()));
        answers.put("POST " + b, member.postJson(b, portalJson(portalB, "Taken over"), member.csrfHeader()));
        answers.put("PATCH " + b, member.sendJson("PATCH", b, "{\"name\": \"Taken over\"}", member.csrfHeader()));
        answers.put("DELETE " + b, member.delete(b, member.csrfHeader()));
        String encoded = "/api/v1/portals/" + percentEncodedFirstLetter(portalB);
        answers.put("GET " + encoded, member.get(encoded));

        answers.forEach((request, response) -> {
            assertThat(response.status()).as(request).isIn(403, 404);
            assertThat(response.body()).as(request).doesNotContain(portalB + ".example.org");
            assertThat(response.body()).as(request).doesNotContain("/csrf");
        });
        assertThat(asPlatformAdmin("/api/v1/portals/" + portalB)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "AUDITOR"})
    void memberOfOnePortalCannotReadOrWriteAnotherThroughTheBackOffice(String role) {
        String before = asPlatformAdmin("/api/v1/portals/" + portalB);
        TestClient member = signInWithCsrf(memberOfA.get(role));
        String b = "/admin/portals/" + portalB;

        Map<String, TestClient.Response> answers = new LinkedHashMap<>();
        answers.put("GET " + b, member.get(b, "Accept", "text/html"));
        answers.put("GET " + b + "?saved", member.get(b + "?saved", "Accept", "text/html"));
        answers.put("GET " + b + "/anything", member.get(b + "/anything", "Accept", "text/html"));
        answers.put("POST " + b, member.postForm(b, portalForm(portalB, "Taken over"), "Accept", "text/html"));
        answers.put("POST " + b + "/anything", member.postForm(b + "/anything", portalForm(portalB, "Taken over"),
                "Accept", "text/html"));
        String encoded = "/admin/portals/" + percentEncodedFirstLetter(portalB);
        answers.put("GET " + encoded, member.get(encoded, "Accept", "text/html"));
        answers.put("POST " + encoded, member.postForm(encoded, portalForm(portalB, "Taken over"),
                "Accept", "text/html"));

        answers.forEach((request, response) -> {
            assertThat(response.status()).as(request).isIn(403, 404);
            assertThat(response.body()).as(request).doesNotContain(portalB + ".example.org");
        });
        assertThat(asPlatformAdmin("/api/v1/portals/" + portalB)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "AUDITOR"})
    void memberSeesOnlyTheirOwnPortalInLists(String role) {
        TestClient member = signInWithCsrf(memberOfA.get(role));

        TestClient.Response api = member.get("/api/v1/portals");
        TestClient.Response backOffice = member.get("/admin");

        assertThat(api.status()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(api.body(), "$[*].slug")).containsExactly(portalA);
        assertThat(backOffice.status()).isEqualTo(200);
        assertThat(Jsoup.parse(backOffice.body()).select("main tbody tr code").eachText()).containsExactly(portalA);
        assertThat(backOffice.body()).doesNotContain(portalB).doesNotContain("data-bep");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "AUDITOR"})
    void memberReadsTheirOwnPortal(String role) {
        TestClient member = signInWithCsrf(memberOfA.get(role));

        TestClient.Response api = member.get("/api/v1/portals/" + portalA);
        TestClient.Response backOffice = member.get("/admin/portals/" + portalA);

        assertThat(api.status()).isEqualTo(200);
        assertThat(JsonPath.<String>read(api.body(), "$.slug")).isEqualTo(portalA);
        assertThat(JsonPath.<List<String>>read(api.body(), "$.languages")).containsExactly("fr", "en");
        assertThat(backOffice.status()).isEqualTo(200);
        assertThat(Jsoup.parse(backOffice.body()).select("input#slug").val()).isEqualTo(portalA);
    }

    @Test
    void auditorCannotChangeTheirOwnPortal() {
        String before = asPlatformAdmin("/api/v1/portals/" + portalA);
        TestClient auditor = signInWithCsrf(memberOfA.get("AUDITOR"));

        TestClient.Response api = auditor.putJson("/api/v1/portals/" + portalA, portalJson(portalA, "Changed"),
                auditor.csrfHeader());
        TestClient.Response form = auditor.postForm("/admin/portals/" + portalA, portalForm(portalA, "Changed"),
                "Accept", "text/html");

        assertThat(api.status()).isEqualTo(403);
        assertThat(JsonPath.<String>read(api.body(), "$.type")).doesNotEndWith("/csrf");
        assertThat(form.status()).isEqualTo(403);
        assertThat(asPlatformAdmin("/api/v1/portals/" + portalA)).isEqualTo(before);
    }

    @Test
    void portalAdministratorCannotCreatePortals() {
        TestClient portalAdmin = signInWithCsrf(memberOfA.get("ADMIN"));
        String apiSlug = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String formSlug = "t-" + UUID.randomUUID().toString().substring(0, 8);

        TestClient.Response api = portalAdmin.postJson("/api/v1/portals", portalJson(apiSlug, "New"),
                portalAdmin.csrfHeader());
        TestClient.Response newForm = portalAdmin.get("/admin/portals/new", "Accept", "text/html");
        TestClient.Response form = portalAdmin.postForm("/admin/portals/new", portalForm(formSlug, "New"),
                "Accept", "text/html");

        assertThat(api.status()).isEqualTo(403);
        assertThat(JsonPath.<String>read(api.body(), "$.type")).doesNotEndWith("/csrf");
        assertThat(newForm.status()).isEqualTo(403);
        assertThat(form.status()).isEqualTo(403);
        TestClient admin = signInAsAdmin();
        assertThat(admin.get("/api/v1/portals/" + apiSlug).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/portals/" + formSlug).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "AUDITOR"})
    void onlyPlatformAdministratorsManageAccounts(String role) {
        TestClient member = signInWithCsrf(memberOfA.get(role));
        String apiEmail = "escalated-" + UUID.randomUUID() + "@charte.test";
        String formEmail = "escalated-" + UUID.randomUUID() + "@charte.test";

        TestClient.Response list = member.get("/api/v1/users");
        TestClient.Response create = member.postJson("/api/v1/users", """
                {"email": "%s", "password": "%s", "platformAdmin": true, "memberships": []}"""
                .formatted(apiEmail, PASSWORD), member.csrfHeader());
        TestClient.Response page = member.get("/admin/users", "Accept", "text/html");
        TestClient.Response form = member.postForm("/admin/users", Map.of("email", formEmail, "password", PASSWORD,
                "role", "PLATFORM_ADMIN", "portal", ""), "Accept", "text/html");

        assertThat(list.status()).isEqualTo(403);
        assertThat(create.status()).isEqualTo(403);
        assertThat(JsonPath.<String>read(create.body(), "$.type")).doesNotEndWith("/csrf");
        assertThat(page.status()).isEqualTo(403);
        assertThat(form.status()).isEqualTo(403);
        String accounts = signInAsAdmin().get("/api/v1/users").body();
        assertThat(accounts).doesNotContain(apiEmail).doesNotContain(formEmail);
    }

    /** The requests refused above are well-formed: the same ones succeed for a platform administrator. */
    @Test
    void theSameRequestsSucceedForAPlatformAdministrator() {
        String portalC = createPortal("[\"de\"]", "EU");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);

        TestClient.Response api = admin.putJson("/api/v1/portals/" + portalC, portalJson(portalC, "Renamed by API"),
                admin.csrfHeader());
        TestClient.Response form = admin.postForm("/admin/portals/" + portalC, portalForm(portalC, "Renamed by form"),
                "Accept", "text/html");

        assertThat(api.status()).as(api.body()).isEqualTo(200);
        assertThat(form.status()).as(form.body()).isEqualTo(302);
        assertThat(JsonPath.<String>read(asPlatformAdmin("/api/v1/portals/" + portalC), "$.name"))
                .isEqualTo("Renamed by form");
    }

    /** Signs in and loads a back-office page, so that the client holds a CSRF token for its writes. */
    private TestClient signInWithCsrf(String email) {
        TestClient client = signIn(email);
        assertThat(client.get("/admin").status()).isEqualTo(200);
        assertThat(client.cookie("csrftoken")).isPresent();
        return client;
    }

    private String asPlatformAdmin(String path) {
        TestClient.Response response = signInAsAdmin().get(path);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** The same slug with its first letter percent-encoded ("%74-1234abcd"), which a server decodes. */
    private static String percentEncodedFirstLetter(String slug) {
        return "%" + Integer.toHexString(slug.charAt(0)) + slug.substring(1);
    }

    private static String portalJson(String slug, String name) {
        return """
                {"slug": "%s", "name": "%s", "baseUrl": "https://%s.example.org", "hosts": ["%s.example.org"],
                 "languages": ["fr"], "jurisdiction": "BE",
                 "controller": {"organisation": "Someone else", "contact": "x@example.org"}}"""
                .formatted(slug, name, slug, slug);
    }

    private static Map<String, String> portalForm(String slug, String name) {
        return Map.of("slug", slug, "name", name, "baseUrl", "https://" + slug + ".example.org",
                "hosts", slug + ".example.org", "defaultLanguage", "fr", "languages", "fr", "jurisdiction", "BE",
                "controllerOrganisation", "Someone else", "controllerContact", "x@example.org");
    }
}
