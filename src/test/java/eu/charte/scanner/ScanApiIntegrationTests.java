package eu.charte.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import eu.charte.portal.PortalService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scans through the API, the back office and the command line, on the fixture site (a real Chromium): 202 with a
 * Location then the JSON report, the history and the difference with the previous scan, cancelling, problem
 * documents for bad requests, tenant isolation, the command's exit codes. Compliance checklist rule 1 (a scan of the
 * fixture reports what is written before any choice).
 */
class ScanApiIntegrationTests extends IntegrationTestSupport {

    private static FixtureSite site;

    @Autowired
    private JsonMapper json;
    @Autowired
    private ScanCommand command;
    @Autowired
    private PortalService portals;
    @Autowired
    private ScanService scans;
    @Autowired
    private ScanRepository repository;

    @BeforeAll
    static void startSite() throws Exception {
        site = new FixtureSite(3);
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    private String body(int maxPages) {
        return """
                {"urls": ["%s"], "maxPages": %d, "maxDepth": 2, "pageTimeoutSeconds": 5}""".formatted(site.url(), maxPages);
    }

    private JsonNode waitFor(TestClient client, String location) {
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(until)) {
            TestClient.Response scan = client.get(location);
            assertThat(scan.status()).as(scan.body()).isEqualTo(200);
            JsonNode node = json.readTree(scan.body());
            if (List.of("done", "failed", "cancelled").contains(node.path("status").asString())) {
                return node;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("scan " + location + " did not finish");
    }

    @Test
    void apiQueuesAScanThenServesItsReportHistoryAndDifference() {
        String slug = createPortal("[\"fr\"]", "FR");
        TestClient admin = signInAsAdmin();
        admin.get("/admin");

        TestClient.Response started = admin.postJson("/api/v1/portals/" + slug + "/scans", body(2), admin.csrfHeader());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location").orElseThrow();
        assertThat(location).matches("/api/v1/portals/" + slug + "/scans/\\d+");
        JsonNode done = waitFor(admin, location);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        assertThat(done.path("trigger").asString()).isEqualTo("api");

        TestClient.Response report = admin.get(location + "/report");
        assertThat(report.status()).isEqualTo(200);
        JsonNode r = json.readTree(report.body());
        assertThat(r.path("portal").asString()).isEqualTo(slug);
        assertThat(r.path("revision").asInt()).isEqualTo(1);
        assertThat(r.path("pages").size()).isEqualTo(2);
        List<String> types = r.path("findings").valueStream().map(f -> f.path("type").asString()).toList();
        // Nothing of the fixture is declared in this portal's registry: the script's cookie is undeclared, before
        // consent; the FR portal's platform cookies are declared and never seen.
        assertThat(types).contains("undeclared", "before-consent", "declared-not-seen", "insecure-attributes");
        JsonNode pk = r.path("findings").valueStream()
                .filter(f -> f.path("type").asString().equals("before-consent")
                        && f.path("cookie").path("name").asString().equals("_pk_id.1.a1b2"))
                .findFirst().orElseThrow();
        assertThat(pk.path("severity").asString()).isEqualTo("high");
        assertThat(pk.path("page").asString()).isEqualTo(site.url());
        assertThat(pk.path("profile").asString()).isEqualTo("no-interaction");

        // A second scan: same findings, so the difference with the first is empty.
        TestClient.Response again = admin.postJson("/api/v1/portals/" + slug + "/scans", body(2), admin.csrfHeader());
        String second = again.header("Location").orElseThrow();
        assertThat(waitFor(admin, second).path("status").asString()).isEqualTo("done");
        JsonNode diff = json.readTree(admin.get(second + "/diff").body());
        assertThat(diff.path("previous").asLong()).isEqualTo(done.path("id").asLong());
        assertThat(diff.path("added").size()).isZero();
        assertThat(diff.path("resolved").size()).isZero();

        JsonNode history = json.readTree(admin.get("/api/v1/portals/" + slug + "/scans").body());
        assertThat(history.size()).isEqualTo(2);

        // The back office shows the history and the report, grouped by type.
        TestClient.Response list = admin.get("/admin/portals/" + slug + "/scans");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"scan-now\"", "data-id=\"" + done.path("id").asLong() + "\"");
        TestClient.Response page = admin.get("/admin/portals/" + slug + "/scans/" + done.path("id").asLong());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"findings-undeclared\"", "id=\"findings-before-consent\"",
                "_pk_id.1.a1b2", "id=\"add-to-registry\"");

        // "Add to registry" from the back office: the undeclared Matomo cookie becomes a draft declaration.
        TestClient.Response declared = admin.postForm("/admin/portals/" + slug + "/scans/" + done.path("id").asLong()
                + "/declare", Map.of("key", "cookie _pk_id.1.a1b2@127.0.0.1"));
        assertThat(declared.status()).isEqualTo(302);
        assertThat(admin.get("/api/v1/portals/" + slug + "/cookies").body()).contains("\"_pk_id.*\"", "Matomo");
    }

