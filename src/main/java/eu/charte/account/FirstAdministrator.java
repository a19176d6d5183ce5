package eu.charte.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates the first platform administrator when no account exists: from {@code CHARTE_ADMIN_EMAIL} and
 * {@code CHARTE_ADMIN_PASSWORD}, or with a random password logged once. Not when running a command.
 */
@Component
@Order(20)
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final AccountService accounts;
    private final AccountProperties properties;

    private final Environment environment;

    FirstAdministrator(AccountService accounts, AccountProperties properties, Environment environment) {
        this.accounts = accounts;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!accounts.isEmpty() || environment.containsProperty("charte.command")) {
            return;
        }
        String password = properties.admin().password();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        accounts.create(new NewAccount(properties.admin().email(), password, true, List.of()));
        if (generated) {
            log.warn("Created platform administrator {} with generated password: {} "
                    + "(shown once; change it after signing in)", properties.admin().email(), password);
        } else {
            log.info("Created platform administrator {}", properties.admin().email());
        }
    }
}
