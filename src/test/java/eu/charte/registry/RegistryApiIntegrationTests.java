package eu.charte.registry;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cookie registry's REST API over real HTTP (issue 3, sections 1 and 2, and "Bad input"): the platform's four
 * cookies, validation with one message per field, texts that stay text in every format, publishing and revisions,
 * and who may read and write.
 */
class RegistryApiIntegrationTests extends IntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long DAY = 86_400;
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "<img src=x onerror=alert(1)>";

    @Test
    void everyPortalStartsWithThePlatformsFourCookies() {
        String slug = createPortal("[\"fr\", \"en\"]", "BE");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);

        for (String portal : List.of(slug, "ardennemetropole")) {
            JsonNode cookies = json(admin.get(cookies(portal)), 200);
            assertThat(names(cookies)).as(portal)
                    .containsExactly("sessionid", "django_language", "csrftoken", "cookies_preferences");
            for (JsonNode cookie : cookies) {
                assertThat(cookie.get("category").asString()).isEqualTo("necessary");
                assertThat(cookie.get("provider").asString()).isEqualTo("Opendatasoft");
                assertThat(cookie.get("platformKind")).isNotNull();
                assertThat(cookie.path("justification").asString()).isNotBlank();
                assertThat(cookie.at("/texts/fr/service").asString()).isNotBlank();
            }
        }
        JsonNode revisions = json(admin.get("/api/v1/portals/" + slug + "/revisions"), 200);
        assertThat(revisions).hasSize(1);
        assertThat(revisions.get(0).get("number").asInt()).isEqualTo(1);
        assertThat(revisions.get(0).get("publishedBy").asString()).isEqualTo(RegistryService.SYSTEM);
    }

    @Test
    void aValidDeclarationIsAddedAndReadBack() {
        String slug = createPortal("[\"fr\", \"en\"]", "BE");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);
        Map<String, Object> draft = draft("_pk_id.*", "statistics", 395 * DAY);
        draft.put("thirdPartyDomain", "stats.example.org");
        draft.put("hosts", List.of("stats.example.org"));

        TestClient.Response created = admin.postJson(cookies(slug), JSON.writeValueAsString(draft), admin.csrfHeader());

        JsonNode body = json(created, 201);
        assertThat(created.header("Location").orElse("")).endsWith("/cookies/" + body.get("id").asLong());
        JsonNode read = json(admin.get(cookies(slug) + "/" + body.get("id").asLong()), 200);
        assertThat(read.get("name").asString()).isEqualTo("_pk_id.*");
        assertThat(read.get("category").asString()).isEqualTo("statistics");
        assertThat(read.get("thirdPartyDomain").asString()).isEqualTo("stats.example.org");
        assertThat(read.get("lifetimeSeconds").asLong()).isEqualTo(395 * DAY);
        assertThat(read.at("/texts/fr/purpose").asString()).isEqualTo("Mesurer l'audience");
        assertThat(names(json(admin.get(cookies(slug)), 200))).hasSize(5).endsWith("_pk_id.*");
    }

    @Test
    void refusesABadDeclarationWithOneMessagePerField() {
        String slug = createPortal("[\"fr\", \"en\"]", "BE");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);
        Map<String, Object> draft = draft("bad name", "necessary", 401 * DAY);
        draft.put("provider", "p".repeat(201));
        draft.put("thirdPartyDomain", "not a host!");
        draft.put("hosts", List.of("bad host!"));
        draft.put("texts", Map.of("fr", Map.of("service", "s".repeat(301), "purpose", ""),
                "en", Map.of("service", "Service", "purpose", "Purpose")));

        JsonNode problem = json(admin.postJson(cookies(slug), JSON.writeValueAsString(draft), admin.csrfHeader()), 400);

        List<String> fields = fields(problem);
        assertThat(fields).doesNotHaveDuplicates();
        assertThat(fields).contains("name", "provider", "thirdPartyDomain", "lifetimeSeconds", "justification")
                .anyMatch(f -> f.startsWith("hosts"))
                .anyMatch(f -> f.startsWith("texts") && f.endsWith("service"))
                .anyMatch(f -> f.startsWith("texts") && f.endsWith("purpose"));
        for (JsonNode error : problem.get("errors")) {
            assertThat(error.path("message").asString()).as(error.toString()).isNotBlank();
        }
        assertThat(json(admin.get(cookies(slug)), 200)).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad name", "a;b", "a,b", "a=b", "\"quoted\"", "caf\u00e9", "", " "})
    void refusesNamesThatAreNotCookieTokens(String name) {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);

        JsonNode problem = json(admin.postJson(cookies(slug), JSON.writeValueAsString(draft(name, "statistics", DAY)),
                admin.csrfHeader()), 400);

        assertThat(fields(problem)).containsExactly("name");
    }

    @Test
    void anUnknownCategoryIsABadRequestNotAServerError() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);

        JsonNode problem = json(admin.postJson(cookies(slug),
                JSON.writeValueAsString(draft("tracker", "tracking", DAY)), admin.csrfHeader()), 400);

        assertThat(fields(problem)).containsExactly("category");
    }

    @Test
    void anUnknownLanguageInTheTextsIsABadRequest() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);
        Map<String, Object> draft = draft("tracker", "statistics", DAY);
        draft.put("texts", Map.of("fr", text("Service", "Finalité"), "xx", text("Service", "Purpose")));

        JsonNode problem = json(admin.postJson(cookies(slug), JSON.writeValueAsString(draft), admin.csrfHeader()), 400);

        assertThat(fields(problem)).singleElement().asString().startsWith("texts");
    }

    @Test
    void textsMustBeInThePortalsLanguagesIncludingItsDefault() {
        String slug = createPortal("[\"fr\", \"en\"]", "BE");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);
        Map<String, Object> foreign = draft("tracker", "statistics", DAY);
        foreign.put("texts", Map.of("fr", text("Service", "Finalité"), "de", text("Dienst", "Zweck")));
        Map<String, Object> noDefault = draft("tracker", "statistics", DAY);
        noDefault.put("texts", Map.of("en", text("Service", "Purpose")));

        JsonNode foreignProblem = json(admin.postJson(cookies(slug), JSON.writeValueAsString(foreign),
                admin.csrfHeader()), 400);
        JsonNode defaultProblem = json(admin.postJson(cookies(slug), JSON.writeValueAsString(noDefault),
                admin.csrfHeader()), 400);

        assertThat(fields(foreignProblem)).containsExactly("texts");
        assertThat(fields(defaultProblem)).containsExactly("texts");
    }

    @Test
    void aNecessaryCookieNeedsAJustification() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);
        Map<String, Object> justified = draft("load_balancer", "necessary", DAY);
        justified.put("justification", "Sends each visitor to the same server.");

        JsonNode problem = json(admin.postJson(cookies(slug),
                JSON.writeValueAsString(draft("load_balancer", "necessary", DAY)), admin.csrfHeader()), 400);
        TestClient.Response accepted = admin.postJson(cookies(slug), JSON.writeValueAsString(justified),
                admin.csrfHeader());

        assertThat(fields(problem)).containsExactly("justification");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    }

    @Test
    void lifetimesOver400DaysAreRefusedEverywhere() {
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);
        for (String slug : List.of(createPortal("[\"fr\"]", "BE"), createPortal("[\"fr\"]", "FR"))) {
            Map<String, Object> necessary = draft("long_lived", "necessary", 401 * DAY);
            necessary.put("justification", "Security.");

            JsonNode statistics = json(admin.postJson(cookies(slug),
                    JSON.writeValueAsString(draft("long_lived", "statistics", 401 * DAY)), admin.csrfHeader()), 400);
            JsonNode exempt = json(admin.postJson(cookies(slug), JSON.writeValueAsString(necessary),
                    admin.csrfHeader()), 400);

            assertThat(fields(statistics)).as(slug).containsExactly("lifetimeSeconds");
            assertThat(fields(exempt)).as(slug).containsExactly("lifetimeSeconds");
        }
    }

    @Test
    void inFranceCookiesThatNeedConsentLiveAtMostThirteenMonths() {
        String fr = createPortal("[\"fr\"]", "FR");
        String be = createPortal("[\"fr\"]", "BE");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);
        Map<String, Object> necessary = draft("session_guard", "necessary", 396 * DAY);
        necessary.put("justification", "Security.");

        JsonNode refused = json(admin.postJson(cookies(fr), JSON.writeValueAsString(draft("_ga", "statistics", 396 * DAY)),
                admin.csrfHeader()), 400);
        TestClient.Response thirteenMonths = admin.postJson(cookies(fr),
                JSON.writeValueAsString(draft("_ga", "statistics", 395 * DAY)), admin.csrfHeader());
        TestClient.Response exempt = admin.postJson(cookies(fr), JSON.writeValueAsString(necessary), admin.csrfHeader());
        TestClient.Response belgium = admin.postJson(cookies(be),
                JSON.writeValueAsString(draft("_ga", "statistics", 396 * DAY)), admin.csrfHeader());

        assertThat(fields(refused)).containsExactly("lifetimeSeconds");
        assertThat(thirteenMonths.status()).as(thirteenMonths.body()).isEqualTo(201);
        assertThat(exempt.status()).as(exempt.body()).isEqualTo(201);
        assertThat(belgium.status()).as(belgium.body()).isEqualTo(201);
    }

    @Test
    void theDemoPortalOfFranceRefusesLongLivedStatisticsCookies() {
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);
        int before = json(admin.get(cookies("ardennemetropole")), 200).size();

        JsonNode refused = json(admin.postJson(cookies("ardennemetropole"),
                JSON.writeValueAsString(draft("_ga", "statistics", 396 * DAY)), admin.csrfHeader()), 400);

        assertThat(fields(refused)).containsExactly("lifetimeSeconds");
        assertThat(json(admin.get(cookies("ardennemetropole")), 200)).hasSize(before);
    }

    @Test
    void markupInTextsIsStoredAsTextAndNeverRunsInAnyFormat() {
        String slug = createPortal("[\"fr\"]", "BE");
        String email = createUser("ADMIN", slug);
        TestClient admin = signInWithCsrf(email);
        Map<String, Object> draft = draft("xss_probe", "statistics", DAY);
        draft.put("provider", "Acme <b>Corp</b>");
        draft.put("texts", Map.of("fr", text(SCRIPT, IMG)));

        JsonNode created = json(admin.postJson(cookies(slug), JSON.writeValueAsString(draft), admin.csrfHeader()), 201);
        assertThat(created.at("/texts/fr/service").asString()).isEqualTo(SCRIPT);
        assertThat(created.at("/texts/fr/purpose").asString()).isEqualTo(IMG);
        json(publish(admin, slug), 201);

        TestClient visitor = client();
        TestClient.Response html = visitor.get("/p/" + slug + "/charte-cookies?lang=fr");
        assertThat(html.status()).isEqualTo(200);
        Document page = Jsoup.parse(html.body());
        Element main = page.selectFirst("main");
        assertThat(main).isNotNull();
        assertThat(main.select("script")).isEmpty();
        assertThat(main.select("img")).isEmpty();
        assertThat(main.select("b")).isEmpty();
        assertThat(page.select("[onerror]")).isEmpty();
        assertThat(main.text()).contains(SCRIPT).contains(IMG).contains("Acme <b>Corp</b>");
        assertThat(html.body()).doesNotContain(SCRIPT).doesNotContain(IMG);

        TestClient.Response markdown = visitor.get("/p/" + slug + "/charte-cookies.md?lang=fr");
        assertThat(markdown.status()).isEqualTo(200);
        assertThat(markdown.body()).contains("xss\\_probe").doesNotContain("<script").doesNotContain("<img")
                .doesNotContain("<b>");

        TestClient.Response text = visitor.get("/p/" + slug + "/charte-cookies.txt?lang=fr");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.header("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(text.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(text.body()).contains(SCRIPT).contains(IMG);

        TestClient.Response json = visitor.get("/p/" + slug + "/charte-cookies.json?lang=fr");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type").orElse("")).startsWith("application/json");
        JsonNode declaration = declaration(JSON.readTree(json.body()).get("declarations"), "xss_probe");
        assertThat(declaration.at("/texts/fr/service").asString()).isEqualTo(SCRIPT);
        assertThat(declaration.at("/texts/fr/purpose").asString()).isEqualTo(IMG);
        assertThat(declaration.get("provider").asString()).isEqualTo("Acme <b>Corp</b>");
    }

    @Test
    void publishingMakesTheNextRevisionSignedByThePublisherAndRefusesAnEmptyOne() {
        String slug = createPortal("[\"fr\"]", "BE");
        String email = createUser("ADMIN", slug);
        TestClient admin = signInWithCsrf(email);
        json(admin.postJson(cookies(slug), JSON.writeValueAsString(draft("_gid", "statistics", DAY)),
                admin.csrfHeader()), 201);

        TestClient.Response published = publish(admin, slug);
        TestClient.Response again = publish(admin, slug);

        JsonNode revision = json(published, 201);
        assertThat(revision.get("number").asInt()).isEqualTo(2);
        assertThat(revision.get("publishedBy").asString()).isEqualTo(email);
        assertThat(revision.get("hash").asString()).hasSize(64);
        assertThat(published.header("Location").orElse("")).endsWith("/api/v1/portals/" + slug + "/revisions/2");
        JsonNode conflict = json(again, 409);
        assertThat(conflict.get("type").asString()).endsWith("/conflict");
        JsonNode list = json(admin.get("/api/v1/portals/" + slug + "/revisions"), 200);
        assertThat(list).extracting(r -> r.get("number").asInt()).containsExactly(2, 1);
        JsonNode stored = json(admin.get("/api/v1/portals/" + slug + "/revisions/2"), 200);
        assertThat(names(stored.get("declarations"))).contains("_gid");
    }

    @Test
    void thePlatformsCookiesCannotBeDeletedOrRenamed() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = signInWithCsrf(ADMIN_EMAIL);
        JsonNode session = declaration(json(admin.get(cookies(slug)), 200), "sessionid");
        long id = session.get("id").asLong();
        Map<String, Object> renamed = draft("my_session", "necessary", null);
        renamed.put("provider", "Opendatasoft");
        renamed.put("justification", "Authentication.");
        Map<String, Object> sameName = draft("sessionid", "necessary", null);
        sameName.put("provider", "Opendatasoft");
        sameName.put("justification", "Authentication.");
        sameName.put("texts", Map.of("fr", text("Connexion au portail", "Vous reconnaître d'une page à l'autre")));

        TestClient.Response delete = admin.delete(cookies(slug) + "/" + id, admin.csrfHeader());
        TestClient.Response rename = admin.putJson(cookies(slug) + "/" + id, JSON.writeValueAsString(renamed),
                admin.csrfHeader());
        TestClient.Response newTexts = admin.putJson(cookies(slug) + "/" + id, JSON.writeValueAsString(sameName),
                admin.csrfHeader());
        TestClient.Response addAgain = admin.postJson(cookies(slug), JSON.writeValueAsString(sameName),
                admin.csrfHeader());

        assertThat(fields(json(delete, 409))).containsExactly("id");
        assertThat(fields(json(rename, 409))).containsExactly("name");
        JsonNode updated = json(newTexts, 200);
        assertThat(updated.get("name").asString()).isEqualTo("sessionid");
        assertThat(updated.at("/texts/fr/service").asString()).isEqualTo("Connexion au portail");
        assertThat(fields(json(addAgain, 400))).containsExactly("name");
        JsonNode after = json(admin.get(cookies(slug)), 200);
        assertThat(names(after)).containsExactly("sessionid", "django_language", "csrftoken", "cookies_preferences");
    }

    @Test
    void anotherPortalsAdministratorCannotReadOrWriteThisPortalsCookies() {
        String slug = createPortal("[\"fr\"]", "BE");
        String other = createPortal("[\"fr\"]", "BE");
        TestClient owner = signInWithCsrf(createUser("ADMIN", slug));
        long id = json(owner.postJson(cookies(slug), JSON.writeValueAsString(draft("_gid", "statistics", DAY)),
                owner.csrfHeader()), 201).get("id").asLong();
        String before = owner.get(cookies(slug)).body();
        TestClient stranger = signInWithCsrf(createUser("ADMIN", other));
        String body = JSON.writeValueAsString(draft("_gid", "marketing", DAY));

        Map<String, TestClient.Response> answers = new LinkedHashMap<>();
        answers.put("list", stranger.get(cookies(slug)));
        answers.put("read", stranger.get(cookies(slug) + "/" + id));
        answers.put("add", stranger.postJson(cookies(slug), body, stranger.csrfHeader()));
        answers.put("update", stranger.putJson(cookies(slug) + "/" + id, body, stranger.csrfHeader()));
        answers.put("delete", stranger.delete(cookies(slug) + "/" + id, stranger.csrfHeader()));
        answers.put("publish", publish(stranger, slug));
        answers.put("revisions", stranger.get("/api/v1/portals/" + slug + "/revisions"));
        answers.put("revision", stranger.get("/api/v1/portals/" + slug + "/revisions/1"));
        answers.put("diff", stranger.get("/api/v1/portals/" + slug + "/revisions/diff?from=1&to=1"));
        answers.put("suggestions", stranger.get(cookies(slug) + "/suggestions?name=_ga"));

        answers.forEach((what, response) -> {
            assertThat(response.status()).as(what).isEqualTo(403);
            assertThat(response.body()).as(what).doesNotContain("_gid");
        });
        assertThat(owner.get(cookies(slug)).body()).isEqualTo(before);
        assertThat(stranger.get(cookies(other)).status()).as("their own portal").isEqualTo(200);
    }

    @Test
    void anAuditorReadsButDoesNotWrite() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient owner = signInWithCsrf(createUser("ADMIN", slug));
        long id = json(owner.postJson(cookies(slug), JSON.writeValueAsString(draft("_gid", "statistics", DAY)),
                owner.csrfHeader()), 201).get("id").asLong();
        TestClient auditor = signInWithCsrf(createUser("AUDITOR", slug));
        String body = JSON.writeValueAsString(draft("_gid", "marketing", DAY));

        assertThat(auditor.get(cookies(slug)).status()).isEqualTo(200);
        assertThat(auditor.get(cookies(slug) + "/" + id).status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/portals/" + slug + "/revisions").status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/portals/" + slug + "/revisions/1").status()).isEqualTo(200);
        assertThat(auditor.postJson(cookies(slug), body, auditor.csrfHeader()).status()).isEqualTo(403);
        assertThat(auditor.putJson(cookies(slug) + "/" + id, body, auditor.csrfHeader()).status()).isEqualTo(403);
        assertThat(auditor.delete(cookies(slug) + "/" + id, auditor.csrfHeader()).status()).isEqualTo(403);
        assertThat(publish(auditor, slug).status()).isEqualTo(403);
        assertThat(declaration(json(owner.get(cookies(slug)), 200), "_gid").get("category").asString())
                .isEqualTo("statistics");
        assertThat(json(owner.get("/api/v1/portals/" + slug + "/revisions"), 200)).hasSize(1);
    }

    /** Issue 3's revision test: publish, edit, publish; the old revision still renders as it was. */
    @Test
    void anOldRevisionStillRendersAsItWasPublished() {
        String slug = createPortal("[\"fr\", \"en\"]", "BE");
        String email = createUser("ADMIN", slug);
        TestClient admin = signInWithCsrf(email);
        Map<String, Object> draft = draft("_pk_ses.*", "statistics", 1800L);
        draft.put("texts", Map.of("fr", text("Mesure d'audience", "Ancienne finalité publiée"),
                "en", text("Audience measurement", "Old published purpose")));
        long id = json(admin.postJson(cookies(slug), JSON.writeValueAsString(draft), admin.csrfHeader()), 201)
                .get("id").asLong();
        JsonNode first = json(publish(admin, slug), 201);
        int n = first.get("number").asInt();

        draft.put("lifetimeSeconds", 3600L);
        draft.put("texts", Map.of("fr", text("Mesure d'audience", "Nouvelle finalité publiée"),
                "en", text("Audience measurement", "New published purpose")));
        json(admin.putJson(cookies(slug) + "/" + id, JSON.writeValueAsString(draft), admin.csrfHeader()), 200);
        JsonNode second = json(publish(admin, slug), 201);

        assertThat(second.get("number").asInt()).isEqualTo(n + 1);
        assertThat(second.get("publishedBy").asString()).isEqualTo(email);
        TestClient visitor = client();
        String old = Jsoup.parse(visitor.get("/p/" + slug + "/charte-cookies/revisions/" + n + "?lang=fr").body())
                .select("main").text();
        String current = Jsoup.parse(visitor.get("/p/" + slug + "/charte-cookies?lang=fr").body()).select("main").text();
        String oldEnglish = visitor.get("/p/" + slug + "/charte-cookies/revisions/" + n + ".txt?lang=en").body();
        assertThat(old).contains("Ancienne finalité publiée").doesNotContain("Nouvelle finalité publiée");
        assertThat(current).contains("Nouvelle finalité publiée").doesNotContain("Ancienne finalité publiée");
        assertThat(oldEnglish).contains("Old published purpose").doesNotContain("New published purpose");
        JsonNode oldJson = JSON.readTree(visitor.get("/p/" + slug + "/charte-cookies/revisions/" + n + ".json").body());
        assertThat(oldJson.get("revision").asInt()).isEqualTo(n);
        assertThat(declaration(oldJson.get("declarations"), "_pk_ses.*").get("lifetimeSeconds").asLong()).isEqualTo(1800);

        String firstAt = first.get("publishedAt").asString();
        String secondAt = second.get("publishedAt").asString();
        assertThat(Instant.parse(firstAt)).isBefore(Instant.parse(secondAt));
        assertThat(revisionAt(visitor, slug, firstAt)).endsWith("/p/" + slug + "/charte-cookies/revisions/" + n);
        assertThat(revisionAt(visitor, slug, Instant.parse(secondAt).minusNanos(1000).toString()))
                .endsWith("/charte-cookies/revisions/" + n);
        assertThat(revisionAt(visitor, slug, secondAt)).endsWith("/charte-cookies/revisions/" + (n + 1));
        assertThat(revisionAt(visitor, slug, Instant.now().toString().substring(0, 10)))
                .as("a date means the end of that day").endsWith("/charte-cookies/revisions/" + (n + 1));
        assertThat(visitor.get("/p/" + slug + "/charte-cookies/revisions?at=2001-01-01").status())
                .as("before the first revision").isEqualTo(404);

        JsonNode diff = json(admin.get("/api/v1/portals/" + slug + "/revisions/diff?from=" + n + "&to=" + (n + 1)), 200);
        assertThat(diff.get("added")).isEmpty();
        assertThat(diff.get("removed")).isEmpty();
        assertThat(diff.get("changed")).hasSize(1);
        JsonNode change = diff.get("changed").get(0);
        assertThat(change.at("/before/name").asString()).isEqualTo("_pk_ses.*");
        assertThat(change.at("/after/name").asString()).isEqualTo("_pk_ses.*");
        assertThat(change.get("fields")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("lifetimeSeconds", "texts");
        assertThat(change.at("/before/texts/fr/purpose").asString()).isEqualTo("Ancienne finalité publiée");
        assertThat(change.at("/after/texts/fr/purpose").asString()).isEqualTo("Nouvelle finalité publiée");
    }

    @Test
    void theOpenApiDocumentIsPublicAndDescribesTheCookieRegistry() {
        TestClient.Response response = client().get("/v3/api-docs");

        JsonNode doc = json(response, 200);
        assertThat(doc.at("/info/title").asString()).isEqualTo("Charte API");
        assertThat(doc.at("/info/description").asString()).isNotBlank();
        JsonNode cookies = doc.at("/paths/~1api~1v1~1portals~1{slug}~1cookies");
        assertThat(cookies.isMissingNode()).as("documents the cookie registry").isFalse();
        assertThat(cookies.at("/post/requestBody/content/application~1json/schema/$ref").asString())
                .endsWith("/DeclarationDraft");
        assertThat(doc.at("/paths/~1api~1v1~1portals~1{slug}~1cookies~1suggestions/get").isMissingNode()).isFalse();
        JsonNode schema = doc.at("/components/schemas/DeclarationDraft/properties");
        assertThat(schema.properties()).extracting(Map.Entry::getKey)
                .contains("provider", "name", "category", "thirdPartyDomain", "lifetimeSeconds", "hosts",
                        "justification", "texts");
        assertThat(schema.at("/name/pattern").asString()).isEqualTo(DeclarationDraft.COOKIE_NAME);
        assertThat(doc.get("paths").propertyNames()).allMatch(p -> p.startsWith("/api/"));
    }

    private static String cookies(String slug) {
        return "/api/v1/portals/" + slug + "/cookies";
    }

    private TestClient signInWithCsrf(String email) {
        TestClient client = signIn(email);
        assertThat(client.get("/admin").status()).isEqualTo(200);
        assertThat(client.cookie("csrftoken")).isPresent();
        return client;
    }

    private static TestClient.Response publish(TestClient client, String slug) {
        return client.send(client.builder("/api/v1/portals/" + slug + "/revisions", client.csrfHeader())
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static String revisionAt(TestClient client, String slug, String at) {
        TestClient.Response response = client.get("/p/" + slug + "/charte-cookies/revisions?at="
                + java.net.URLEncoder.encode(at, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.status()).as("at=%s", at).isEqualTo(302);
        return response.header("Location").orElseThrow();
    }

    /** A statistics-like draft with French and (when offered) English texts; {@code lifetime} may be null. */
    private static Map<String, Object> draft(String name, String category, Long lifetime) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("provider", "Matomo");
        draft.put("name", name);
        draft.put("category", category);
        draft.put("lifetimeSeconds", lifetime);
        draft.put("texts", Map.of("fr", text("Mesure d'audience", "Mesurer l'audience")));
        return draft;
    }

    private static Map<String, String> text(String service, String purpose) {
        return Map.of("service", service, "purpose", purpose);
    }

    private static JsonNode json(TestClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    private static List<String> names(JsonNode declarations) {
        List<String> names = new ArrayList<>();
        declarations.forEach(d -> names.add(d.get("name").asString()));
        return names;
    }

    private static JsonNode declaration(JsonNode declarations, String name) {
        for (JsonNode d : declarations) {
            if (d.get("name").asString().equals(name)) {
                return d;
            }
        }
        throw new AssertionError("no declaration " + name + " in " + declarations);
    }
}
