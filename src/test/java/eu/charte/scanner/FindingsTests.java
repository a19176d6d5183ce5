package eu.charte.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import eu.charte.portal.Jurisdiction;
import eu.charte.portal.Language;
import eu.charte.registry.Category;
import eu.charte.registry.Declaration;
import eu.charte.registry.DeclarationText;
import eu.charte.scanner.Observations.ProfileRun;
import eu.charte.scanner.Observations.SeenCookie;
import eu.charte.scanner.Observations.SeenRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The comparison of what the profiles saw with the registry, without a browser. Compliance checklist rules 1, 2, 13
 * (what counts as non-necessary, before a choice and after refusal), 14 (lifetimes, ±1 day), 23 (13 months, FR),
 * 32 (400 days; session and CSRF cookie attributes).
 */
class FindingsTests {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final long DAY = 24 * 3600;

    private static ScanTarget target(Jurisdiction jurisdiction) {
        return new ScanTarget("p", jurisdiction, List.of(URI.create("https://www.example.org/")),
                Set.of("www.example.org"), 5, 1, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ZERO,
                Duration.ZERO, null, null);
    }

    private static Declaration declared(String name, Category category, Long lifetime, String thirdParty,
            List<String> hosts) {
        return new Declaration(1, null, "Provider", name, category, thirdParty, lifetime, hosts, null,
                Map.of(Language.FR, new DeclarationText("s", "p")));
    }

    private static SeenCookie cookie(String name, String domain, Long lifetime, boolean httpOnly, boolean secure,
            String sameSite) {
        return new SeenCookie(name, domain, "/", lifetime == null ? null : NOW.getEpochSecond() + lifetime, httpOnly,
                secure, sameSite, "https://www.example.org/", NOW, null);
    }

    private static ProfileRun run(Profile profile, List<SeenCookie> cookies, List<SeenRequest> requests) {
        return new ProfileRun(profile, List.of(), cookies, List.of(), requests, null, null, null);
    }

    private static List<ScanReport.Finding> findings(Jurisdiction jurisdiction, List<Declaration> declarations,
            ProfileRun... runs) {
        return Findings.of(target(jurisdiction), new RegistrySnapshot(1, declarations, n -> Optional.empty(),
                Set.of("sessionid"), Set.of("csrftoken")), List.of(runs));
    }

    @Test
    void frenchNonNecessaryCookiesMayNotLiveOverThirteenMonthsEvenWhenDeclaredSo() {
        Declaration ga = declared("_ga", Category.STATISTICS, 400 * DAY, null, List.of());
        SeenCookie seen = cookie("_ga", ".example.org", 400 * DAY, false, false, null);
        assertThat(findings(Jurisdiction.FR, List.of(ga), run(Profile.ACCEPT_ALL, List.of(seen), List.of())))
                .extracting(f -> f.type(), ScanReport.Finding::detail)
                .containsExactly(tuple(FindingType.LIFETIME_EXCEEDS_DECLARED, "over 13 months (FR, needs consent)"));
        assertThat(findings(Jurisdiction.BE, List.of(ga), run(Profile.ACCEPT_ALL, List.of(seen), List.of())))
                .isEmpty();
    }

    @Test
    void aLifetimeWithinADayOfTheDeclaredOneIsFineOneDayMoreIsNot() {
        Declaration pref = declared("lang", Category.NECESSARY, 30 * DAY, null, List.of());
        assertThat(findings(Jurisdiction.BE, List.of(pref),
                run(Profile.ACCEPT_ALL, List.of(cookie("lang", "www.example.org", 31 * DAY, false, true, "Lax")),
                        List.of()))).isEmpty();
        assertThat(findings(Jurisdiction.BE, List.of(pref),
                run(Profile.ACCEPT_ALL, List.of(cookie("lang", "www.example.org", 31 * DAY + 60, false, true, "Lax")),
                        List.of()))).extracting(ScanReport.Finding::type)
                .containsExactly(FindingType.LIFETIME_EXCEEDS_DECLARED);
    }

    @Test
    void sessionCookiesNeedSecureHttpOnlyAndSameSiteCsrfCookiesNotHttpOnly() {
        List<Declaration> necessary = List.of(declared("sessionid", Category.NECESSARY, null, null, List.of()),
                declared("csrftoken", Category.NECESSARY, 365 * DAY, null, List.of()));
        assertThat(findings(Jurisdiction.BE, necessary, run(Profile.NO_INTERACTION, List.of(
                cookie("sessionid", "www.example.org", null, false, false, null),
                cookie("csrftoken", "www.example.org", 365 * DAY, false, true, "Strict")), List.of())))
                .extracting(ScanReport.Finding::key, ScanReport.Finding::detail)
                .containsExactly(tuple("cookie sessionid@www.example.org", "missing: Secure, HttpOnly, SameSite"));
    }

    @Test
    void aThirdPartyCookieIsNotCoveredByAFirstPartyDeclarationOfTheSameName() {
        Declaration firstParty = declared("_ga", Category.STATISTICS, 365 * DAY, null, List.of());
        assertThat(findings(Jurisdiction.BE, List.of(firstParty), run(Profile.ACCEPT_ALL,
                List.of(cookie("_ga", ".tracker.example.net", 30 * DAY, false, true, "None")), List.of())))
                .extracting(ScanReport.Finding::type).containsExactly(FindingType.UNDECLARED);
    }

    @Test
    void requestsToHostsOfNecessaryDeclarationsAreAllowedBeforeConsentOthersAreNot() {
        Declaration cdn = declared("cdn_lb", Category.NECESSARY, DAY, "cdn.example.net", List.of("*.cdn.example.net"));
        SeenRequest toCdn = new SeenRequest("static.cdn.example.net", "https://static.cdn.example.net/a.js",
                "https://www.example.org/", "Script");
        SeenRequest toAds = new SeenRequest("ads.example.com", "https://ads.example.com/p.gif",
                "https://www.example.org/", "Image");
        assertThat(findings(Jurisdiction.BE, List.of(cdn),
                run(Profile.NO_INTERACTION, List.of(), List.of(toCdn, toAds)),
                run(Profile.REFUSE_ALL, List.of(), List.of(toCdn, toAds))))
                .filteredOn(f -> f.type() != FindingType.DECLARED_NOT_SEEN)
                .extracting(ScanReport.Finding::type, ScanReport.Finding::key)
                .containsExactly(tuple(FindingType.BEFORE_CONSENT, "request ads.example.com"));
    }

    @Test
    void afterRefusalReportsOnlyWhatRefusingAdded() {
        Declaration ads = declared("ads", Category.MARKETING, 30 * DAY, null, List.of());
        SeenCookie before = cookie("ads", "www.example.org", 30 * DAY, false, true, "Lax");
        SeenCookie added = cookie("track", "www.example.org", DAY, false, true, "Lax");
        assertThat(findings(Jurisdiction.BE, List.of(ads), run(Profile.NO_INTERACTION, List.of(before), List.of()),
                run(Profile.REFUSE_ALL, List.of(before, added), List.of())))
                .extracting(ScanReport.Finding::type, ScanReport.Finding::key)
                .containsExactlyInAnyOrder(
                        tuple(FindingType.BEFORE_CONSENT, "cookie ads@www.example.org"),
                        tuple(FindingType.UNDECLARED, "cookie track@www.example.org"),
                        tuple(FindingType.AFTER_REFUSAL, "cookie track@www.example.org"));
    }
}
