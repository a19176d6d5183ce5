package eu.charte.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.jayway.jsonpath.JsonPath;
import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import eu.charte.cli.Command;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The known-cookie catalogue in the whole application: {@code import-cookie-db} with the Open Cookie Database file
 * of {@code ../shared/data} (this project's small sample when that file is absent outside CI), then suggestions over
 * HTTP (issue 3, section 5).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CookieCatalogueIntegrationTests extends IntegrationTestSupport {

    private static final Path SHARED = Path.of("..", "shared", "data", "open-cookie-database.csv");
    private static final Path SAMPLE = Path.of("src", "test", "resources", "catalogue",
            "open-cookie-database-sample.csv");
    private static final String PORTAL = "ardennemetropole";

    @Autowired
    private List<Command> commands;
    @Autowired
    private CookieCatalogue catalogue;
    @Autowired
    private CookieCatalogueRepository repository;
    @Autowired
    private PlatformTransactionManager transactionManager;

    private Path file;
    private int imported;

    /** A command's exit code and what it printed. */
    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    void importTheCatalogue() {
        file = catalogueFile();
        Run run = importCookieDb(file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("Imported \\d+ rows");
        imported = Integer.parseInt(run.out().replaceAll("(?s).*Imported (\\d+) rows.*", "$1"));
        assertThat(catalogue.importedCount()).isEqualTo(imported);
        if (file.equals(SHARED)) {
            assertThat(imported).as("the Open Cookie Database has about 2,200 rows").isGreaterThan(2_000);
        } else {
            assertThat(imported).isEqualTo(13);
        }
    }

    /** The shared Open Cookie Database; in CI its absence is a failure, elsewhere the sample stands in. */
    private static Path catalogueFile() {
        if (Files.isRegularFile(SHARED)) {
            return SHARED;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("Missing " + SHARED.toAbsolutePath().normalize() + ": CI must test the import of the real catalogue");
        }
        System.err.println("WARNING: " + SHARED + " is absent; importing the sample " + SAMPLE + " instead");
        return SAMPLE;
    }

    @Test
    void suggestsGoogleAnalyticsByExactName() {
        TestClient.Response response = suggestion(signInAsAdmin(), "_ga");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(response.body(), "$.provider")).isEqualTo("Google Analytics");
        assertThat(JsonPath.<String>read(response.body(), "$.category")).isEqualTo("statistics");
        assertThat(JsonPath.<String>read(response.body(), "$.matchedName")).isEqualTo("_ga");
        assertThat(JsonPath.<String>read(response.body(), "$.source")).isEqualTo("builtin");
        assertThat(JsonPath.<String>read(response.body(), "$.purpose")).isNotBlank();
        assertThat(JsonPath.<Integer>read(response.body(), "$.lifetimeSeconds")).isEqualTo(400 * 86400);
    }

    @Test
    void suggestsByWildcard() {
        TestClient admin = signInAsAdmin();

        TestClient.Response ga4 = suggestion(admin, "_ga_XYZ");
        TestClient.Response gtag = suggestion(admin, "_gat_gtag_UA_1234_1");
        TestClient.Response adobe = suggestion(admin, "AMCV_ABC123");

        assertThat(ga4.status()).as(ga4.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(ga4.body(), "$.matchedName")).isEqualTo("_ga_*");
        assertThat(JsonPath.<String>read(ga4.body(), "$.category")).isEqualTo("statistics");
        assertThat(JsonPath.<String>read(ga4.body(), "$.provider")).isEqualTo("Google Analytics");
        // Imported wildcards: the one that fixes more characters than ours wins; one we do not have at all.
        assertThat(JsonPath.<String>read(gtag.body(), "$.matchedName")).isEqualTo("_gat_gtag_*");
        assertThat(JsonPath.<String>read(gtag.body(), "$.source")).isEqualTo("open-cookie-database");
        assertThat(JsonPath.<Integer>read(gtag.body(), "$.lifetimeSeconds")).isEqualTo(3600);
        assertThat(adobe.status()).as(adobe.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(adobe.body(), "$.matchedName")).isEqualTo("AMCV_*");
        assertThat(JsonPath.<String>read(adobe.body(), "$.provider")).isEqualTo("Adobe Audience Manager");
        assertThat(JsonPath.<String>read(adobe.body(), "$.category")).isEqualTo("marketing");
    }

    @Test
    void suggestsMatomoByTheBuiltInPattern() {
        TestClient.Response response = suggestion(signInAsAdmin(), "_pk_id.1.abc");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(response.body(), "$.provider")).isEqualTo("Matomo");
        assertThat(JsonPath.<String>read(response.body(), "$.matchedName")).isEqualTo("_pk_id.*");
        assertThat(JsonPath.<String>read(response.body(), "$.source")).isEqualTo("builtin");
        assertThat(JsonPath.<Integer>read(response.body(), "$.lifetimeSeconds")).isEqualTo(395 * 86400);
    }

    @Test
    void suggestsFromTheImportedCatalogueWhatOursDoesNotKnow() {
        TestClient.Response response = suggestion(signInAsAdmin(), "CookieConsent");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(response.body(), "$.source")).isEqualTo("open-cookie-database");
        assertThat(JsonPath.<String>read(response.body(), "$.provider")).isEqualTo("Cookiebot");
        assertThat(JsonPath.<String>read(response.body(), "$.category")).as("Functional").isEqualTo("preferences");
        assertThat(JsonPath.<Integer>read(response.body(), "$.lifetimeSeconds")).isEqualTo(365 * 86400);
    }

    @Test
    void anUnknownNameIsAProblem404() {
        TestClient.Response response = suggestion(signInAsAdmin(), "no_such_cookie_anywhere");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.type")).endsWith("/not-found");
        assertThat(JsonPath.<String>read(response.body(), "$.errors[0].field")).isEqualTo("name");
    }

    @Test
    void aMissingOrOversizedNameIsABadRequest() {
        TestClient admin = signInAsAdmin();

        assertThat(admin.get("/api/v1/portals/" + PORTAL + "/cookies/suggestions").status()).isEqualTo(400);
        assertThat(suggestion(admin, "x".repeat(201)).status()).isEqualTo(400);
        assertThat(suggestion(admin, "").status()).isEqualTo(400);
    }

    @Test
    void membersOfThePortalGetSuggestionsOthersDoNot() {
        String auditor = createUser("AUDITOR", PORTAL);
        String stranger = createUser("ADMIN", "data-bep");

        assertThat(suggestion(signIn(auditor), "_gid").status()).isEqualTo(200);
        assertThat(suggestion(signIn(stranger), "_gid").status()).isEqualTo(403);
        assertThat(suggestion(client(), "_gid").status()).isEqualTo(401);
        assertThat(suggestion(signIn(stranger), "_gid", "data-bep").status()).isEqualTo(200);
    }

    @Test
    void aFileWithBadLinesIsReportedLineByLineAndChangesNothing(@TempDir Path folder) throws IOException {
        Path bad = folder.resolve("bad.csv");
        Files.writeString(bad, """
                ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match
                1,Fine,Analytics,fine_cookie,,"Fine, with a comma",1 day,Fine,,0
                2,Bad,Tracking,bad_cookie,,Unknown category,1 day,Bad,,0
                3,Short,Analytics,short_cookie,,Too few fields
                4,Fine,Analytics,fine_cookie_2,,Fine,1 day,Fine,,0
                """, StandardCharsets.UTF_8);

        Run run = importCookieDb(bad.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("line 3: unknown category \"Tracking\"")
                .contains("line 4: 6 fields where the header has 10")
                .contains("Nothing was imported.")
                .doesNotContain("line 2:").doesNotContain("line 5:");
        assertThat(run.out()).isEmpty();
        assertThat(catalogue.importedCount()).isEqualTo(imported);
        assertThat(catalogue.suggest("fine_cookie")).isEmpty();
        assertThat(catalogue.suggest("CookieConsent")).isPresent();
    }

    @Test
    void aMissingFileOrNoFileIsAnError() {
        Run missing = importCookieDb("/nonexistent/catalogue.csv");
        Run none = run(List.of());

        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("no such file");
        assertThat(none.exit()).isNotZero();
        assertThat(none.err()).contains("import-cookie-db FILE");
        assertThat(catalogue.importedCount()).isEqualTo(imported);
    }

    @Test
    void aNewImportReplacesTheWholeCatalogue(@TempDir Path folder) throws IOException {
        Path small = folder.resolve("small.csv");
        Files.writeString(small, """
                ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match
                1,Only One,Marketing,only_this_one,,The one cookie of this catalogue,2 days,Only One,,0
                """, StandardCharsets.UTF_8);
        try {
            Run run = importCookieDb(small.toString());

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("Imported 1 rows");
            assertThat(catalogue.importedCount()).isEqualTo(1);
            TestClient admin = signInAsAdmin();
            TestClient.Response only = suggestion(admin, "only_this_one");
            assertThat(only.status()).isEqualTo(200);
            assertThat(JsonPath.<Integer>read(only.body(), "$.lifetimeSeconds")).isEqualTo(2 * 86400);
            assertThat(suggestion(admin, "CookieConsent").status()).isEqualTo(404);
            assertThat(suggestion(admin, "_ga").status()).as("the built-in catalogue stays").isEqualTo(200);
        } finally {
            assertThat(importCookieDb(file.toString()).exit()).isZero();
        }
        assertThat(catalogue.importedCount()).isEqualTo(imported);
        assertThat(catalogue.suggest("only_this_one")).isEmpty();
    }

    /** An import made by another process (another node, or the command line) shows within charte.cache-ttl. */
    @Test
    void anImportByAnotherProcessShowsWithinTheCacheTime() throws Exception {
        assertThat(catalogue.suggest("from_another_node")).isEmpty();
        String csv = """
                ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match
                1,Elsewhere,Analytics,from_another_node,,Imported by another process,1 day,Elsewhere,,0
                """;
        List<OpenCookieDatabase.Row> rows;
        try (Reader reader = new StringReader(csv)) {
            rows = OpenCookieDatabase.parse(reader);
        }
        try {
            // Straight to the database, as another JVM would: this node's catalogue is not told.
            new TransactionTemplate(transactionManager)
                    .executeWithoutResult(s -> repository.replace(rows, "elsewhere.csv", Instant.now()));
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (catalogue.suggest("from_another_node").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(catalogue.suggest("from_another_node")).isPresent();
            assertThat(catalogue.suggest("CookieConsent")).isEmpty();
        } finally {
            assertThat(importCookieDb(file.toString()).exit()).isZero();
        }
        assertThat(catalogue.suggest("from_another_node")).isEmpty();
    }

    private TestClient.Response suggestion(TestClient client, String name) {
        return suggestion(client, name, PORTAL);
    }

    private TestClient.Response suggestion(TestClient client, String name, String portal) {
        return client.get("/api/v1/portals/" + portal + "/cookies/suggestions?name="
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private Run importCookieDb(String path) {
        return run(List.of(path));
    }

    private Run run(List<String> arguments) {
        Command command = commands.stream().filter(c -> c.name().equals("import-cookie-db")).findFirst()
                .orElseThrow(() -> new AssertionError("no import-cookie-db command"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
