package eu.charte.banner;

import eu.charte.consent.ConsentLedger;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import org.springframework.stereotype.Component;

/** The banner's texts are archived in the consent ledger, where each consent record's {@code textHash} resolves. */
@Component
class LedgerTextArchive implements TextArchive {

    private final ConsentLedger ledger;

    LedgerTextArchive(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void archiveTexts(Portal portal, int revision, Language language, String textHash, String textsJson) {
        ledger.archiveTexts(portal, revision, language, textHash, textsJson);
    }
}
