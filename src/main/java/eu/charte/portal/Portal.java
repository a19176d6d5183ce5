package eu.charte.portal;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A portal (tenant): a public web site whose cookies Charte manages.
 *
 * @param languages the languages the portal offers, never empty; the first is its default
 * @param hosts host names under which requests reach this portal directly (lower case)
 */
public record Portal(
        long id,
        String slug,
        String name,
        URI baseUrl,
        List<String> hosts,
        List<Language> languages,
        Jurisdiction jurisdiction,
        DataController controller,
        Instant createdAt,
        Instant updatedAt) {

    /** Name of the request attribute under which the portal resolved at the edge is kept. */
    public static final String REQUEST_ATTRIBUTE = Portal.class.getName();

    public Portal {
        hosts = List.copyOf(hosts);
        languages = List.copyOf(languages);
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("a portal offers at least one language");
        }
    }

    public Language defaultLanguage() {
        return languages.get(0);
    }

    public boolean offers(Language language) {
        return languages.contains(language);
    }

    /** The identity of the data controller a portal's charter and banner name. */
    public record DataController(String organisation, String contact) {
    }
}
