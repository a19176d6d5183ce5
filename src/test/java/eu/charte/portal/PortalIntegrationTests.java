package eu.charte.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Portals (tenants) created through the API and the back office, reached by path or host name, and the demo
 * portals (issue 2 sections 2, 4 and 5).
 */
class PortalIntegrationTests extends IntegrationTestSupport {

    @Test
    void platformAdministratorCreatesPortalThroughTheApi() {
        String slug = newSlug();
        TestClient admin = adminWithCsrf();

        TestClient.Response created = admin.postJson("/api/v1/portals", portalJson(slug, "[\"nl\", \"de\", \"fr\"]",
                "[\"" + slug + ".example.org\", \"www." + slug + ".example.org\"]"), admin.csrfHeader());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location").orElseThrow()).endsWith("/api/v1/portals/" + slug);
        assertPortal(created.body(), slug, List.of("nl", "de", "fr"));
        assertThat(JsonPath.<List<String>>read(created.body(), "$.hosts"))
                .containsExactlyInAnyOrder(slug + ".example.org", "www." + slug + ".example.org");
        TestClient.Response read = admin.get(created.header("Location").orElseThrow());
        assertThat(read.status()).isEqualTo(200);
        assertPortal(read.body(), slug, List.of("nl", "de", "fr"));
        assertThat(JsonPath.<String>read(read.body(), "$.jurisdiction")).isEqualTo("EU");
        assertThat(JsonPath.<String>read(read.body(), "$.controller.organisation")).isEqualTo("Org " + slug);
    }

    @Test
    void platformAdministratorCreatesPortalThroughTheBackOfficeForm() {
        String slug = newSlug();
        TestClient admin = adminWithCsrf();
        assertThat(admin.get("/admin/portals/new").status()).isEqualTo(200);

        TestClient.Response created = postForm(admin, "/admin/portals/new", List.of(
                Map.entry("slug", slug), Map.entry("name", "Form portal " + slug),
                Map.entry("baseUrl", "https://" + slug + ".example.net"),
                Map.entry("hosts", slug + ".example.net\r\nwww." + slug + ".example.net"),
                Map.entry("defaultLanguage", "de"),
                Map.entry("languages", "fr"), Map.entry("languages", "de"), Map.entry("languages", "en"),
                Map.entry("jurisdiction", "FR"),
                Map.entry("controllerOrganisation", "Org " + slug), Map.entry("controllerContact", "dpo@example.net")));

        assertThat(created.status()).as(created.body()).isEqualTo(302);
        assertThat(created.header("Location").orElseThrow()).endsWith("/admin/portals/" + slug + "?saved");
        TestClient.Response saved = admin.get("/admin/portals/" + slug + "?saved&lang=en");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(Jsoup.parse(saved.body()).select("main [role=status]").text()).isEqualTo("The portal was saved.");
        String json = admin.get("/api/v1/portals/" + slug).body();
        assertThat(JsonPath.<String>read(json, "$.name")).isEqualTo("Form portal " + slug);
        assertThat(JsonPath.<String>read(json, "$.baseUrl")).isEqualTo("https://" + slug + ".example.net");
        assertThat(JsonPath.<List<String>>read(json, "$.hosts"))
                .containsExactlyInAnyOrder(slug + ".example.net", "www." + slug + ".example.net");
        assertThat(JsonPath.<List<String>>read(json, "$.languages")).containsExactly("de", "fr", "en");
        assertThat(JsonPath.<String>read(json, "$.defaultLanguage")).isEqualTo("de");
        assertThat(JsonPath.<String>read(json, "$.jurisdiction")).isEqualTo("FR");
        assertThat(JsonPath.<String>read(json, "$.controller.contact")).isEqualTo("dpo@example.net");
    }

