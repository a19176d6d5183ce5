package eu.charte.consent;

import eu.charte.portal.Language;
import java.time.Instant;

/**
 * A text set a portal's banner showed, archived under its hash: the exact words behind every record naming it.
 *
 * @param texts the canonical JSON of the banner's texts, as archived
 * @param revision and {@code language}: where it was first shown
 */
public record ConsentTexts(String hash, int revision, Language language, String texts, Instant firstSeen) {
}
