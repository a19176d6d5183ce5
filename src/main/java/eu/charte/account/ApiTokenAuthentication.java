package eu.charte.account;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Turns a personal API token into an authentication, for the bearer filter at the edge. */
@Component
public class ApiTokenAuthentication {

    private final AccountService accounts;

    ApiTokenAuthentication(AccountService accounts) {
        this.accounts = accounts;
    }

    public Optional<Authentication> authenticate(String token) {
        return accounts.authenticateToken(token).map(AccountAuthenticationProvider::authenticated);
    }
}
