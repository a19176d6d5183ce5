package eu.charte.consent;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalService;
import eu.charte.registry.Category;
import eu.charte.registry.DeclarationDraft;
import eu.charte.registry.DeclarationText;
import eu.charte.registry.RegistryService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consent ledger over real HTTP (issue 4, sections 8 and 9; compliance rules 20, 21 and 22): idempotence,
 * history, conflicts, bad input, CORS, proofs by consent id, export, tamper detection by verify-ledger and the
 * retention purge. Each test works on a portal of its own.
 */
class ConsentLedgerIntegrationTests extends IntegrationTestSupport {

    static final String FR_TEXTS = "{\"title\":\"Gestion des cookies\",\"acceptAll\":\"Tout accepter\","
            + "\"rejectAll\":\"Tout refuser\"}";
    static final String EN_TEXTS = "{\"title\":\"Cookie settings\",\"acceptAll\":\"Accept all\","
            + "\"rejectAll\":\"Reject all\"}";

    @Autowired
    ConsentLedger ledger;
    @Autowired
    PortalService portals;
    @Autowired
    RegistryService registry;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    VerifyLedgerCommand verifyLedger;
    @Autowired
    JsonMapper json;
    @Autowired
    ConsentRepository repository;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MeterRegistry meters;

    String slug;
    Portal portal;
    String frHash;
    String enHash;

    @BeforeEach
    void portalWithArchivedTexts() {
        slug = createPortal("[\"fr\", \"en\"]", "FR");
        portal = portals.require(slug);
        frHash = LedgerChain.sha256(FR_TEXTS);
        enHash = LedgerChain.sha256(EN_TEXTS);
        ledger.archiveTexts(portal, 1, Language.FR, frHash, FR_TEXTS);
        ledger.archiveTexts(portal, 1, Language.EN, enHash, EN_TEXTS);
    }

    String consent(UUID id, int revision, String language, String action, String choices, String hash) {
        return """
                {"consentId": "%s", "revision": %d, "language": "%s", "action": "%s", "choices": %s,
                 "textHash": "%s"}""".formatted(id, revision, language, action, choices, hash);
    }

    String reject(UUID id) {
        return consent(id, 1, "fr", "reject_all",
                "{\"preferences\": false, \"statistics\": false, \"marketing\": false}", frHash);
    }

    String accept(UUID id) {
        return consent(id, 1, "fr", "accept_all",
                "{\"preferences\": true, \"statistics\": true, \"marketing\": true}", frHash);
    }

    /**
     * Posts a consent as the banner does: sent again after a 503 (a cold node on a loaded test machine may not
     * commit within the second the API waits; 503 itself is tested in ConsentAvailabilityIntegrationTests).
     */
    TestClient.Response post(String body, String... headers) {
        return postUntilCommitted(client(), "/api/v1/portals/" + slug + "/consents", body, headers);
    }

    static TestClient.Response postUntilCommitted(TestClient client, String path, String body, String... headers) {
        TestClient.Response response = client.postJson(path, body, headers);
        boolean refused = false;
        for (int attempt = 1; attempt < 5 && response.status() == 503; attempt++) {
            refused = true;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            response = client.postJson(path, body, headers);
        }
        if (refused && response.status() == 200) {
            // The refused attempt's record was committed after its 503 (a cold node's first commit can take longer
            // than the wait): the repeat found it. For the caller this is the first record of this decision.
            return new TestClient.Response(201, response.raw(), response.body(), response.setCookies());
        }
        return response;
    }

    JsonNode read(TestClient.Response response) {
        return json.readTree(response.body());
    }

