package eu.charte.consent;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Section 9: "a server killed with kill -9 under load has committed every record it acknowledged". Starts the real
 * server as a separate JVM on a fresh database (H2 file, or PostgreSQL with {@code -Dcharte.test.db=postgres}),
 * sends consents from 8 threads, kills it with SIGKILL ({@link Process#destroyForcibly()}) in the middle of the load,
 * starts it again on the same database, and checks that every consent that got 201 or 200 is in the ledger and that
 * {@code verify-ledger} finds the chain intact.
 */
class ConsentKillIntegrationTests {

    private static final String SLUG = "ardennemetropole";
    private static final String TEXTS = "{\"title\":\"Gestion des cookies\"}";

    private final List<Process> started = new ArrayList<>();
    private final Path logs = Path.of("target", "consent-kill");

    @AfterEach
    void stopServers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void everyAcknowledgedConsentSurvivesKillDashNine() throws Exception {
        String[] db = TestDatabase.connection();
        String url = TestDatabase.postgres() ? db[0] : db[0] + ";AUTO_SERVER=TRUE";
        Files.createDirectories(logs);
        int port = freePort();
        Process first = server(url, db, port, "first");
        awaitHealthy(first, port);
        String hash = LedgerChain.sha256(TEXTS);
        try (Connection c = DriverManager.getConnection(url, db[1], db[2]);
                PreparedStatement insert = c.prepareStatement("INSERT INTO consent_text (portal_id, text_hash, "
                        + "revision, language, texts, first_seen) SELECT id, ?, 1, 'fr', ?, CURRENT_TIMESTAMP "
                        + "FROM portal WHERE slug = ?")) {
            insert.setString(1, hash);
            insert.setString(2, TEXTS);
            insert.setString(3, SLUG);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread sender = new Thread(() -> {
                while (!stop.get()) {
                    String id = UUID.randomUUID().toString();
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/portals/" + SLUG + "/consents"))
                                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("""
                                        {"consentId": "%s", "revision": 1, "language": "fr", "action": "custom",
                                         "choices": {"statistics": true, "marketing": false}, "textHash": "%s"}"""
                                        .formatted(id, hash))).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201 || response.statusCode() == 200) {
                            acknowledged.add(id);
                        }
                    } catch (IOException e) {
                        if (!first.isAlive()) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sender.start();
            senders.add(sender);
        }
        Instant loadStart = Instant.now();
        while (acknowledged.size() < 300 && Duration.between(loadStart, Instant.now()).toSeconds() < 20) {
            Thread.sleep(50);
        }
        first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful stop
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        for (Thread sender : senders) {
            sender.join(10_000);
        }
        assertThat(acknowledged).as("consents acknowledged under load before the kill").hasSizeGreaterThan(50);

        Process second = server(url, db, port, "second");
        awaitHealthy(second, port);
        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url, db[1], db[2]);
                PreparedStatement select = c.prepareStatement("SELECT r.consent_id FROM consent_record r "
                        + "JOIN portal p ON p.id = r.portal_id WHERE p.slug = ?")) {
            select.setString(1, SLUG);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        Set<String> lost = acknowledged.stream().filter(id -> !stored.contains(id)).collect(Collectors.toSet());
        assertThat(lost).as("acknowledged but not in the ledger after kill -9 (of %d acknowledged)",
                acknowledged.size()).isEmpty();
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Process verify = java(url, db, "verify", "verify-ledger", "--portal", SLUG);
        assertThat(verify.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(logs.resolve("verify.log"), StandardCharsets.UTF_8);
        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).contains(SLUG + ": OK");
    }

    private Process server(String url, String[] db, int port, String name) throws IOException {
        return java(url, db, name, "--server.port=" + port, "--charte.demo=true",
                "--charte.admin.email=admin@charte.test", "--charte.admin.password=a-long-test-password",
                "--charte.consent.rate-per-minute=0", "--logging.level.root=WARN");
    }

    /** A JVM running Charte with the main classes and the runtime libraries (no test classes). */
    private Process java(String url, String[] db, String name, String... args) throws IOException {
        String classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, "eu.charte.CharteApplication"));
        command.addAll(List.of(args));
        command.addAll(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + db[1],
                "--spring.datasource.password=" + db[2]));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start();
        started.add(process);
        return process;
    }

    private void awaitHealthy(Process process, int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("server started; see " + logs).isTrue();
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server not healthy within 180 s; see " + logs);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static {
        try {
            Class.forName("org.h2.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

}
