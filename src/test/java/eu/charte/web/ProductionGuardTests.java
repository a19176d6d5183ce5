package eu.charte.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The prod profile refuses the embedded database and default secrets (issue 2, item 2). */
class ProductionGuardTests {

    private static StandardEnvironment env(boolean prod, Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        if (prod) {
            env.setActiveProfiles("prod");
        }
        return env;
    }

    @Test
    void refusesH2InProduction() {
        assertThatThrownBy(() -> ProductionGuard.check(env(true, Map.of(
                "spring.datasource.url", "jdbc:h2:file:./data/charte", "spring.datasource.password", "x7#kq!Lr"))))
                .hasMessageContaining("PostgreSQL");
    }

    @Test
    void refusesDefaultDatabasePasswordInProduction() {
        assertThatThrownBy(() -> ProductionGuard.check(env(true, Map.of(
                "spring.datasource.url", "jdbc:postgresql://db/charte", "spring.datasource.password", "postgres"))))
                .hasMessageContaining("password");
    }

    @Test
    void refusesShortAdminPasswordInProduction() {
        assertThatThrownBy(() -> ProductionGuard.check(env(true, Map.of(
                "spring.datasource.url", "jdbc:postgresql://db/charte", "spring.datasource.password", "x7#kq!Lr",
                "charte.admin.password", "changeme"))))
                .hasMessageContaining("CHARTE_ADMIN_PASSWORD");
    }

    @Test
    void acceptsPostgresWithRealSecrets() {
        assertThatCode(() -> ProductionGuard.check(env(true, Map.of(
                "spring.datasource.url", "jdbc:postgresql://db/charte", "spring.datasource.password", "x7#kq!Lr",
                "charte.admin.password", "a-real-long-password")))).doesNotThrowAnyException();
    }

    @Test
    void leavesOtherProfilesAlone() {
        assertThatCode(() -> ProductionGuard.check(env(false, Map.of("spring.datasource.url", "jdbc:h2:mem:x"))))
                .doesNotThrowAnyException();
    }
}
