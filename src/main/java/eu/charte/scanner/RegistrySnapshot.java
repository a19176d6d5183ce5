package eu.charte.scanner;

import eu.charte.registry.CookieCatalogue;
import eu.charte.registry.Declaration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a scan compares against: the declarations of the portal's latest published revision, the known-cookie
 * catalogue for suggestions, and the names that mark session and CSRF cookies.
 *
 * @param revision the revision's number; null when the portal published none (everything is then undeclared)
 */
record RegistrySnapshot(Integer revision, List<Declaration> declarations,
        Function<String, Optional<CookieCatalogue.Suggestion>> catalogue, Set<String> sessionCookies,
        Set<String> csrfCookies) {

    RegistrySnapshot {
        declarations = List.copyOf(declarations);
        sessionCookies = Set.copyOf(sessionCookies);
        csrfCookies = Set.copyOf(csrfCookies);
    }
}
