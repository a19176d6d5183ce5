package eu.charte.account;

import java.io.Serializable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in user, as kept in the session (Spring Session serialises it) or built from an API token.
 * Memberships are not cached here: they are read per request, so a change applies at once.
 * Not a {@link java.security.Principal}: Spring MVC would then hand controllers the request's authentication
 * token instead of this record.
 */
public record AccountPrincipal(long id, String email, boolean platformAdmin)
        implements AuthenticatedPrincipal, Serializable {

    @Override
    public String getName() {
        return email;
    }
}
