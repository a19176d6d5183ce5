package eu.charte.scanner;

import eu.charte.portal.Jurisdiction;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one scan visits and how.
 *
 * @param start the pages the crawl starts from (the portal's base URL, or the URLs given for this scan)
 * @param ownHosts the hosts crawled and counted as first party: the portal's hosts plus those of the start pages
 * @param rejectSelector CSS selector of the portal's own "refuse all" button; null for Charte's banner
 * @param acceptSelector CSS selector of the portal's own "accept all" button; null for Charte's banner
 */
record ScanTarget(String portal, Jurisdiction jurisdiction, List<URI> start, Set<String> ownHosts, int maxPages,
        int maxDepth, Duration pageTimeout, Duration totalTimeout, Duration settle, Duration bannerWait,
        String rejectSelector, String acceptSelector) {

    static final String CHARTE_REJECT = "button[data-charte-action=\"reject_all\"]";
    static final String CHARTE_ACCEPT = "button[data-charte-action=\"accept_all\"]";

    ScanTarget {
        start = List.copyOf(start);
        ownHosts = Set.copyOf(ownHosts);
    }

    /** The CSS selector of the button the profile clicks; null for no interaction. */
    String selector(Profile profile) {
        if (profile == Profile.REFUSE_ALL) {
            return rejectSelector == null || rejectSelector.isBlank() ? CHARTE_REJECT : rejectSelector;
        }
        if (profile == Profile.ACCEPT_ALL) {
            return acceptSelector == null || acceptSelector.isBlank() ? CHARTE_ACCEPT : acceptSelector;
        }
        return null;
    }
}