    /** Rule 20: one record per decision, answered 201 once committed; the same decision again is harmless. */
    @Test
    void recordsADecisionOnceAndAnswersTheSameDecisionAgainWithTheSameRecord() {
        UUID id = UUID.randomUUID();
        TestClient.Response first = post(reject(id), "User-Agent", "Mozilla/5.0 " + "x".repeat(300));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.setCookieNames()).as("the consent API sets no cookie").isEmpty();
        JsonNode record = read(first);
        assertThat(record.get("consentId").stringValue()).isEqualTo(id.toString());
        assertThat(record.get("action").stringValue()).isEqualTo("reject_all");
        assertThat(record.get("choices").get("marketing").booleanValue()).isFalse();
        assertThat(record.get("textHash").stringValue()).isEqualTo(frHash);
        assertThat(record.get("source").stringValue()).isEqualTo("click");
        assertThat(record.get("variant").stringValue()).isEqualTo("banner");
        assertThat(record.has("userAgent") || record.has("ip") || record.has("previousHash"))
                .as("the banner's answer carries no proof fields").isFalse();
        assertThat(Instant.parse(record.get("recordedAt").stringValue()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));

        TestClient.Response again = post(reject(id));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        List<ConsentRecord> history = ledger.history(portal, id);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).userAgent()).hasSize(ConsentSubmission.USER_AGENT_LENGTH).startsWith("Mozilla/5.0");
        assertThat(history.get(0).ip()).as("no address unless the portal asks for it").isNull();
    }

    /** Section 9: a later decision of the same visitor is a new record; going back to an earlier choice too. */
    @Test
    void laterDecisionsOfTheSameVisitorFormTheConsentsHistory() {
        UUID id = UUID.randomUUID();
        assertThat(post(reject(id)).status()).isEqualTo(201);
        assertThat(post(accept(id)).status()).isEqualTo(201);
        TestClient.Response custom = post(consent(id, 1, "fr", "custom",
                "{\"preferences\": true, \"statistics\": false, \"marketing\": false}", frHash));
        assertThat(custom.status()).as(custom.body()).isEqualTo(201);
        TestClient.Response withdraw = post(consent(id, 1, "fr", "withdraw",
                "{\"preferences\": false, \"statistics\": false, \"marketing\": false}", frHash).replace("}\n", "}")
                .replace("\"textHash\"", "\"variant\": \"preferences\", \"textHash\""));
        assertThat(withdraw.status()).as(withdraw.body()).isEqualTo(201);
        assertThat(post(reject(id)).status()).as("refusing again after a withdrawal is a new decision").isEqualTo(201);

        List<ConsentRecord> history = ledger.history(portal, id);
        assertThat(history).extracting(r -> r.action().code())
                .containsExactly("reject_all", "accept_all", "custom", "withdraw", "reject_all");
        assertThat(history.get(3).variant()).isEqualTo("preferences");
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).sequence()).isGreaterThan(history.get(i - 1).sequence());
        }
    }

    /** Section 9: different content under the same consent id that is no later decision is a conflict (409). */
    @Test
    void conflictingContentUnderTheSameConsentIdIsRefused() {
        UUID id = UUID.randomUUID();
        assertThat(post(accept(id)).status()).isEqualTo(201);
        TestClient.Response sameDecisionOtherTexts = post(consent(id, 1, "en", "accept_all",
                "{\"preferences\": true, \"statistics\": true, \"marketing\": true}", enHash));
        assertThat(sameDecisionOtherTexts.status()).as(sameDecisionOtherTexts.body()).isEqualTo(409);
        assertThat(sameDecisionOtherTexts.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(read(sameDecisionOtherTexts).get("errors").get(0).get("field").stringValue())
                .isEqualTo("consentId");

        registry.add(portal, new DeclarationDraft("Matomo", "_pk_id", Category.STATISTICS, null, 3600L, List.of(),
                null, Map.of(Language.FR, new DeclarationText("Mesure d'audience", "Statistiques de visite"))));
        int two = registry.publish(portal, "test").number();
        assertThat(two).isEqualTo(2);
        TestClient.Response underTwo = post(reject(id).replace("\"revision\": 1", "\"revision\": 2"));
        assertThat(underTwo.status()).as(underTwo.body()).isEqualTo(201);
        TestClient.Response backToOne = post(accept(id));
        assertThat(backToOne.status()).as("a decision under an older revision than the latest").isEqualTo(409);
        assertThat(read(backToOne).get("errors").get(0).get("field").stringValue()).isEqualTo("revision");
        assertThat(ledger.history(portal, id)).hasSize(2);
    }

    @Test
    void badInputIsA400NamingTheFieldAndNeverA500() {
        UUID id = UUID.randomUUID();
        TestClient.Response malformed = post("{\"consentId\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(read(malformed).get("type").stringValue()).endsWith("/malformed-request");

        TestClient.Response missing = post("{\"consentId\": \"" + id + "\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).containsExactlyInAnyOrder("revision", "language", "action", "choices",
                "textHash");

        assertThat(fields(post(reject(id).replace("\"marketing\": false", "\"marketing\": false, \"social\": true"))))
                .containsExactly("choices.social");
        assertThat(fields(post(reject(id).replace("\"revision\": 1", "\"revision\": 99")))).containsExactly("revision");
        assertThat(fields(post(reject(id).replace(frHash, "a".repeat(64))))).containsExactly("textHash");
        assertThat(fields(post(reject(id).replace(frHash, "not-a-hash")))).containsExactly("textHash");
        assertThat(fields(post(reject(id).replace("\"fr\"", "\"de\"")))).as("a language the portal does not offer")
                .containsExactly("language");
        assertThat(fields(post(reject(id).replace("\"fr\"", "\"en\"")))).as("French texts claimed in English")
                .containsExactly("textHash");
        assertThat(fields(post(reject(id).replace("reject_all", "maybe")))).containsExactly("action");
        assertThat(fields(post(reject(id).replace(id.toString(), "42")))).containsExactly("consentId");
        assertThat(fields(post(accept(id).replace("\"marketing\": true", "\"marketing\": false"))))
                .as("accept_all with a refused category").containsExactly("choices");
        assertThat(fields(post(reject(id).replace("\"textHash\"", "\"source\": \"robot\", \"textHash\""))))
                .containsExactly("source");
        assertThat(post("[1, 2]").status()).isEqualTo(400);
        assertThat(post("").status()).isEqualTo(400);

        TestClient.Response large = post(reject(id).replace("\"textHash\"", "\"padding\": \"" + "x".repeat(9000)
                + "\", \"textHash\""));
        assertThat(large.status()).isEqualTo(413);
        TestClient.Response unknownPortal = client().postJson("/api/v1/portals/no-such-portal-here/consents",
                reject(id));
        assertThat(unknownPortal.status()).isEqualTo(404);
        assertThat(unknownPortal.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(ledger.history(portal, id)).as("nothing was recorded").isEmpty();
    }

    private List<String> fields(TestClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type").orElse("")).contains("application/problem+json");
        return read(response).get("errors").valueStream().map(e -> e.get("field").stringValue()).toList();
    }

    /** Rule 33 and section 8: only the portal's own origins may post; a server (no Origin) may too. */
    @Test
    void acceptsConsentsFromThePortalsOwnOriginsOnly() {
        String own = "https://" + slug + ".example.org";
        TestClient.Response preflight = client().send(client().builder("/api/v1/portals/" + slug + "/consents",
                "Origin", own, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
                "content-type").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).contains(own);
        assertThat(preflight.header("Access-Control-Allow-Methods").orElse("")).contains("POST");

        TestClient.Response fromPortal = post(reject(UUID.randomUUID()), "Origin", own);
        assertThat(fromPortal.status()).as(fromPortal.body()).isEqualTo(201);
        assertThat(fromPortal.header("Access-Control-Allow-Origin")).contains(own);

        TestClient.Response foreign = post(reject(UUID.randomUUID()), "Origin", "https://evil.example.com");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isEmpty();
        TestClient.Response foreignPreflight = client().send(client().builder("/api/v1/portals/" + slug
                + "/consents", "Origin", "http://" + slug + ".example.org", "Access-Control-Request-Method", "POST")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(foreignPreflight.status()).as("plain http is not the portal's origin").isEqualTo(403);

        assertThat(post(reject(UUID.randomUUID()), "Content-Type", "text/plain").status())
                .as("text/plain (no preflight, sendBeacon)").isEqualTo(201);
    }

    /**
     * The consent POST is timed by its own timer ({@code charte.consents}, by status) and left out of the generic
     * request observation, which still times the other requests.
     */
    @Test
    void consentRequestsAreTimedByStatusOutsideTheGenericRequestMetric() {
        double created = consentTimerCount("201");
        double invalid = consentTimerCount("400");
        long observed = requestsObserved();
        assertThat(post(reject(UUID.randomUUID())).status()).isEqualTo(201);
        assertThat(post("{}").status()).isEqualTo(400);
        assertThat(client().get("/p/" + slug + "/charte-cookies").status()).isEqualTo(200);

        // Timers are recorded once the answer is written: the client may read it a moment before.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && (consentTimerCount("201") < created + 1
                || consentTimerCount("400") < invalid + 1 || requestsObserved() < observed + 1)) {
            Thread.onSpinWait();
        }
        assertThat(consentTimerCount("201")).isEqualTo(created + 1);
        assertThat(consentTimerCount("400")).isEqualTo(invalid + 1);
        assertThat(requestsObserved()).as("the charter page is observed, the two consent requests are not")
                .isEqualTo(observed + 1);
        assertThat(meters.find("http.server.requests").timers())
                .noneMatch(t -> "POST".equals(t.getId().getTag("method"))
                        && String.valueOf(t.getId().getTag("uri")).endsWith("/consents"));
    }

    long requestsObserved() {
        return meters.find("http.server.requests").timers().stream().mapToLong(t -> t.count()).sum();
    }

    double consentTimerCount(String status) {
        var timer = meters.find(ConsentMetrics.TIMER).tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    /**
     * Two nodes: another node appends a consent's record and commits while this node's writer waits for the chain's
     * lock. The same decision then reaching this node is that record (200), not a second one. On PostgreSQL the
     * writer's look-up runs in the very statement that waits for the lock, from a snapshot taken before the other
     * node's commit: it must look again.
     */
    @Test
    void aRecordAnotherNodeCommitsWhileThisNodeWaitsForTheChainIsSeen() throws Exception {
        assertThat(post(reject(UUID.randomUUID())).status()).as("this node has written the chain").isEqualTo(201);
        UUID id = UUID.randomUUID();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConsentRecord[] appended = {null};
        Thread otherNode = new Thread(() -> transactions.executeWithoutResult(status -> {
            ConsentRepository.Chain head = repository.lockChain(portal.id());
            Map<String, Boolean> none = new LinkedHashMap<>();
            ConsentSubmission.CATEGORIES.forEach(category -> none.put(category, false));
            ConsentRecord unhashed = new ConsentRecord(head.lastSeq() + 1, id,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), 1, Language.FR,
                    ConsentAction.REJECT_ALL, none, frHash, "click", "banner", null, null, head.lastHash(), "");
            ConsentRecord record = new ConsentRecord(unhashed.sequence(), id, unhashed.recordedAt(), 1, Language.FR,
                    ConsentAction.REJECT_ALL, none, frHash, "click", "banner", null, null, head.lastHash(),
                    LedgerChain.hash(portal.id(), unhashed));
            repository.append(portal.id(), List.of(record), record.sequence(), record.hash());
            appended[0] = record;
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "other-node");
        otherNode.start();
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        var answer = CompletableFuture.supplyAsync(() -> client().postJson(
                "/api/v1/portals/" + slug + "/consents", reject(id)));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!someoneWaitsForALock() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        boolean waited = someoneWaitsForALock();
        release.countDown();
        otherNode.join(10_000);
        assertThat(waited).as("this node's writer waited for the other node's lock").isTrue();

        TestClient.Response response = answer.get(20, TimeUnit.SECONDS);
        if (response.status() == 503) {
            response = post(reject(id));
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(read(response).get("sequence").asLong()).isEqualTo(appended[0].sequence());
        assertThat(ledger.history(portal, id)).hasSize(1);
        assertThat(ledger.verify(portal).findings()).isEmpty();
    }

    /** Whether a session waits for a row lock: PostgreSQL's activity view, H2's sessions table. */
    boolean someoneWaitsForALock() {
        String sql = eu.charte.TestDatabase.postgres()
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                : "SELECT COUNT(*) FROM information_schema.sessions WHERE blocker_id IS NOT NULL";
        Long waiting = jdbc.queryForObject(sql, Long.class);
        return waiting != null && waiting > 0;
    }

    /** Rule 20: the proof is retrievable by consent id, by the portal's members only, with the texts shown. */
    @Test
    void membersLookAProofUpByConsentIdWithTheTextsTheVisitorSaw() {
        UUID id = UUID.randomUUID();
        post(reject(id));
        post(accept(id));
        String path = "/api/v1/portals/" + slug + "/consents/" + id;
        assertThat(client().get(path).status()).isIn(401, 403);
        String otherSlug = createPortal("[\"fr\"]", "FR");
        assertThat(signIn(createUser("ADMIN", otherSlug)).get(path).status()).isEqualTo(403);

        TestClient auditor = signIn(createUser("AUDITOR", slug));
        TestClient.Response proof = auditor.get(path);
        assertThat(proof.status()).as(proof.body()).isEqualTo(200);
        JsonNode body = read(proof);
        assertThat(body.get("records").valueStream().map(r -> r.get("action").stringValue()).toList())
                .containsExactly("reject_all", "accept_all");
        JsonNode second = body.get("records").get(1);
        assertThat(second.get("previousHash").stringValue()).isEqualTo(body.get("records").get(0).get("hash")
                .stringValue());
        assertThat(second.get("userAgent").stringValue()).isNotBlank();
        assertThat(second.has("ip")).as("no address kept unless the portal switches it on").isFalse();
        assertThat(second.get("choices").get("statistics").booleanValue()).isTrue();
        assertThat(body.get("texts").get(frHash).get("texts").get("rejectAll").stringValue()).isEqualTo("Tout refuser");
        assertThat(auditor.get("/api/v1/portals/" + slug + "/consents/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(auditor.get("/api/v1/portals/" + slug + "/consents/not-a-uuid").status()).isEqualTo(400);

        TestClient.Response page = auditor.get("/admin/portals/" + slug + "/consents?consentId=" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"records\"").contains("accept_all").contains("Tout refuser");
    }

    /** Style habit 5: one portal's admin sees and changes nothing of another's ledger; texts and ids are per portal. */
    @Test
    void anotherPortalsAdministratorSeesAndChangesNothing() {
        UUID id = UUID.randomUUID();
        assertThat(post(reject(id)).status()).isEqualTo(201);
        String otherSlug = createPortal("[\"fr\"]", "FR");
        TestClient other = signIn(createUser("ADMIN", otherSlug));
        assertThat(other.get("/admin/portals/" + otherSlug + "/consents").status()).isEqualTo(200);
        assertThat(other.get("/admin/portals/" + slug + "/consents").status()).isEqualTo(403);
        assertThat(other.get("/api/v1/portals/" + slug + "/consents?format=csv").status()).isEqualTo(403);
        assertThat(other.get("/api/v1/portals/" + slug + "/consent-texts/" + frHash).status()).isEqualTo(403);
        assertThat(other.putJson("/api/v1/portals/" + slug + "/consent-settings",
                "{\"retentionDays\": 1, \"storeIp\": true}", other.csrfHeader()).status()).isEqualTo(403);
        assertThat(other.postForm("/admin/portals/" + slug + "/consents/settings",
                Map.of("retentionDays", "1", "storeIp", "on")).status()).isEqualTo(403);
        assertThat(ledger.settings(portal).retentionDays()).isEqualTo(1826);

        TestClient.Response foreignTexts = postUntilCommitted(client(), "/api/v1/portals/" + otherSlug + "/consents",
                reject(id));
        assertThat(foreignTexts.status()).as("texts archived for another portal").isEqualTo(400);
        Portal otherPortal = portals.require(otherSlug);
        ledger.archiveTexts(otherPortal, 1, Language.FR, frHash, FR_TEXTS);
        assertThat(postUntilCommitted(client(), "/api/v1/portals/" + otherSlug + "/consents", accept(id)).status())
                .as("the same consent id in another portal is another consent").isEqualTo(201);
        assertThat(ledger.history(portal, id)).extracting(r -> r.action().code()).containsExactly("reject_all");
    }

    @Test
    void exportsTheRecordsOfAPeriodAsCsvAndJson() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        post(reject(a));
        post(accept(b));
        TestClient admin = signIn(createUser("ADMIN", slug));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        TestClient.Response csv = admin.get("/api/v1/portals/" + slug + "/consents?from=" + today + "&to=" + today
                + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("sequence,consent_id,recorded_at");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(a.toString()).contains("reject_all");
        assertThat(lines.get(2)).contains(b.toString()).contains("accept_all");

        TestClient.Response all = admin.get("/api/v1/portals/" + slug + "/consents?format=json");
        assertThat(read(all).valueStream().map(r -> r.get("consentId").stringValue()).toList())
                .containsExactly(a.toString(), b.toString());
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        TestClient.Response before = admin.get("/api/v1/portals/" + slug + "/consents?to=" + yesterday);
        assertThat(read(before).size()).isZero();
        assertThat(admin.get("/api/v1/portals/" + slug + "/consents?from=last-week").status()).isEqualTo(400);
    }

    /** Section 8: verify-ledger reports a record altered, removed or reordered in SQL and exits non-zero. */
    @Test
    void verifyLedgerFindsRecordsAlteredRemovedOrReorderedInTheDatabase() {
        for (int i = 0; i < 5; i++) {
            post(reject(UUID.randomUUID()));
        }
        assertThat(verify()).isZero();
        assertThat(ledger.verify(portal).records()).isEqualTo(5);

        jdbc.update("UPDATE consent_record SET action = 'accept_all', choices = '{\"marketing\":true}' "
                + "WHERE portal_id = ? AND seq = 2", portal.id());
        assertThat(verify()).isEqualTo(1);
        assertThat(output).contains("ALTERED at 2");
        assertThat(ledger.verify(portal).findings()).extracting(LedgerVerification.Finding::sequence).containsExactly(2L);
    }

    @Test
    void verifyLedgerFindsARemovedRecord() {
        for (int i = 0; i < 4; i++) {
            post(reject(UUID.randomUUID()));
        }
        jdbc.update("DELETE FROM consent_record WHERE portal_id = ? AND seq = 3", portal.id());
        assertThat(verify()).isEqualTo(1);
        assertThat(output).contains("REMOVED at 3");
        jdbc.update("DELETE FROM consent_record WHERE portal_id = ? AND seq = 4", portal.id());
        assertThat(ledger.verify(portal).findings()).extracting(LedgerVerification.Finding::kind)
                .contains(LedgerVerification.Kind.REMOVED);
    }

    @Test
    void verifyLedgerFindsSwappedRecords() {
        for (int i = 0; i < 4; i++) {
            post(reject(UUID.randomUUID()));
        }
        jdbc.update("UPDATE consent_record SET seq = -1 WHERE portal_id = ? AND seq = 2", portal.id());
        jdbc.update("UPDATE consent_record SET seq = 2 WHERE portal_id = ? AND seq = 3", portal.id());
        jdbc.update("UPDATE consent_record SET seq = 3 WHERE portal_id = ? AND seq = -1", portal.id());
        assertThat(verify()).isEqualTo(1);
        assertThat(ledger.verify(portal).findings()).extracting(LedgerVerification.Finding::sequence)
                .contains(2L, 3L);
        assertThat(verifyLedger.run(List.of("--portal", "no-such-portal"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }

    private String output;

    private int verify() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = verifyLedger.run(List.of("--portal", slug), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        output = out.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** Rule 22: records older than the portal's retention are purged; the remaining chain still verifies. */
    @Test
    void retentionPurgesOldRecordsAndTheChainStillVerifies() {
        TestClient admin = signIn(createUser("ADMIN", slug));
        TestClient.Response page = admin.get("/admin/portals/" + slug + "/consents");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"settings\"").contains("id=\"export\"");
        TestClient.Response form = admin.postForm("/admin/portals/" + slug + "/consents/settings",
                Map.of("retentionDays", "400"));
        assertThat(form.status()).isEqualTo(302);
        assertThat(form.header("Location").orElse("")).endsWith("status=saved");
        assertThat(ledger.settings(portal)).isEqualTo(new LedgerSettings(400, false));
        assertThat(admin.postForm("/admin/portals/" + slug + "/consents/settings", Map.of("retentionDays", "0"))
                .header("Location").orElse("")).endsWith("status=invalid");
        TestClient.Response saved = admin.putJson("/api/v1/portals/" + slug + "/consent-settings",
                "{\"retentionDays\": 30, \"storeIp\": true}", admin.csrfHeader());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(admin.putJson("/api/v1/portals/" + slug + "/consent-settings",
                "{\"retentionDays\": 0, \"storeIp\": true}", admin.csrfHeader()).status()).isEqualTo(400);
        TestClient auditor = signIn(createUser("AUDITOR", slug));
        assertThat(auditor.get("/admin/portals/" + slug + "/consents").body()).doesNotContain("id=\"settings\"");
        assertThat(auditor.putJson("/api/v1/portals/" + slug + "/consent-settings",
                "{\"retentionDays\": 9, \"storeIp\": false}", auditor.csrfHeader()).status()).isEqualTo(403);

        UUID old1 = UUID.randomUUID();
        UUID old2 = UUID.randomUUID();
        post(reject(old1), "X-Forwarded-For", "203.0.113.77");
        post(accept(old2));
        assertThat(ledger.history(portal, old1).get(0).ip()).as("truncated when the portal keeps addresses")
                .isEqualTo("203.0.113.0");

        assertThat(ledger.purge(portal, Instant.now())).as("nothing is 30 days old yet").isZero();
        assertThat(ledger.purge(portal, Instant.now().plus(Duration.ofDays(31)))).isEqualTo(2);
        assertThat(ledger.history(portal, old1)).isEmpty();
        assertThat(ledger.verify(portal).intact()).isTrue();

        UUID recent = UUID.randomUUID();
        post(reject(recent));
        assertThat(ledger.purgeAll(Instant.now())).isGreaterThanOrEqualTo(0);
        assertThat(ledger.history(portal, recent)).hasSize(1);
        LedgerVerification verification = ledger.verify(portal);
        assertThat(verification.findings()).isEmpty();
        assertThat(verification.records()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT removed FROM consent_purge WHERE portal_id = ?", Long.class,
                portal.id())).isEqualTo(2);
    }

    @Test
    void archivingTextsIsIdempotentAndChecksTheHash() {
        ledger.archiveTexts(portal, 2, Language.FR, frHash, FR_TEXTS);
        assertThat(ledger.texts(portal, frHash)).get().extracting(ConsentTexts::revision).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> ledger.archiveTexts(portal, 1, Language.FR, enHash, FR_TEXTS))
                .isInstanceOf(IllegalArgumentException.class);
        TestClient auditor = signIn(createUser("AUDITOR", slug));
        TestClient.Response texts = auditor.get("/api/v1/portals/" + slug + "/consent-texts/" + enHash);
        assertThat(texts.status()).isEqualTo(200);
        assertThat(read(texts).get("texts").get("acceptAll").stringValue()).isEqualTo("Accept all");
    }

    /**
     * A record is appended only under its portal's locked chain row, which references the portal; the ledger itself
     * keeps no per-record foreign key (migration V14: it cost a check per appended record). Both halves checked in
     * the schema of this database.
     */
    @Test
    void recordsReachTheirPortalThroughTheChainNotAKeyPerRecord() throws Exception {
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            assertThat(referencedTables(connection, "consent_record")).doesNotContain("portal");
            assertThat(referencedTables(connection, "consent_chain")).contains("portal");
        }
        UUID id = UUID.randomUUID();
        assertThat(post(reject(id)).status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM consent_record r JOIN consent_chain c "
                + "ON c.portal_id = r.portal_id JOIN portal p ON p.id = c.portal_id WHERE r.consent_id = ? "
                + "AND p.slug = ?", Integer.class, id, slug)).isEqualTo(1);
    }

    private static List<String> referencedTables(Connection connection, String table)
            throws SQLException {
        List<String> tables = new ArrayList<>();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet keys = connection.getMetaData().getImportedKeys(connection.getCatalog(),
                    connection.getSchema(), name)) {
                while (keys.next()) {
                    tables.add(keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }
}
