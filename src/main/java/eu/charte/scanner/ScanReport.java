package eu.charte.scanner;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.charte.registry.Category;
import eu.charte.registry.CookieCatalogue;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of one scan, as the JSON report, the API and the back office show it
 * (schema: {@code docs/scanner-report.schema.json}).
 *
 * @param revision the registry revision the scan compared against; null when the portal published none
 * @param ownHosts the hosts crawled and treated as first party
 * @param incomplete why not every page could be visited (time limit, cancelled); null when the scan completed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScanReport(String portal, Integer revision, Instant startedAt, Instant finishedAt, List<String> ownHosts,
        String incomplete, List<Page> pages, List<Finding> findings) {

    /** A page and how each profile loaded it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Page(String url, int depth, Map<String, PageLoad> profiles) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PageLoad(Integer status, String error, long loadMillis) {
    }

    /**
     * One difference between what the portal does and what its registry declares, with its evidence.
     *
     * @param key what the finding is about, stable from scan to scan (for the difference with the previous scan)
     * @param page the page where it was first seen (for {@code declared-not-seen}: none)
     * @param profile the profile in which it was first seen
     * @param setBy the request (Set-Cookie header) or script that wrote the cookie or key
     * @param detail a short machine-readable reason ({@code missing: Secure, SameSite}, {@code timeout})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Finding(FindingType type, Severity severity, String key, String page, Profile profile, Cookie cookie,
            Storage storage, Request request, Observations.SetBy setBy, DeclarationRef declaration,
            CookieCatalogue.Suggestion suggestion, String detail) {
    }

    /** A cookie with its attributes; {@code expires} in seconds since the epoch, absent for a session cookie. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cookie(String name, String domain, String path, Long expires, Long lifetimeSeconds, Boolean httpOnly,
            Boolean secure, String sameSite) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Storage(String area, String key, String origin) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String host, String url, String type) {
    }

    /** The declaration a finding is about. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeclarationRef(long id, String name, Category category, String thirdPartyDomain, Long lifetimeSeconds) {
    }

    /** Whether a finding reaches the threshold. */
    boolean hasFindingAtOrAbove(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
    }
}