    @Test
    void cancellingARunningScanStopsItsBrowsers() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = signInAsAdmin();
        admin.get("/admin");
        // The slow page keeps the scan busy long enough to cancel it.
        TestClient.Response started = admin.postJson("/api/v1/portals/" + slug + "/scans", """
                {"urls": ["%sslow"], "maxPages": 5, "pageTimeoutSeconds": 60}""".formatted(site.url()),
                admin.csrfHeader());
        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location").orElseThrow();
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (!json.readTree(admin.get(location).body()).path("status").asString().equals("running")
                && Instant.now().isBefore(until)) {
            pause();
        }
        pause();
        TestClient.Response cancelled = admin.postJson(location + "/cancel", "{}", admin.csrfHeader());
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
        assertThat(waitFor(admin, location).path("status").asString()).isEqualTo("cancelled");
        assertThat(chromiumProcesses()).as("Chromium processes left").isZero();
    }

    @Test
    void aDueScheduleQueuesAScanAndMovesToTheNextDate() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = signInAsAdmin();
        admin.get("/admin/portals/" + slug + "/scans");
        TestClient.Response saved = admin.postForm("/admin/portals/" + slug + "/scans/settings",
                Map.of("intervalDays", "7", "maxPages", "1", "rejectSelector", "", "acceptSelector", ""));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location").orElse("")).endsWith("status=saved");
        var portal = portals.require(slug);
        ScanSettings settings = scans.settings(portal);
        assertThat(settings.intervalDays()).isEqualTo(7);
        assertThat(settings.nextRunAt()).isAfter(Instant.now().plus(Duration.ofDays(6)));

        Instant past = Instant.now().minus(Duration.ofMinutes(1));
        assertThat(repository.reschedule(portal.id(), settings.nextRunAt(), past)).isTrue();
        scans.runDue();
        List<ScanRecord> history = scans.history(portal);
        assertThat(history).extracting(ScanRecord::trigger).containsExactly("schedule");
        assertThat(scans.settings(portal).nextRunAt()).isAfter(Instant.now().plus(Duration.ofDays(6)));
        scans.runDue();
        assertThat(scans.history(portal)).as("not due again").hasSize(1);
        scans.cancel(portal, history.get(0).id());
        waitFor(admin, "/api/v1/portals/" + slug + "/scans/" + history.get(0).id());
    }

    @Test
    void badRequestsAreProblemDocumentsAndOtherPortalsScansAreOutOfReach() {
        String slug = createPortal("[\"fr\"]", "BE");
        TestClient admin = signInAsAdmin();
        admin.get("/admin");
        TestClient.Response bad = admin.postJson("/api/v1/portals/" + slug + "/scans",
                "{\"urls\": [\"ftp://example.org/\"], \"maxPages\": 0}", admin.csrfHeader());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(bad.body()).doesNotContain("Exception");
        assertThat(admin.get("/api/v1/portals/" + slug + "/scans/999999").status()).isEqualTo(404);

        // An auditor of another portal sees none of this portal's scans.
        String other = createPortal("[\"fr\"]", "BE");
        TestClient auditor = signIn(createUser("AUDITOR", other));
        assertThat(auditor.get("/api/v1/portals/" + slug + "/scans").status()).isEqualTo(403);
        assertThat(auditor.get("/admin/portals/" + slug + "/scans").status()).isEqualTo(403);
        // An auditor of the portal reads but does not start scans.
        TestClient reader = signIn(createUser("AUDITOR", slug));
        reader.get("/admin");
        assertThat(reader.get("/api/v1/portals/" + slug + "/scans").status()).isEqualTo(200);
        assertThat(reader.postJson("/api/v1/portals/" + slug + "/scans", body(1), reader.csrfHeader()).status())
                .isEqualTo(403);
    }

    @Test
    void commandExitsWithOneOnFindingsZeroUnderTheThresholdAndTwoWhenItCannotRun() {
        String slug = createPortal("[\"fr\"]", "BE");
        List<String> base = List.of("--portal", slug, "--url", site.url(), "--max-pages", "1", "--page-timeout", "5");

        Run high = run(base, "--format", "json", "--fail-on", "high");
        assertThat(high.code()).as(high.err()).isEqualTo(1);
        JsonNode report = json.readTree(high.out());
        assertThat(report.path("portal").asString()).isEqualTo(slug);
        assertThat(report.path("findings").size()).isPositive();

        // A page without banner: only the banner not found (medium) and the declared cookies not seen (info).
        List<String> plain = List.of("--portal", slug, "--url", site.url() + "plain", "--max-pages", "1",
                "--max-depth", "0", "--page-timeout", "5");
        Run text = run(plain, "--fail-on", "high");
        assertThat(text.code()).as(text.out() + text.err()).isZero();
        assertThat(text.out()).startsWith("Scan of " + slug).contains("declared-not-seen", "no-banner");
        assertThat(run(plain).code()).as("default threshold: medium").isEqualTo(1);

        Run html = run(plain, "--format", "html", "--fail-on", "high");
        assertThat(html.code()).isZero();
        assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("findings-declared-not-seen",
                "findings-page-error");

        assertThat(run(List.of("--portal", "no-such-portal")).code()).isEqualTo(2);
        assertThat(run(base, "--fail-on", "urgent").code()).isEqualTo(2);
        assertThat(run(List.of("--portal", slug, "--url", "ftp://x")).code()).isEqualTo(2);
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(List<String> base, String... more) {
        List<String> arguments = new java.util.ArrayList<>(base);
        arguments.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Chromium processes started by this JVM that are still running. */
    private static long chromiumProcesses() {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        long count;
        do {
            count = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false)).count();
            if (count > 0) {
                pause();
            }
        } while (count > 0 && Instant.now().isBefore(until));
        return count;
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
