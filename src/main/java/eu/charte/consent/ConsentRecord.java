package eu.charte.consent;

import eu.charte.portal.Language;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One record of the consent ledger: a decision of a visitor, as committed. Immutable; the ledger never changes it.
 *
 * @param sequence the record's place in its portal's chain (1, 2, 3 ...)
 * @param recordedAt server time (UTC, milliseconds) of the commit
 * @param choices the decision per non-necessary category ({@code preferences}, {@code statistics},
 *     {@code marketing}), as sent
 * @param textHash the hash of the archived text set the visitor saw
 * @param userAgent the visitor's user agent, truncated; null when none was sent
 * @param ip the visitor's address truncated to its network (/24, /48), only when the portal keeps it; else null
 * @param previousHash the hash of the record before it in the chain
 * @param hash SHA-256 of {@code previousHash} and this record's canonical form
 */
public record ConsentRecord(long sequence, UUID consentId, Instant recordedAt, int revision, Language language,
        ConsentAction action, Map<String, Boolean> choices, String textHash, String source, String variant,
        String userAgent, String ip, String previousHash, String hash) {

    public ConsentRecord {
        choices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(choices));
    }

    /** Whether the visitor's decision (what they chose, under which texts and how) is the same as another's. */
    boolean sameDecisionAs(ConsentRecord other) {
        return revision == other.revision && language == other.language && action == other.action
                && choices.equals(other.choices) && textHash.equals(other.textHash) && source.equals(other.source)
                && variant.equals(other.variant);
    }
}
