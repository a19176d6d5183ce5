package eu.charte.account;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Signs users in with their e-mail address and password; the resulting principal is an {@link AccountPrincipal}. */
@Component
class AccountAuthenticationProvider implements AuthenticationProvider {

    private final AccountService accounts;

    AccountAuthenticationProvider(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getPrincipal());
        String password = String.valueOf(authentication.getCredentials());
        AccountPrincipal principal = accounts.authenticate(email, password)
                .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
        return authenticated(principal);
    }

    /** An authenticated token for the principal, with its authorities. */
    static UsernamePasswordAuthenticationToken authenticated(AccountPrincipal principal) {
        var authorities = principal.platformAdmin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_PLATFORM_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
