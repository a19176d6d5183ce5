package eu.charte.charter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.jayway.jsonpath.JsonPath;
import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import eu.charte.cli.Command;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalService;
import eu.charte.registry.RegistryService;
import eu.charte.registry.Revision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The import and render round trip of issue 3 (section 4 and "Bad input"), for real: the {@code import-charter} and
 * {@code render-charter} commands on the application's database, on both charters in {@code ../shared/seeds/} (read
 * from there at test time) and on the fixtures of other portals, through the command beans (the packaged jar is
 * built after the tests); the upload in the back office. An import never half-applies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CharterRoundTripIntegrationTests extends IntegrationTestSupport {

    static final Path SEEDS = Path.of("..", "shared", "seeds");
    static final List<String> SEED_FILES = List.of("charte-ares-digitalwallonia.txt", "charte-data-bep.md");
    /** Our own charters of the same kind, used for the seeds' checks only where the seeds cannot be read. */
    static final List<String> SEED_STAND_INS = List.of("portail-arlon.txt", "portail-mons.md");

    /** The four rows both seeds list: name, service and location, purpose (provider Opendatasoft). */
    static final List<List<String>> SEED_ROWS = List.of(
            List.of("sessionid", "Authentification (front et back office)",
                    "Se souvenir de l'utilisateur d'une page à une autre."),
            List.of("django_language", "Sélection de la langue (front et back office)",
                    "Se souvenir de la langue du visiteur"),
            List.of("csrftoken", "API (CSRF) (front et back office)", "Récupérer des données via des appels API"),
            List.of("cookies_preferences", "Choix concernant vos préférences sur les cookies",
                    "Se souvenir du choix opéré par le visiteur concernant les cookies"));

    @Autowired
    @Qualifier("import-charter")
    Command importCharter;

    @Autowired
    @Qualifier("render-charter")
    Command renderCharter;

    @Autowired
    PortalService portals;

    @Autowired
    RegistryService registry;

    /** A command's exit code and what it printed. */
    record Run(int exit, String out, String err) {
    }

    /**
     * The seed charters; when {@code ../shared/seeds} is absent, CI fails here (the seeds are part of the test),
     * and elsewhere our stand-ins of the same kind take their place.
     */
    List<Path> seeds() {
        if (Files.isDirectory(SEEDS)) {
            List<Path> seeds = SEED_FILES.stream().map(SEEDS::resolve).toList();
            seeds.forEach(s -> assertThat(s).as("seed charter").isRegularFile());
            return seeds;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("The seed charters are missing: " + SEEDS.toAbsolutePath().normalize()
                    + " must hold " + SEED_FILES + " (they are read at test time, never copied).");
        }
        System.err.println("WARNING: " + SEEDS.toAbsolutePath().normalize() + " is absent: checking the round trip on "
                + SEED_STAND_INS + " instead of the seeds.");
        return SEED_STAND_INS.stream().map(CharterImporterTests.FIXTURES::resolve).toList();
    }

    Stream<Path> seedCharters() {
        return seeds().stream();
    }

    static Stream<String> fixtures() throws IOException {
        return CharterImporterTests.lineFixtures();
    }

    @ParameterizedTest
    @MethodSource("seedCharters")
    void importsASeedCharterAndRendersTheSameDocument(Path seed) throws IOException {
        String input = Files.readString(seed);
        boolean markdown = seed.toString().endsWith(".md");
        String slug = markdown ? createPortal("[\"fr\"]", "BE") : "seed-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> options = new ArrayList<>(List.of("--portal", slug));
        if (!markdown) {
            options.add("--create");
        }

        Run imported = run(importCharter, options, "--lang", "fr", seed.toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        int revision = Integer.parseInt(imported.out().strip());
        assertThat(revision).isGreaterThanOrEqualTo(2);
        assertThat(imported.err()).doesNotContain("warning");

        Run text = run(renderCharter, List.of("--portal", slug, "--lang", "fr", "--format", "text"));
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(CharterImporterTests.comparable(text.out(), false))
                .isEqualTo(CharterImporterTests.comparable(input, markdown));

        Run md = run(renderCharter, List.of("--portal", slug, "--lang", "fr", "--format", "markdown"));
        assertThat(md.exit()).as(md.err()).isZero();
        if (markdown) {
            assertThat(headings(md.out())).isEqualTo(headings(input)).isNotEmpty();
        }

        Run json = run(renderCharter, List.of("--portal", slug, "--lang", "fr", "--format", "json",
                "--revision", Integer.toString(revision)));
        assertThat(json.exit()).as(json.err()).isZero();
        List<Map<String, Object>> declarations = JsonPath.read(json.out(), "$.declarations");
        assertThat(declarations).hasSize(4);
        for (int i = 0; i < 4; i++) {
            Map<String, Object> d = declarations.get(i);
            assertThat(d).containsKeys("id", "platformKind", "provider", "name", "category", "thirdPartyDomain",
                    "lifetimeSeconds", "hosts", "justification", "texts");
            assertThat(d).containsEntry("provider", "Opendatasoft").containsEntry("name", SEED_ROWS.get(i).get(0))
                    .containsEntry("category", "necessary").containsEntry("thirdPartyDomain", null);
            assertThat(JsonPath.<String>read(d, "$.texts.fr.service")).isEqualTo(SEED_ROWS.get(i).get(1));
            assertThat(JsonPath.<String>read(d, "$.texts.fr.purpose")).isEqualTo(SEED_ROWS.get(i).get(2));
            assertThat((String) d.get("justification")).isNotBlank();
        }
        assertThat(declarations).extracting(d -> d.get("lifetimeSeconds"))
                .containsExactly(null, 365 * 86_400, null, 180 * 86_400);
        assertThat(JsonPath.<Integer>read(json.out(), "$.revision")).isEqualTo(revision);
        assertThat(JsonPath.<Boolean>read(json.out(), "$.ownText")).isTrue();
    }

    @Test
    void createsThePortalFromTheCharterWithAPlaceholderControllerTheOperatorIsToldAbout() throws IOException {
        Path seed = seeds().get(0);
        String slug = "created-" + UUID.randomUUID().toString().substring(0, 8);

        Run imported = run(importCharter, List.of("--portal", slug, "--create", seed.toString()));

        assertThat(imported.exit()).as(imported.err()).isZero();
        Portal portal = portals.findBySlug(slug).orElseThrow();
        String url = CharterImporter.comparableLines(Files.readString(seed), false).stream()
                .filter(l -> l.matches("<https?://.*>")).findFirst().orElseThrow().replaceAll("[<>]", "");
        assertThat(portal.baseUrl().toString()).isEqualTo(url);
        assertThat(portal.languages()).extracting(l -> l.code()).containsExactly("fr");
        assertThat(portal.jurisdiction().name()).isEqualTo("BE");
        String title = CharterImporter.comparableLines(Files.readString(seed), false).get(0);
        assertThat(portal.name()).isEqualTo(title.equals("Charte cookies") ? slug : title);
        assertThat(portal.controller().organisation()).isEqualTo(CharterImports.PLACEHOLDER_CONTROLLER);
        assertThat(imported.err()).contains("placeholder").contains("/admin/portals/" + slug);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void importsChartersOfOtherPortalsAndRendersTheSameDocument(String fixture) throws IOException {
        Path file = CharterImporterTests.FIXTURES.resolve(fixture);
        String input = Files.readString(file);
        String language = CharterImporter.guessLanguage(input).orElseThrow().code();
        String slug = "fixture-" + UUID.randomUUID().toString().substring(0, 8);

        Run imported = run(importCharter, List.of("--portal", slug, "--create", "--lang", language, file.toString()));

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).doesNotContain("warning");
        Run text = run(renderCharter, List.of("--portal", slug, "--format", "text"));
        assertThat(text.exit()).as(text.err()).isZero();
        boolean markdown = fixture.endsWith(".md");
        assertThat(CharterImporterTests.comparable(text.out(), false))
                .isEqualTo(CharterImporterTests.comparable(input, markdown));
        if (markdown) {
            Run md = run(renderCharter, List.of("--portal", slug, "--format", "markdown"));
            assertThat(headings(md.out())).isEqualTo(headings(input));
        }
    }

    @Test
    void importsAnHtmlCharter() {
        String slug = "html-" + UUID.randomUUID().toString().substring(0, 8);

        Run imported = run(importCharter, List.of("--portal", slug, "--create",
                CharterImporterTests.FIXTURES.resolve("portail-liege.html").toString()));

        assertThat(imported.exit()).as(imported.err()).isZero();
        Run json = run(renderCharter, List.of("--portal", slug, "--format", "json"));
        assertThat(JsonPath.<List<String>>read(json.out(), "$.declarations[*].name"))
                .containsExactly("sessionid", "django_language", "csrftoken", "cookies_preferences", "_pk_id.*");
        assertThat(JsonPath.<Integer>read(json.out(), "$.declarations[4].lifetimeSeconds")).isEqualTo(395 * 86_400);
        assertThat(JsonPath.<String>read(json.out(), "$.baseUrl")).isEqualTo("https://opendata.liege.example");
        Run text = run(renderCharter, List.of("--portal", slug, "--format", "text"));
        assertThat(text.out()).contains("À quoi servent les cookies sur la plateforme <https://opendata.liege.example>")
                .contains("Ville de Liège (Matomo)\tMesure d'audience (front office)\t_pk_id.*\tDistinguer les "
                        + "visiteurs\t13 mois");
    }

    @Test
    void aFileWithOneBadRowChangesNothingAndPublishesNothing() {
        String slug = createPortal("[\"fr\"]", "BE");
        Run first = run(importCharter, List.of("--portal", slug,
                CharterImporterTests.FIXTURES.resolve("portail-namur.txt").toString()));
        assertThat(first.exit()).as(first.err()).isZero();
        Portal portal = portals.findBySlug(slug).orElseThrow();
        List<Revision.Summary> revisions = registry.revisions(portal);
        var declarations = registry.declarations(portal);
        var document = registry.document(portal, eu.charte.portal.Language.FR);
        String rendered = run(renderCharter, List.of("--portal", slug, "--format", "json")).out();

        String broken = CharterImporterTests.FIXTURES.resolve("broken/row-cells.txt").toString();
        Run refused = run(importCharter, List.of("--portal", slug, broken));

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains(broken + ":11: This row has 3 cells, but the table header has 4.")
                .contains("nothing changed");
        assertThat(registry.revisions(portal)).isEqualTo(revisions);
        assertThat(registry.declarations(portal)).isEqualTo(declarations);
        assertThat(registry.document(portal, eu.charte.portal.Language.FR)).isEqualTo(document);
        assertThat(run(renderCharter, List.of("--portal", slug, "--format", "json")).out()).isEqualTo(rendered);
    }

    @Test
    void aRowTheRegistryRefusesChangesNothingAndIsReportedAtItsLine() {
        String slug = createPortal("[\"fr\"]", "FR");
        Portal portal = portals.findBySlug(slug).orElseThrow();
        List<Revision.Summary> revisions = registry.revisions(portal);
        var declarations = registry.declarations(portal);
        String file = CharterImporterTests.FIXTURES.resolve("broken/fr-lifetime-too-long.md").toString();

        Run refused = run(importCharter, List.of("--portal", slug, file));

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains(file + ":16: lifetimeSeconds: ");
        assertThat(registry.revisions(portal)).isEqualTo(revisions);
        assertThat(registry.declarations(portal)).isEqualTo(declarations);
        assertThat(registry.document(portal, eu.charte.portal.Language.FR)).isEmpty();
    }

    @Test
    void aBrokenFileCreatesNoPortal() {
        String slug = "never-" + UUID.randomUUID().toString().substring(0, 8);
        String file = CharterImporterTests.FIXTURES.resolve("broken/bad-name.md").toString();

        Run refused = run(importCharter, List.of("--portal", slug, "--create", file));

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains(file + ":8: \"_ga, _gid\" is not a cookie name");
        assertThat(portals.findBySlug(slug)).isEmpty();
    }

    @Test
    void aRowTheRegistryWouldRefuseCreatesNoPortal() {
        String slug = "never-" + UUID.randomUUID().toString().substring(0, 8);
        String file = CharterImporterTests.FIXTURES.resolve("broken/fr-lifetime-too-long.md").toString();

        Run refused = run(importCharter, List.of("--portal", slug, "--create", "--jurisdiction", "FR", file));

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains(file + ":16: lifetimeSeconds: In France, ");
        assertThat(portals.findBySlug(slug)).isEmpty();
    }

    @Test
    void anUnknownPortalWithoutCreateIsAnErrorOfUse() {
        String slug = "unknown-" + UUID.randomUUID().toString().substring(0, 8);

        Run refused = run(importCharter, List.of("--portal", slug,
                CharterImporterTests.FIXTURES.resolve("portail-namur.txt").toString()));

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("Unknown portal '" + slug + "'").contains("--create");
        assertThat(portals.findBySlug(slug)).isEmpty();
        assertThat(run(renderCharter, List.of("--portal", slug)).exit()).isEqualTo(2);
    }

    @Test
    void rendersAnEarlierRevisionAsItWas() {
        String slug = createPortal("[\"fr\"]", "BE");
        String before = run(renderCharter, List.of("--portal", slug, "--format", "text")).out();

        Run imported = run(importCharter, List.of("--portal", slug,
                CharterImporterTests.FIXTURES.resolve("portail-namur.txt").toString()));
        Run first = run(renderCharter, List.of("--portal", slug, "--format", "text", "--revision", "1"));
        Run missing = run(renderCharter, List.of("--portal", slug, "--revision", "99"));

        assertThat(imported.exit()).isZero();
        assertThat(first.exit()).isZero();
        assertThat(first.out()).isEqualTo(before).doesNotContain("Namur");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no revision 99");
    }

    @Test
    void aPortalAdministratorUploadsACharterInTheBackOffice() throws IOException {
        String slug = createPortal("[\"fr\", \"en\"]", "BE");
        TestClient admin = signIn(createUser("ADMIN", slug));
        TestClient.Response form = admin.get("/admin/portals/" + slug + "/import", "Accept", "text/html");
        assertThat(form.status()).isEqualTo(200);
        Document page = Jsoup.parse(form.body());
        assertThat(page.select("form[enctype=multipart/form-data] input[type=file][name=file]")).hasSize(1);
        assertThat(page.select("select#language option").eachAttr("value")).containsExactly("fr", "en");
        Path charter = seeds().get(1);

        TestClient.Response uploaded = upload(admin, slug, charter.getFileName().toString(), Files.readAllBytes(charter),
                "fr");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(302);
        assertThat(uploaded.header("Location").orElseThrow()).endsWith("/p/" + slug + "/charte-cookies?lang=fr");
        TestClient.Response publicPage = client().get("/p/" + slug + "/charte-cookies?lang=fr");
        assertThat(publicPage.status()).isEqualTo(200);
        assertThat(Jsoup.parse(publicPage.body()).select("main table td").eachText()).contains("django_language");
        TestClient.Response text = client().get("/p/" + slug + "/charte-cookies.txt?lang=fr");
        List<String> lines = CharterImporterTests.comparable(text.body(), false);
        List<String> input = CharterImporterTests.comparable(Files.readString(charter), charter.toString().endsWith(".md"));
        assertThat(lines.subList(0, input.size())).isEqualTo(input);
        Portal portal = portals.findBySlug(slug).orElseThrow();
        assertThat(registry.latest(portal).orElseThrow().publishedBy()).startsWith("admin-");
    }

    @Test
    void aRefusedUploadListsTheLinesAtFaultAndChangesNothing() {
        String slug = createPortal("[\"fr\"]", "BE");
        Portal portal = portals.findBySlug(slug).orElseThrow();
        List<Revision.Summary> revisions = registry.revisions(portal);
        TestClient admin = signIn(createUser("ADMIN", slug));
        admin.get("/admin/portals/" + slug + "/import", "Accept", "text/html");

        TestClient.Response refused = upload(admin, slug, "charte.md", String.join("\n",
                "# Charte cookies", "", "### Cookies nécessaires", "",
                "| Nom du prestataire | Service et emplacement | Nom du cookie | Finalités | Durée de conservation |",
                "|---|---|---|---|---|",
                "| Opendatasoft | Authentification | sessionid | Se souvenir de l'utilisateur | Session |",
                "| Opendatasoft | Langue | django_language | Se souvenir de la langue | longtemps |",
                "| Opendatasoft | Langue | a b | Se souvenir de la langue | 1 an |").getBytes(StandardCharsets.UTF_8),
                "fr");

        assertThat(refused.status()).isEqualTo(422);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select("#import-problems li").eachAttr("data-line")).containsExactly("8", "9");
        assertThat(page.select("#import-problems li").eachText()).containsExactly(
                "Ligne 8 : Impossible de lire la durée « longtemps » : écrivez par exemple Session, 30 jours, 13 mois "
                        + "ou 1 an.",
                "Ligne 9 : « a b » n'est pas un nom de cookie : indiquez un seul nom exact par ligne (lettres, chiffres "
                        + "et !#$%&'*+-.^_`|~), avec * pour toute suite de caractères.");
        assertThat(registry.revisions(portal)).isEqualTo(revisions);

        TestClient.Response empty = upload(admin, slug, "empty.txt", new byte[0], "fr");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(Jsoup.parse(empty.body()).select("#file-error")).hasSize(1);
    }

    @Test
    void anotherPortalsAdministratorCannotUploadOrSeeTheForm() throws IOException {
        String slug = createPortal("[\"fr\"]", "BE");
        String other = createPortal("[\"fr\"]", "BE");
        Portal portal = portals.findBySlug(slug).orElseThrow();
        List<Revision.Summary> revisions = registry.revisions(portal);
        TestClient intruder = signIn(createUser("ADMIN", other));
        intruder.get("/admin/portals/" + other + "/import", "Accept", "text/html");
        Path charter = seeds().get(0);

        TestClient.Response form = intruder.get("/admin/portals/" + slug + "/import", "Accept", "text/html");
        TestClient.Response uploaded = upload(intruder, slug, "charte.txt", Files.readAllBytes(charter), "fr");

        assertThat(form.status()).isEqualTo(403);
        assertThat(uploaded.status()).isEqualTo(403);
        assertThat(registry.revisions(portal)).isEqualTo(revisions);
    }

    @Test
    void anAuditorMaySeeTheFormButNotUpload() throws IOException {
        String slug = createPortal("[\"fr\"]", "BE");
        Portal portal = portals.findBySlug(slug).orElseThrow();
        List<Revision.Summary> revisions = registry.revisions(portal);
        TestClient auditor = signIn(createUser("AUDITOR", slug));

        TestClient.Response form = auditor.get("/admin/portals/" + slug + "/import", "Accept", "text/html");
        TestClient.Response uploaded = upload(auditor, slug, "charte.txt", Files.readAllBytes(seeds().get(0)), "fr");

        assertThat(form.status()).isEqualTo(200);
        assertThat(uploaded.status()).isEqualTo(403);
        assertThat(registry.revisions(portal)).isEqualTo(revisions);
    }

    // ------------------------------------------------------------------------------------------------------------

    private static Run run(Command command, List<String> options, String... more) {
        List<String> arguments = new ArrayList<>(options);
        arguments.addAll(Arrays.asList(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = command.run(arguments, o, e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A multipart form POST as a browser sends it, the CSRF token in a form field. */
    private static TestClient.Response upload(TestClient client, String slug, String fileName, byte[] content,
            String language) {
        String boundary = "----charte" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String token = client.cookie("csrftoken").orElseThrow();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n"
                + token + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\n"
                + language + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(client.builder("/admin/portals/" + slug + "/import", "Accept", "text/html",
                "Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");

    /** A Markdown document's headings: level and text, Markdown escapes read. */
    private static List<String> headings(String markdown) {
        List<String> headings = new ArrayList<>();
        for (String line : markdown.split("\\R")) {
            Matcher m = MARKDOWN_HEADING.matcher(line.strip());
            if (m.matches()) {
                headings.add(m.group(1).length() + " " + CharterImporter.unescape(m.group(2)));
            }
        }
        return headings;
    }
}
