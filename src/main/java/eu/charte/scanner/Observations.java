package eu.charte.scanner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** What one browser profile saw during a scan, before any comparison with the registry. */
final class Observations {

    private Observations() {
    }

    /** Who wrote a cookie or a storage key: a response header of a request, or a script. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SetBy(String kind, String url) {
        static final String HEADER = "header";
        static final String SCRIPT = "script";
    }

    /**
     * A cookie of the browser's jar, the first time this profile had it.
     *
     * @param expires seconds since the epoch; null for a session cookie
     */
    record SeenCookie(String name, String domain, String path, Long expires, boolean httpOnly, boolean secure,
            String sameSite, String page, Instant seenAt, SetBy setBy) {

        /** Seconds from when it was seen to when it expires; null for a session cookie. */
        Long lifetimeSeconds() {
            return expires == null ? null : Math.max(0, expires - seenAt.getEpochSecond());
        }
    }

    /**
     * A storage entry the first time this profile had it.
     *
     * @param area {@code local}, {@code session} or {@code indexeddb} (the key is then the database name)
     */
    record SeenStorage(String area, String key, String origin, String page, SetBy setBy) {
    }

    /** The first request of this profile to another host than the portal's own. */
    record SeenRequest(String host, String url, String page, String type) {
    }

    /**
     * One page as this profile loaded it.
     *
     * @param status the HTTP status of the page's document; null when no response came
     * @param error why the page could not load ({@code timeout}, {@code net::ERR_...}, {@code http-503}); null when it
     *     loaded
     */
    record PageVisit(String url, int depth, Integer status, String error, long loadMillis) {
    }

    /**
     * Everything one profile saw.
     *
     * @param choiceError why the banner could not be answered ({@code no-banner}); null when it was, or for no
     *     interaction
     * @param choicePage the page on which the choice was made (or tried)
     */
    record ProfileRun(Profile profile, List<PageVisit> pages, List<SeenCookie> cookies, List<SeenStorage> storage,
            List<SeenRequest> requests, String choicePage, String choiceError, String stoppedBecause) {
    }
}
