package eu.charte.registry;

import eu.charte.portal.Language;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A published revision of a portal's registry: immutable, numbered from 1.
 *
 * @param hash SHA-256 of the snapshot, identifying exactly what was published
 */
public record Revision(long portalId, int number, Instant publishedAt, String publishedBy, Content content,
        String hash) {

    /** What a revision holds: the declarations and the portal's own charter texts, as published. */
    public record Content(List<Declaration> declarations, Map<Language, CharterDocument> documents) {
        public Content {
            declarations = List.copyOf(declarations);
            documents = Map.copyOf(documents);
        }
    }

    /** A revision without its content, for lists. */
    public record Summary(int number, Instant publishedAt, String publishedBy, String hash) {
    }
}
