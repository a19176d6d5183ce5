package eu.charte.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings.
 *
 * @param admin the first platform administrator, created when no account exists
 *     ({@code CHARTE_ADMIN_EMAIL}, {@code CHARTE_ADMIN_PASSWORD}); without a password one is generated and logged once
 * @param login sign-in throttling: failures allowed per e-mail address and per client address within the window
 */
@ConfigurationProperties("charte")
record AccountProperties(@DefaultValue Admin admin, @DefaultValue Login login) {

    record Admin(@DefaultValue("admin@charte.local") String email, String password) {
    }

    record Login(@DefaultValue("5") int maxFailuresPerAccount, @DefaultValue("50") int maxFailuresPerAddress,
            @DefaultValue("15m") Duration window) {
    }
}
