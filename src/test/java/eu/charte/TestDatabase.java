package eu.charte;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database integration tests run on: H2 in a file (the embedded default) unless the system property
 * {@code charte.test.db=postgres}, then PostgreSQL over a real connection: the server named by
 * {@code CHARTE_TEST_PG_URL} (with {@code CHARTE_TEST_PG_USER}, {@code CHARTE_TEST_PG_PASSWORD}), or else an
 * embedded PostgreSQL started once per test JVM.
 */
public final class TestDatabase {

    private static final String KIND = System.getProperty("charte.test.db", "h2");
    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    public static boolean postgres() {
        return KIND.equals("postgres");
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        String[] connection = connection();
        registry.add("spring.datasource.url", () -> connection[0]);
        registry.add("spring.datasource.username", () -> connection[1]);
        registry.add("spring.datasource.password", () -> connection[2]);
    }

    /** URL, user and password of a fresh database for one application context. */
    public static synchronized String[] connection() {
        if (!postgres()) {
            Path file = Path.of("target", "test-db", "charte-" + UUID.randomUUID());
            return new String[] {"jdbc:h2:file:" + file.toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", ""};
        }
        String url = System.getenv("CHARTE_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            return new String[] {url, System.getenv().getOrDefault("CHARTE_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("CHARTE_TEST_PG_PASSWORD", "")};
        }
        try {
            if (embedded == null) {
                embedded = EmbeddedPostgres.builder().start();
            }
            String db = "charte_" + UUID.randomUUID().toString().replace("-", "");
            try (var c = embedded.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db);
            }
            return new String[] {embedded.getJdbcUrl("postgres", db), "postgres", "postgres"};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
