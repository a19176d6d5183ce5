package eu.charte.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the {@code prod} profile on the embedded H2 database or with default secrets, before any
 * connection is opened. Registered on the application in {@code CharteApplication}.
 */
public class ProductionGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Set<String> DEFAULT_SECRETS =
            Set.of("", "sa", "postgres", "password", "changeme", "change-me", "charte", "admin", "secret");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(ConfigurableEnvironment env) {
        if (!Arrays.asList(env.getActiveProfiles()).contains("prod")) {
            return;
        }
        String url = env.getProperty("spring.datasource.url", "");
        if (url.isBlank() || url.startsWith("jdbc:h2:")) {
            throw new IllegalStateException("The prod profile needs PostgreSQL: set spring.datasource.url to a "
                    + "jdbc:postgresql:// URL (the embedded H2 database is for trying and developing only).");
        }
        if (isDefault(env.getProperty("spring.datasource.password"))) {
            throw new IllegalStateException("The prod profile refuses a default or empty database password: set "
                    + "spring.datasource.password (SPRING_DATASOURCE_PASSWORD).");
        }
        String admin = env.getProperty("charte.admin.password");
        if (admin != null && (isDefault(admin) || admin.length() < 12)) {
            throw new IllegalStateException("The prod profile refuses a default or short CHARTE_ADMIN_PASSWORD "
                    + "(at least 12 characters).");
        }
    }

    private static boolean isDefault(String secret) {
        return secret == null || DEFAULT_SECRETS.contains(secret.trim().toLowerCase(Locale.ROOT));
    }
}