    @Test
    void duplicateSlugIsAConflictNamingTheSlug() {
        TestClient admin = adminWithCsrf();

        TestClient.Response conflict = admin.postJson("/api/v1/portals",
                portalJson("data-bep", "[\"fr\"]", "[\"" + newSlug() + ".example.org\"]"), admin.csrfHeader());

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JsonPath.<List<String>>read(conflict.body(), "$.errors[*].field")).containsExactly("slug");
        assertThat(JsonPath.<String>read(admin.get("/api/v1/portals/data-bep").body(), "$.name"))
                .isEqualTo("BEP – Open Data");
    }

    @Test
    void hostNameOfAnotherPortalIsAConflictNamingTheHosts() {
        TestClient admin = adminWithCsrf();
        String slug = newSlug();

        TestClient.Response exact = admin.postJson("/api/v1/portals",
                portalJson(slug, "[\"fr\"]", "[\"data.bep.be\"]"), admin.csrfHeader());
        TestClient.Response otherCase = admin.postJson("/api/v1/portals",
                portalJson(slug, "[\"fr\"]", "[\"" + slug + ".example.org\", \"Data.BEP.be\"]"), admin.csrfHeader());

        for (TestClient.Response conflict : List.of(exact, otherCase)) {
            assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
            assertThat(conflict.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(JsonPath.<List<String>>read(conflict.body(), "$.errors[*].field")).containsExactly("hosts");
        }
        assertThat(admin.get("/api/v1/portals/" + slug).status()).isEqualTo(404);
    }

    @Test
    void changingAPortalToAnotherPortalsHostNameIsAConflict() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = adminWithCsrf();

        TestClient.Response conflict = admin.putJson("/api/v1/portals/" + slug,
                portalJson(slug, "[\"fr\"]", "[\"" + slug + ".example.org\", \"opendata.bruxelles.be\"]"),
                admin.csrfHeader());

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(JsonPath.<List<String>>read(conflict.body(), "$.errors[*].field")).containsExactly("hosts");
        assertThat(JsonPath.<List<String>>read(admin.get("/api/v1/portals/" + slug).body(), "$.hosts"))
                .containsExactly(slug + ".example.org");
    }

    @Test
    void formWithErrorsIsShownAgainWithAMessagePerFieldAndCreatesNothing() {
        String slug = newSlug();
        TestClient admin = adminWithCsrf();

        TestClient.Response page = postForm(admin, "/admin/portals/new?lang=en", List.of(
                Map.entry("slug", slug), Map.entry("name", ""), Map.entry("baseUrl", "ftp://nope"),
                Map.entry("hosts", "not a host!"), Map.entry("defaultLanguage", "xx"), Map.entry("jurisdiction", "XX"),
                Map.entry("controllerOrganisation", ""), Map.entry("controllerContact", "")));

        assertThat(page.status()).isEqualTo(200);
        Document form = Jsoup.parse(page.body());
        assertThat(form.select("main [role=alert]").text()).isEqualTo("Some fields need your attention.");
        assertThat(form.select("#slug-error")).isEmpty();
        assertThat(errorAfter(form, "name")).isNotBlank();
        assertThat(errorAfter(form, "baseUrl")).isEqualTo("Enter an address starting with https:// or http://.");
        assertThat(errorAfter(form, "controllerOrganisation")).isNotBlank();
        assertThat(errorAfter(form, "controllerContact")).isNotBlank();
        assertThat(errorIn(form, "languages")).isNotBlank();
        assertThat(errorIn(form, "jurisdiction")).isNotBlank();
        assertThat(form.select("#hosts ~ p.field-error").text()).isEqualTo("Enter a valid host name.");
        assertThat(form.select("input#slug").val()).isEqualTo(slug);
        assertThat(admin.get("/api/v1/portals/" + slug).status()).isEqualTo(404);
    }

    @Test
    void formWithATakenOrInvalidSlugNamesTheSlug() {
        TestClient admin = adminWithCsrf();

        TestClient.Response taken = postForm(admin, "/admin/portals/new?lang=en", validForm("data-bep"));
        TestClient.Response invalid = postForm(admin, "/admin/portals/new?lang=en", validForm("Not A Slug"));

        assertThat(taken.status()).isEqualTo(200);
        assertThat(Jsoup.parse(taken.body()).select("#slug-error").text()).isEqualTo("Already used by another portal.");
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(Jsoup.parse(invalid.body()).select("#slug-error").text())
                .isEqualTo("Use lower-case letters, digits and single dashes only.");
    }

    @Test
    void frontPageShowsTheNameAndALanguagePickerOfThePortalsLanguages() {
        TestClient visitor = client();

        TestClient.Response front = visitor.get("/p/opendata-bruxelles/");

        assertThat(front.status()).isEqualTo(200);
        Document page = Jsoup.parse(front.body());
        assertThat(page.select("main h1").text()).isEqualTo("Open Data Bruxelles");
        assertThat(page.select("html").attr("lang")).isEqualTo("fr");
        Element picker = page.selectFirst("form[action=/i18n/setlang]");
        assertThat(picker).as("language picker").isNotNull();
        assertThat(picker.attr("method")).isEqualToIgnoringCase("post");
        assertThat(picker.select("select[name=language] option").eachAttr("value")).containsExactly("fr", "nl", "en");
        assertThat(picker.select("input[name=next]").val()).isEqualTo("/p/opendata-bruxelles/");

        TestClient.Response chosen = visitor.postForm("/i18n/setlang",
                Map.of("language", "nl", "next", "/p/opendata-bruxelles/"));

        assertThat(chosen.status()).isEqualTo(302);
        assertThat(chosen.header("Location").orElseThrow()).endsWith("/p/opendata-bruxelles/");
        assertThat(Jsoup.parse(visitor.get("/p/opendata-bruxelles/").body()).select("html").attr("lang"))
                .isEqualTo("nl");
    }

    @Test
    void unknownPortalHasNoFrontPage() {
        assertThat(client().get("/p/no-such-portal-" + newSlug() + "/").status()).isEqualTo(404);
    }

    @Test
    void requestToAPortalsHostNameServesItsFrontPage() {
        String slug = createPortal("[\"en\", \"fr\"]", "EU");

        String[] byHost = getWithHost(slug + ".example.org", "/");
        String[] byUpperCaseHost = getWithHost(slug.toUpperCase() + ".EXAMPLE.ORG", "/");
        String[] platformHome = getWithHost("localhost", "/");

        assertThat(byHost[0]).isEqualTo("200");
        Document page = Jsoup.parse(byHost[1]);
        assertThat(page.select("main h1").text()).isEqualTo("Test " + slug);
        assertThat(page.select("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("form[action=/i18n/setlang] select[name=language] option").eachAttr("value"))
                .containsExactly("en", "fr");
        assertThat(byUpperCaseHost[0]).isEqualTo("200");
        assertThat(Jsoup.parse(byUpperCaseHost[1]).select("main h1").text()).isEqualTo("Test " + slug);
        assertThat(platformHome[0]).isEqualTo("200");
        assertThat(Jsoup.parse(platformHome[1]).select("main h1").text()).isNotEqualTo("Test " + slug);
    }

    @ParameterizedTest
    @CsvSource({
        "ares-digitalwallonia, https://ares-digitalwallonia.opendatasoft.com, fr,       BE",
        "ardennemetropole,     https://ardennemetropole.opendatasoft.com,     fr,       FR",
        "opendata-bruxelles,   https://opendata.bruxelles.be,                 fr nl en, BE",
        "data-bep,             https://data.bep.be,                           fr,       BE",
        "scare,                https://scare.opendatasoft.com,                fr,       BE"})
    void demoPortalsAreSeededAsTheIssueDescribes(String slug, String baseUrl, String languages, String jurisdiction) {
        List<String> expectedLanguages = List.of(languages.split(" "));

        TestClient.Response portal = signInAsAdmin().get("/api/v1/portals/" + slug);
        TestClient.Response front = client().get("/p/" + slug + "/");

        assertThat(portal.status()).isEqualTo(200);
        assertThat(JsonPath.<String>read(portal.body(), "$.baseUrl")).isEqualTo(baseUrl);
        assertThat(JsonPath.<List<String>>read(portal.body(), "$.languages"))
                .containsExactlyElementsOf(expectedLanguages);
        assertThat(JsonPath.<String>read(portal.body(), "$.defaultLanguage")).isEqualTo(expectedLanguages.get(0));
        assertThat(JsonPath.<String>read(portal.body(), "$.jurisdiction")).isEqualTo(jurisdiction);
        assertThat(front.status()).isEqualTo(200);
        assertThat(Jsoup.parse(front.body()).select("main h1").text())
                .isEqualTo(JsonPath.<String>read(portal.body(), "$.name"));
    }

    @Test
    void healthIsUp() {
        TestClient.Response health = client().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(JsonPath.<String>read(health.body(), "$.status")).isEqualTo("UP");
    }

    private TestClient adminWithCsrf() {
        TestClient admin = signInAsAdmin();
        assertThat(admin.get("/admin").status()).isEqualTo(200);
        return admin;
    }

    private static void assertPortal(String json, String slug, List<String> languages) {
        assertThat(JsonPath.<String>read(json, "$.slug")).isEqualTo(slug);
        assertThat(JsonPath.<List<String>>read(json, "$.languages")).containsExactlyElementsOf(languages);
        assertThat(JsonPath.<String>read(json, "$.defaultLanguage")).isEqualTo(languages.get(0));
    }

    /** The text of the error message that follows the form control with this id. */
    private static String errorAfter(Document form, String id) {
        Element control = form.getElementById(id);
        assertThat(control).as("control %s", id).isNotNull();
        Element next = control.nextElementSibling();
        assertThat(next).as("message after %s", id).isNotNull();
        assertThat(next.hasClass("field-error")).as("message after %s", id).isTrue();
        return next.text();
    }

    /** The text of the error messages of a fieldset, found by the name of one of its controls. */
    private static String errorIn(Document form, String name) {
        return form.select("fieldset:has([name=" + name + "]) > p.field-error").text();
    }

    private static List<Map.Entry<String, String>> validForm(String slug) {
        return List.of(Map.entry("slug", slug), Map.entry("name", "Valid name"),
                Map.entry("baseUrl", "https://valid.example.net"),
                Map.entry("hosts", ""), Map.entry("defaultLanguage", "fr"), Map.entry("languages", "fr"),
                Map.entry("jurisdiction", "BE"), Map.entry("controllerOrganisation", "Org"),
                Map.entry("controllerContact", "dpo@example.net"));
    }

    /** A form POST with repeated fields (check boxes), carrying the CSRF token as the form field. */
    private static TestClient.Response postForm(TestClient client, String path,
            List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        all.add(Map.entry("csrfmiddlewaretoken", client.cookie("csrftoken").orElseThrow()));
        String body = all.stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return client.send(client.builder(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * A GET with the given Host header, over a plain socket: the JDK's HTTP client does not let a caller set Host.
     * Returns the status code and the body.
     */
    private String[] getWithHost(String host, String path) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nAccept: text/html\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String status = response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4);
            int bodyStart = response.indexOf("\r\n\r\n");
            return new String[] {status, bodyStart < 0 ? "" : response.substring(bodyStart + 4)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newSlug() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String portalJson(String slug, String languages, String hosts) {
        return """
                {"slug": "%s", "name": "Name %s", "baseUrl": "https://%s.example.org", "hosts": %s,
                 "languages": %s, "jurisdiction": "EU",
                 "controller": {"organisation": "Org %s", "contact": "dpo@example.org"}}"""
                .formatted(slug, slug, slug, hosts, languages, slug);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
