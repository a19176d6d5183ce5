package eu.charte.registry;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The back office of a portal's cookie registry over real HTTP: the draft, adding with the registry's validation
 * shown next to the fields, the platform's own cookies (texts only, never deleted), publishing, the revisions with
 * who and when, what changed between two revisions, and who may read or write.
 */
class RegistryAdminIntegrationTests extends IntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void listsTheDraftWithThePlatformCookiesAndTheFirstRevision() {
        String slug = createPortal("[\"fr\",\"nl\",\"en\"]", "BE");
        TestClient admin = signInAsAdmin();
        Document portalPage = page(admin, "/admin/portals/" + slug + "?lang=en");
        assertThat(portalPage.selectFirst("a#registry-link").attr("href")).isEqualTo("/admin/portals/" + slug + "/cookies");

        Document list = page(admin, "/admin/portals/" + slug + "/cookies?lang=en");
        assertThat(list.selectFirst("h1").text()).startsWith("Cookies");
        assertThat(list.select("#declarations tbody tr").eachAttr("data-name"))
                .containsExactlyInAnyOrder("sessionid", "django_language", "csrftoken", "cookies_preferences");
        Element session = row(list, "sessionid");
        assertThat(session.text()).contains("Opendatasoft", "Necessary", "Session", "First party", "Platform");
        assertThat(row(list, "django_language").text()).contains("1 year");
        assertThat(list.select("#unpublished")).isEmpty();
        assertThat(list.select("#revisions tbody tr")).hasSize(1);
        assertThat(list.selectFirst("#revisions tbody tr").text()).contains("1", "charte", "UTC");
        assertThat(list.selectFirst("#revisions tbody a").attr("href"))
                .isEqualTo("/p/" + slug + "/charte-cookies/revisions/1");
        assertThat(list.text()).contains("There is only one revision so far.");
        assertThat(list.selectFirst("a#add-cookie")).isNotNull();
    }

    @Test
    void addsACookieToTheDraftThenPublishesItAsANewRevision() {
        String slug = createPortal("[\"fr\",\"nl\",\"en\"]", "BE");
        TestClient admin = signInAsAdmin();
        Document form = page(admin, "/admin/portals/" + slug + "/cookies/new?lang=en");
        assertThat(form.select("#service-fr, #purpose-fr, #service-nl, #purpose-nl, #service-en, #purpose-en")).hasSize(6);
        assertThat(form.selectFirst("#service-nl").attr("lang")).isEqualTo("nl");
        assertThat(form.select("#lifetimeUnit option").eachAttr("value"))
                .containsExactly("session", "minutes", "hours", "days", "months", "years");

        TestClient.Response added = admin.postForm("/admin/portals/" + slug + "/cookies/new", matomo("13", "months"));
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        assertThat(added.header("Location").orElse("")).endsWith("/admin/portals/" + slug + "/cookies?status=added");

        JsonNode matomo = declaration(admin, slug, "_pk_id.*");
        assertThat(matomo.path("lifetimeSeconds").asLong()).isEqualTo(13L * 30 * 86_400);
        assertThat(matomo.path("hosts").toString()).contains("stats.example.org", "cdn.example.org");
        assertThat(matomo.path("thirdPartyDomain").isMissingNode() || matomo.path("thirdPartyDomain").isNull()).isTrue();
        assertThat(matomo.path("texts").path("nl").path("service").asString()).isEqualTo("Statistieken");

        Document list = page(admin, "/admin/portals/" + slug + "/cookies?status=added&lang=en");
        assertThat(list.selectFirst("p.alert.ok[role=status]").text()).isEqualTo("The cookie was added to the draft.");
        assertThat(row(list, "_pk_id.*").text()).contains("Matomo", "Statistics", "13 months", "First party");
        assertThat(list.selectFirst("#unpublished").text()).contains("not published yet");
        assertThat(Jsoup.parse(publicCharter(slug)).text()).doesNotContain("_pk_id.*");

        TestClient.Response published = admin.postForm("/admin/portals/" + slug + "/cookies/publish", Map.of());
        assertThat(published.status()).isEqualTo(302);
        assertThat(published.header("Location").orElse("")).endsWith("/cookies?published=2");
        Document after = page(admin, "/admin/portals/" + slug + "/cookies?published=2&lang=en");
        assertThat(after.selectFirst("p.alert.ok[role=status]").text()).isEqualTo("Revision 2 is published.");
        assertThat(after.select("#unpublished")).isEmpty();
        assertThat(after.selectFirst("#revisions tbody tr").text()).contains("2", ADMIN_EMAIL);
        assertThat(Jsoup.parse(publicCharter(slug)).text()).contains("_pk_id.*", "Matomo");

        TestClient.Response again = admin.postForm("/admin/portals/" + slug + "/cookies/publish", Map.of());
        assertThat(again.header("Location").orElse("")).endsWith("/cookies?status=unchanged");
    }

    @Test
    void invalidDeclarationIsShownAgainWithTheRegistryMessagesNextToTheFieldsAndNothingIsSaved() {
        String slug = createPortal("[\"fr\",\"nl\",\"en\"]", "FR");
        TestClient admin = signInAsAdmin();
        page(admin, "/admin/portals/" + slug + "/cookies?lang=en");
        int before = declarations(admin, slug).size();

        Map<String, String> fields = matomo("397", "days");
        fields.put("name", "bad name;");
        fields.put("service-fr", "");
        TestClient.Response response = admin.postForm("/admin/portals/" + slug + "/cookies/new?lang=en", fields);
        assertThat(response.status()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("#form-errors").text()).contains("Some fields need your attention.");
        assertThat(page.selectFirst("#name-error").text()).contains("exact name");
        assertThat(page.selectFirst("#name").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.selectFirst("#name").attr("aria-describedby")).contains("name-error");
        assertThat(page.selectFirst("#lifetime-error").text()).contains("13 months");
        assertThat(page.selectFirst("#service-fr-error")).isNotNull();
        assertThat(page.selectFirst("#name").attr("value")).isEqualTo("bad name;");
        assertThat(page.selectFirst("#lifetimeValue").attr("value")).isEqualTo("397");
        assertThat(page.selectFirst("#purpose-nl").text()).isEqualTo("Bezoekersmeting");

        Map<String, String> necessary = matomo("1", "days");
        necessary.put("category", "necessary");
        Document unjustified = Jsoup.parse(admin.postForm("/admin/portals/" + slug + "/cookies/new?lang=en", necessary).body());
        assertThat(unjustified.selectFirst("#justification-error").text()).contains("strictly necessary");

        Map<String, String> notANumber = matomo("many", "days");
        notANumber.put("name", "bad name;");
        Document both = Jsoup.parse(admin.postForm("/admin/portals/" + slug + "/cookies/new?lang=en", notANumber).body());
        assertThat(both.selectFirst("#lifetime-error").text()).isEqualTo("Enter a whole number, at least 1.");
        assertThat(both.selectFirst("#name-error").text()).as("the registry's own checks too").contains("exact name");

        Map<String, String> tooLong = matomo("401", "days");
        tooLong.put("category", "necessary");
        tooLong.put("justification", "Needed.");
        Document refused = Jsoup.parse(admin.postForm("/admin/portals/" + slug + "/cookies/new?lang=en", tooLong).body());
        assertThat(refused.selectFirst("#lifetime-error").text()).contains("at most 400 days");
        assertThat(refused.selectFirst("#lifetimeValue").attr("value")).isEqualTo("401");

        Map<String, String> withoutTexts = matomo("1", "days");
        List.of("service-fr", "purpose-fr", "service-nl", "purpose-nl").forEach(withoutTexts::remove);
        Document untexted = Jsoup.parse(admin.postForm("/admin/portals/" + slug + "/cookies/new?lang=en", withoutTexts).body());
        assertThat(untexted.selectFirst("#texts-error").text()).isEqualTo("Give the texts in the portal's default language.");
        assertThat(untexted.selectFirst("#service-fr").attr("aria-describedby")).contains("texts-error");
        assertThat(untexted.selectFirst("#purpose-fr").attr("aria-invalid")).isEqualTo("true");
        assertThat(untexted.selectFirst("#service-nl").hasAttr("aria-invalid")).isFalse();

        assertThat(declarations(admin, slug)).hasSize(before);
    }

    @Test
    void editsThenDeletesACookieAndShowsWhatChangedBetweenRevisions() {
        String slug = createPortal("[\"fr\",\"nl\",\"en\"]", "BE");
        TestClient admin = signInAsAdmin();
        page(admin, "/admin/portals/" + slug + "/cookies");
        admin.postForm("/admin/portals/" + slug + "/cookies/new", matomo("13", "months"));
        admin.postForm("/admin/portals/" + slug + "/cookies/publish", Map.of());
        long id = declaration(admin, slug, "_pk_id.*").path("id").asLong();

        Document edit = page(admin, "/admin/portals/" + slug + "/cookies/" + id + "?lang=en");
        assertThat(edit.selectFirst("#lifetimeValue").attr("value")).isEqualTo("13");
        assertThat(edit.selectFirst("#lifetimeUnit option[selected]").attr("value")).isEqualTo("months");
        assertThat(edit.selectFirst("#hosts").text()).contains("stats.example.org");
        assertThat(edit.selectFirst("#delete-form")).isNotNull();

        Map<String, String> changed = matomo("6", "hours");
        changed.put("provider", "Matomo (self-hosted)");
        TestClient.Response saved = admin.postForm("/admin/portals/" + slug + "/cookies/" + id, changed);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location").orElse("")).endsWith("?status=saved");
        assertThat(declaration(admin, slug, "_pk_id.*").path("lifetimeSeconds").asLong()).isEqualTo(6 * 3_600);
        admin.postForm("/admin/portals/" + slug + "/cookies/publish", Map.of());

        Map<String, String> ga = matomo("2", "years");
        ga.put("name", "_ga");
        ga.put("provider", "Google");
        ga.put("thirdPartyDomain", "google-analytics.com");
        ga.put("lifetimeValue", "1");
        assertThat(admin.postForm("/admin/portals/" + slug + "/cookies/new", ga).status()).isEqualTo(302);
        TestClient.Response deleted = admin.postForm("/admin/portals/" + slug + "/cookies/" + id + "/delete", Map.of());
        assertThat(deleted.header("Location").orElse("")).endsWith("?status=deleted");
        admin.postForm("/admin/portals/" + slug + "/cookies/publish", Map.of());

        Document list = page(admin, "/admin/portals/" + slug + "/cookies?lang=en");
        assertThat(list.select("#diff-from option").eachAttr("value")).containsExactly("1", "2", "3", "4");
        assertThat(list.selectFirst("#diff-from option[selected]").attr("value")).isEqualTo("3");
        assertThat(list.selectFirst("#diff-to option[selected]").attr("value")).isEqualTo("4");

        Document changes = page(admin, "/admin/portals/" + slug + "/cookies/diff?from=2&to=3&lang=en");
        assertThat(changes.selectFirst("h1").text()).isEqualTo("What changed from revision 2 to revision 3");
        assertThat(changes.select("#diff-added, #diff-removed")).isEmpty();
        Element change = changes.selectFirst("#diff-changed table[data-name=_pk_id.*]");
        assertThat(change.select("tbody tr").eachAttr("data-field")).containsExactly("provider", "lifetimeSeconds");
        assertThat(change.selectFirst("tr[data-field=lifetimeSeconds]").text())
                .isEqualTo("Lifetime 13 months 6 hours");
        assertThat(change.selectFirst("tr[data-field=provider]").text())
                .isEqualTo("Provider Matomo Matomo (self-hosted)");

        Document later = page(admin, "/admin/portals/" + slug + "/cookies/diff?from=3&to=4&lang=en");
        assertThat(later.selectFirst("#diff-added").text()).contains("_ga", "Google", "1 year");
        assertThat(later.selectFirst("#diff-removed").text()).contains("_pk_id.*", "Matomo (self-hosted)");
        assertThat(later.select("#diff-changed")).isEmpty();

        Document none = page(admin, "/admin/portals/" + slug + "/cookies/diff?from=4&to=4&lang=en");
        assertThat(none.text()).contains("Nothing changed between these two revisions.");
        assertThat(admin.get("/admin/portals/" + slug + "/cookies/diff?from=1&to=99").status()).isEqualTo(404);
        assertThat(admin.get("/admin/portals/" + slug + "/cookies/999999").status()).isEqualTo(404);
    }

    @Test
    void platformCookiesKeepTheirConfigurationAndOnlyTheirTextsChange() {
        String slug = createPortal("[\"fr\",\"nl\",\"en\"]", "BE");
        TestClient admin = signInAsAdmin();
        page(admin, "/admin/portals/" + slug + "/cookies");
        long id = declaration(admin, slug, "csrftoken").path("id").asLong();

        Document edit = page(admin, "/admin/portals/" + slug + "/cookies/" + id + "?lang=en");
        assertThat(edit.selectFirst("#platform-explanation").text()).contains("platform's own cookies",
                "only its texts can be changed");
        assertThat(edit.select("#name, #provider, #category, #lifetimeValue")).isEmpty();
        assertThat(edit.select("#delete-form")).isEmpty();
        assertThat(edit.selectFirst("#platform-no-delete")).isNotNull();
        assertThat(edit.selectFirst("#service-fr").attr("value")).isNotBlank();

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "renamed");
        fields.put("lifetimeValue", "3");
        fields.put("lifetimeUnit", "years");
        fields.put("service-fr", "Formulaires du portail");
        fields.put("purpose-fr", "Protéger les formulaires");
        TestClient.Response saved = admin.postForm("/admin/portals/" + slug + "/cookies/" + id, fields);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        JsonNode csrf = declaration(admin, slug, "csrftoken");
        assertThat(csrf.path("texts").path("fr").path("service").asString()).isEqualTo("Formulaires du portail");
        assertThat(csrf.path("category").asString()).isEqualTo("necessary");

        TestClient.Response delete = admin.postForm("/admin/portals/" + slug + "/cookies/" + id + "/delete?lang=en",
                Map.of());
        assertThat(delete.status()).isEqualTo(200);
        assertThat(Jsoup.parse(delete.body()).selectFirst("#form-errors").text()).contains("cannot be deleted");
        assertThat(declarations(admin, slug)).hasSize(4);
    }

    @Test
    void auditorsReadWithoutFormsAndOnlyThePortalsOwnPeopleGetIn() {
        String slug = createPortal("[\"fr\",\"en\"]", "BE");
        TestClient auditor = signIn(createUser("AUDITOR", slug));
        Document list = page(auditor, "/admin/portals/" + slug + "/cookies?lang=en");
        assertThat(list.select("#publish, a#add-cookie")).isEmpty();
        assertThat(list.text()).contains("only the portal's administrators can change it");
        assertThat(list.select("#declarations a").eachText()).allSatisfy(link -> assertThat(link).startsWith("View"));
        long id = declaration(auditor, slug, "sessionid").path("id").asLong();
        Document view = page(auditor, "/admin/portals/" + slug + "/cookies/" + id);
        assertThat(view.select("#declaration-form button[type=submit]")).isEmpty();
        assertThat(view.select("fieldset[disabled]")).isNotEmpty();
        assertThat(auditor.postForm("/admin/portals/" + slug + "/cookies/new", matomo("1", "days")).status())
                .isEqualTo(403);
        assertThat(auditor.postForm("/admin/portals/" + slug + "/cookies/publish", Map.of()).status()).isEqualTo(403);

        String other = createPortal("[\"fr\",\"en\"]", "BE");
        TestClient stranger = signIn(createUser("ADMIN", other));
        assertThat(stranger.get("/admin/portals/" + slug + "/cookies").status()).isEqualTo(403);
        page(stranger, "/admin/portals/" + other + "/cookies");
        assertThat(stranger.postForm("/admin/portals/" + slug + "/cookies/new", matomo("1", "days")).status())
                .isEqualTo(403);
        assertThat(client().get("/admin/portals/" + slug + "/cookies").status()).isIn(302, 401);
        assertThat(declarations(signInAsAdmin(), slug)).hasSize(4);
    }

    private static Map<String, String> matomo(String lifetime, String unit) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("provider", "Matomo");
        fields.put("name", "_pk_id.*");
        fields.put("category", "statistics");
        fields.put("thirdPartyDomain", "");
        fields.put("lifetimeValue", lifetime);
        fields.put("lifetimeUnit", unit);
        fields.put("hosts", "stats.example.org\r\n\r\n  cdn.example.org  \r\n");
        fields.put("justification", "");
        fields.put("service-fr", "Statistiques");
        fields.put("purpose-fr", "Mesure d'audience");
        fields.put("service-nl", "Statistieken");
        fields.put("purpose-nl", "Bezoekersmeting");
        return fields;
    }

    private static Document page(TestClient client, String path) {
        TestClient.Response response = client.get(path);
        assertThat(response.status()).as("GET %s", path).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    private static Element row(Document list, String name) {
        Element row = list.selectFirst("#declarations tbody tr[data-name=" + name + "]");
        assertThat(row).as("row of %s", name).isNotNull();
        return row;
    }

    private static List<JsonNode> declarations(TestClient client, String slug) {
        TestClient.Response response = client.get("/api/v1/portals/" + slug + "/cookies");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> all = new java.util.ArrayList<>();
        JSON.readTree(response.body()).forEach(all::add);
        return all;
    }

    private static JsonNode declaration(TestClient client, String slug, String name) {
        return declarations(client, slug).stream().filter(d -> d.path("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no declaration " + name));
    }

    private String publicCharter(String slug) {
        TestClient.Response response = client().get("/p/" + slug + "/charte-cookies");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }
}
