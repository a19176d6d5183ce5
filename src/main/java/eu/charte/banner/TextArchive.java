package eu.charte.banner;

import eu.charte.portal.Portal;
import eu.charte.portal.Language;

/**
 * Where the banner archives every text set it shows, under its hash, so that a consent record naming a
 * {@code textHash} proves what the visitor read (checklist rule 21). The consent ledger implements it
 * ({@code ConsentLedger.archiveTexts}); the banner calls it once per (portal, hash) and node.
 * Implementations are idempotent.
 */
public interface TextArchive {

    /**
     * @param textHash lowercase hex SHA-256 of the UTF-8 bytes of {@code textsJson}
     * @param textsJson the canonical JSON of the {@code texts} object of {@code banner.json}
     */
    void archiveTexts(Portal portal, int revision, Language language, String textHash, String textsJson);
}
