package eu.charte.consent;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Section 9 and "Bad input": with the database unreachable the API answers 503 with Retry-After within 2 seconds
 * (and records the consent once it is sent again), and more than {@code charte.consent.rate-per-minute} consents
 * from one client address are answered 429. The database is made unreachable by a switch in front of the real
 * data source: while it is off, asking for a connection hangs as a pool waiting for a dead server does.
 */
@Import(ConsentAvailabilityIntegrationTests.Unreachable.class)
@TestPropertySource(properties = {"charte.consent.rate-per-minute=5", "charte.cache-ttl=1s"})
class ConsentAvailabilityIntegrationTests extends IntegrationTestSupport {

    @Autowired
    ConsentLedger ledger;
    @Autowired
    PortalService portals;

    @AfterEach
    void databaseBack() {
        Unreachable.up();
    }

    private String body(UUID id, String hash) {
        return """
                {"consentId": "%s", "revision": 1, "language": "fr", "action": "reject_all",
                 "choices": {"statistics": false}, "textHash": "%s"}""".formatted(id, hash);
    }

    private String portalWithTexts() {
        String slug = createPortal("[\"fr\"]", "BE");
        ledger.archiveTexts(portals.require(slug), 1, Language.FR, hashOf(slug), textsOf(slug));
        return slug;
    }

    private static String textsOf(String slug) {
        return "{\"title\":\"" + slug + "\"}";
    }

    private static String hashOf(String slug) {
        return LedgerChain.sha256(textsOf(slug));
    }

    /** Posts a consent while the database is unreachable: 503 with Retry-After, within 2 seconds. */
    private TestClient.Response refusedWithinTwoSeconds(String path, String body, String address) {
        long start = System.nanoTime();
        TestClient.Response refused = client().postJson(path, body, "X-Forwarded-For", address);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(refused.header("Retry-After")).isPresent();
        return refused;
    }

    /** One consent posted while the database is reachable: the node's caches and its writer are warm. */
    private void warmUp(String path, String hash, String address) {
        assertThat(ConsentLedgerIntegrationTests.postUntilCommitted(client(), path, body(UUID.randomUUID(), hash),
                "X-Forwarded-For", address).status()).as("warm-up, database reachable").isEqualTo(201);
    }

    @Test
    void answers503WithRetryAfterWithinTwoSecondsWhenTheDatabaseIsUnreachable() {
        String slug = portalWithTexts();
        Portal portal = portals.require(slug);
        String hash = hashOf(slug);
        String path = "/api/v1/portals/" + slug + "/consents";
        warmUp(path, hash, "192.0.2.1");

        Unreachable.down();
        UUID id = UUID.randomUUID();
        TestClient.Response refused = refusedWithinTwoSeconds(path, body(id, hash), "192.0.2.2");
        assertThat(refused.header("Content-Type").orElse("")).contains("application/problem+json");

        Unreachable.up();
        TestClient.Response again = ConsentLedgerIntegrationTests.postUntilCommitted(client(), path, body(id, hash),
                "X-Forwarded-For", "192.0.2.2");
        assertThat(again.status()).as("the banner sends it again later").isIn(200, 201);
        assertThat(ledger.history(portal, id)).hasSize(1);
        assertThat(ledger.verify(portal).intact()).isTrue();
    }

    /**
     * An outage longer than the per-node caches' delay ({@code charte.cache-ttl}, 1 s here): the portal and its ledger
     * settings are still answered from the last values read, so the API still answers 503 within 2 seconds (it waited
     * for a connection before: 30 s with Hikari's default), and reads them again once the database is back.
     */
    @Test
    void anOutageLongerThanTheCachesStillAnswers503WithinTwoSeconds() throws InterruptedException {
        String slug = portalWithTexts();
        Portal portal = portals.require(slug);
        String hash = hashOf(slug);
        String path = "/api/v1/portals/" + slug + "/consents";
        warmUp(path, hash, "192.0.2.3");

        Unreachable.down();
        Thread.sleep(1_500); // past charte.cache-ttl: every cached look-up is due to be read again
        for (int attempt = 0; attempt < 2; attempt++) {
            refusedWithinTwoSeconds(path, body(UUID.randomUUID(), hash), "192.0.2.4");
        }

        Unreachable.up();
        UUID id = UUID.randomUUID();
        assertThat(ConsentLedgerIntegrationTests.postUntilCommitted(client(), path, body(id, hash), "X-Forwarded-For",
                "192.0.2.4").status()).isEqualTo(201);
        assertThat(ledger.history(portal, id)).hasSize(1);
    }

    @Test
    void moreConsentsThanTheRateFromOneAddressAre429() throws InterruptedException {
        String slug = portalWithTexts();
        String hash = hashOf(slug);
        String path = "/api/v1/portals/" + slug + "/consents";
        if (LocalTime.now().getSecond() > 55) {
            Thread.sleep(6_000); // the limit counts per clock minute: start inside one
        }
        // Each attempt counts, so the five allowed are sent once each (a 503 of a cold node is also under the limit).
        for (int i = 0; i < 5; i++) {
            assertThat(client().postJson(path, body(UUID.randomUUID(), hash), "X-Forwarded-For", "198.51.100.9")
                    .status()).isIn(201, 503);
        }
        TestClient.Response limited = client().postJson(path, body(UUID.randomUUID(), hash), "X-Forwarded-For",
                "198.51.100.9");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(limited.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(ConsentLedgerIntegrationTests.postUntilCommitted(client(), path, body(UUID.randomUUID(), hash),
                "X-Forwarded-For", "198.51.100.10").status()).as("another address").isEqualTo(201);
    }

    /** A switch in front of the application's data source. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Unreachable {

        private static volatile CountDownLatch down = new CountDownLatch(0);

        static void down() {
            down = new CountDownLatch(1);
        }

        static void up() {
            down.countDown();
        }

        @Bean
        static BeanPostProcessor unreachableDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
                        return new DelegatingDataSource(dataSource) {
                            @Override
                            public Connection getConnection() throws SQLException {
                                waitForUp();
                                return super.getConnection();
                            }
                        };
                    }
                    return bean;
                }
            };
        }

        private static void waitForUp() throws SQLException {
            try {
                if (!down.await(30, TimeUnit.SECONDS)) {
                    throw new SQLTransientConnectionException("database unreachable");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted");
            }
        }
    }
}
