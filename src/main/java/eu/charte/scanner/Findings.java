package eu.charte.scanner;

import eu.charte.portal.Jurisdiction;
import eu.charte.registry.Declaration;
import eu.charte.registry.DeclarationDraft;
import eu.charte.scanner.Observations.PageVisit;
import eu.charte.scanner.Observations.ProfileRun;
import eu.charte.scanner.Observations.SeenCookie;
import eu.charte.scanner.Observations.SeenRequest;
import eu.charte.scanner.Observations.SeenStorage;
import eu.charte.scanner.ScanReport.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares what the three profiles saw with the registry. Each finding is reported once, with the evidence of the
 * first profile (in the order no interaction, refuse all, accept all) and page where it showed.
 * <ul>
 * <li>Non-necessary means not covered by a declaration of category necessary: undeclared items count as
 * non-necessary (compliance checklist, conventions).</li>
 * <li>{@code before-consent}: a non-necessary cookie, storage key or request to another host in the no-interaction
 * profile. {@code after-refusal}: one the refuse-all profile had and the no-interaction profile never had, i.e. what
 * refusing added; what was there before any choice is reported once, as {@code before-consent}.</li>
 * <li>Cookies of the same name and domain are one cookie (whatever their path).</li>
 * </ul>
 */
final class Findings {

    static final long DAY = 24 * 3600;
    private static final Pattern SESSION_NAME = Pattern.compile(
            "(?i)(.*sess(ion)?(id)?|jsessionid|phpsessid|asp\\.net_sessionid|connect\\.sid|.*_session)");
    private static final Pattern CSRF_NAME = Pattern.compile("(?i).*(csrf|xsrf).*");

    private final ScanTarget target;
    private final RegistrySnapshot registry;
    private final Map<String, Finding> findings = new LinkedHashMap<>();

    private Findings(ScanTarget target, RegistrySnapshot registry) {
        this.target = target;
        this.registry = registry;
    }

    /** The findings of a scan, sorted by type then key. */
    static List<Finding> of(ScanTarget target, RegistrySnapshot registry, List<ProfileRun> runs) {
        Findings f = new Findings(target, registry);
        List<ProfileRun> ordered = runs.stream().sorted(Comparator.comparing(ProfileRun::profile)).toList();
        f.pageErrors(ordered);
        f.cookies(ordered);
        f.storage(ordered);
        f.requests(ordered);
        f.declaredNotSeen(ordered);
        List<Finding> all = new ArrayList<>(f.findings.values());
        all.sort(Comparator.comparing(Finding::type).thenComparing(Finding::key));
        return List.copyOf(all);
    }

    private void add(Finding finding) {
        findings.putIfAbsent(finding.type().code() + " " + finding.key(), finding);
    }

    private static Finding finding(FindingType type, String key, String page, Profile profile) {
        return new Finding(type, type.severity(), key, page, profile, null, null, null, null, null, null, null);
    }

    private void pageErrors(List<ProfileRun> runs) {
        for (ProfileRun run : runs) {
            for (PageVisit page : run.pages()) {
                if (page.error() != null) {
                    add(new Finding(FindingType.PAGE_ERROR, FindingType.PAGE_ERROR.severity(), "page " + page.url(),
                            page.url(), run.profile(), null, null, null, null, null, null, page.error()));
                }
            }
            if (run.choiceError() != null) {
                add(new Finding(FindingType.PAGE_ERROR, Severity.MEDIUM, "banner " + run.profile().code(),
                        run.choicePage(), run.profile(), null, null, null, null, null, null, run.choiceError()));
            }
        }
    }

    private void cookies(List<ProfileRun> runs) {
        Set<String> beforeChoice = new java.util.HashSet<>();
        for (ProfileRun run : runs) {
            for (SeenCookie c : run.cookies()) {
                String key = "cookie " + c.name() + "@" + bare(c.domain());
                Optional<Declaration> declaration = declarationOfCookie(c);
                ScanReport.Cookie evidence = new ScanReport.Cookie(c.name(), c.domain(), c.path(), c.expires(),
                        c.lifetimeSeconds(), c.httpOnly(), c.secure(), c.sameSite());
                ScanReport.DeclarationRef ref = declaration.map(Findings::ref).orElse(null);
                boolean necessary = declaration.map(d -> !d.category().needsConsent()).orElse(false);
                if (declaration.isEmpty()) {
                    add(new Finding(FindingType.UNDECLARED, FindingType.UNDECLARED.severity(), key, c.page(),
                            run.profile(), evidence, null, null, c.setBy(), null,
                            registry.catalogue().apply(c.name()).orElse(null), null));
                }
                String lifetime = lifetimeProblem(c, declaration);
                if (lifetime != null) {
                    add(new Finding(FindingType.LIFETIME_EXCEEDS_DECLARED,
                            FindingType.LIFETIME_EXCEEDS_DECLARED.severity(), key, c.page(), run.profile(), evidence,
                            null, null, c.setBy(), ref, null, lifetime));
                }
                String insecure = insecurity(c);
                if (insecure != null) {
                    add(new Finding(FindingType.INSECURE_ATTRIBUTES, FindingType.INSECURE_ATTRIBUTES.severity(), key,
                            c.page(), run.profile(), evidence, null, null, c.setBy(), ref, null, insecure));
                }
                if (run.profile() == Profile.NO_INTERACTION) {
                    beforeChoice.add(key);
                }
                FindingType consent = consentFinding(run.profile(), beforeChoice.contains(key), necessary);
                if (consent != null) {
                    add(new Finding(consent, consent.severity(), key, c.page(), run.profile(), evidence, null, null,
                            c.setBy(), ref, null, null));
                }
            }
        }
    }

    private void storage(List<ProfileRun> runs) {
        Set<String> beforeChoice = new java.util.HashSet<>();
        for (ProfileRun run : runs) {
            for (SeenStorage s : run.storage()) {
                String key = s.area() + " " + s.key() + "@" + s.origin();
                Optional<Declaration> declaration = registry.declarations().stream()
                        .filter(d -> d.firstParty() && d.matches(s.key())).findFirst();
                ScanReport.Storage evidence = new ScanReport.Storage(s.area(), s.key(), s.origin());
                ScanReport.DeclarationRef ref = declaration.map(Findings::ref).orElse(null);
                boolean necessary = declaration.map(d -> !d.category().needsConsent()).orElse(false);
                if (declaration.isEmpty()) {
                    add(new Finding(FindingType.UNDECLARED, FindingType.UNDECLARED.severity(), key, s.page(),
                            run.profile(), null, evidence, null, s.setBy(), null,
                            registry.catalogue().apply(s.key()).orElse(null), null));
                }
                if (run.profile() == Profile.NO_INTERACTION) {
                    beforeChoice.add(key);
                }
                FindingType consent = consentFinding(run.profile(), beforeChoice.contains(key), necessary);
                if (consent != null) {
                    add(new Finding(consent, consent.severity(), key, s.page(), run.profile(), null, evidence, null,
                            s.setBy(), ref, null, null));
                }
            }
        }
    }

    private void requests(List<ProfileRun> runs) {
        Set<String> beforeChoice = new java.util.HashSet<>();
        for (ProfileRun run : runs) {
            for (SeenRequest r : run.requests()) {
                String key = "request " + r.host();
                List<Declaration> covering = registry.declarations().stream().filter(d -> covers(d, r.host()))
                        .toList();
                boolean necessary = covering.stream().anyMatch(d -> !d.category().needsConsent());
                if (run.profile() == Profile.NO_INTERACTION) {
                    beforeChoice.add(key);
                }
                FindingType consent = consentFinding(run.profile(), beforeChoice.contains(key), necessary);
                if (consent != null) {
                    add(new Finding(consent, consent.severity(), key, r.page(), run.profile(), null, null,
                            new ScanReport.Request(r.host(), r.url(), r.type()), null,
                            covering.isEmpty() ? null : ref(covering.get(0)), null,
                            covering.isEmpty() ? "host not declared" : null));
                }
            }
        }
    }

    private void declaredNotSeen(List<ProfileRun> runs) {
        for (Declaration d : registry.declarations()) {
            boolean seen = runs.stream().anyMatch(run -> run.cookies().stream().anyMatch(c -> d.matches(c.name()))
                    || run.storage().stream().anyMatch(s -> d.matches(s.key())));
            if (!seen) {
                add(new Finding(FindingType.DECLARED_NOT_SEEN, FindingType.DECLARED_NOT_SEEN.severity(),
                        "declared " + d.name(), null, null, new ScanReport.Cookie(d.name(), d.thirdPartyDomain(),
                        null, null, null, null, null, null), null, null, null, ref(d), null, null));
            }
        }
    }

    private static FindingType consentFinding(Profile profile, boolean seenWithoutChoice, boolean necessary) {
        if (necessary) {
            return null;
        }
        if (profile == Profile.NO_INTERACTION) {
            return FindingType.BEFORE_CONSENT;
        }
        if (profile == Profile.REFUSE_ALL && !seenWithoutChoice) {
            return FindingType.AFTER_REFUSAL;
        }
        return null;
    }

    private Optional<Declaration> declarationOfCookie(SeenCookie c) {
        String domain = bare(c.domain());
        boolean own = target.ownHosts().stream().anyMatch(h -> h.equals(domain) || h.endsWith("." + domain));
        return registry.declarations().stream()
                .filter(d -> d.matches(c.name()))
                .filter(d -> d.firstParty() ? own : domainCovers(d.thirdPartyDomain(), domain))
                .findFirst();
    }

    private String lifetimeProblem(SeenCookie c, Optional<Declaration> declaration) {
        Long lifetime = c.lifetimeSeconds();
        if (lifetime == null) {
            return null;
        }
        if (lifetime > DeclarationDraft.MAX_LIFETIME_SECONDS + DAY) {
            return "over 400 days";
        }
        boolean needsConsent = declaration.map(d -> d.category().needsConsent()).orElse(true);
        if (target.jurisdiction() == Jurisdiction.FR && needsConsent
                && lifetime > DeclarationDraft.FR_MAX_CONSENT_LIFETIME_SECONDS + DAY) {
            return "over 13 months (FR, needs consent)";
        }
        if (declaration.isPresent()) {
            Long declared = declaration.get().lifetimeSeconds();
            if (declared == null) {
                return "declared: session";
            }
            if (lifetime > declared + DAY) {
                return "declared: " + declared + " s";
            }
        }
        return null;
    }

    /** What a session or CSRF cookie lacks: Secure, HttpOnly (session cookies only) and SameSite. */
    private String insecurity(SeenCookie c) {
        boolean session = registry.sessionCookies().contains(c.name()) || SESSION_NAME.matcher(c.name()).matches();
        boolean csrf = registry.csrfCookies().contains(c.name()) || CSRF_NAME.matcher(c.name()).matches();
        if (!session && !csrf) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        if (!c.secure()) {
            missing.add("Secure");
        }
        if (session && !csrf && !c.httpOnly()) {
            missing.add("HttpOnly");
        }
        if (c.sameSite() == null || c.sameSite().isBlank()) {
            missing.add("SameSite");
        }
        return missing.isEmpty() ? null : "missing: " + String.join(", ", missing);
    }

    private static boolean covers(Declaration d, String host) {
        if (d.thirdPartyDomain() != null && domainCovers(d.thirdPartyDomain(), host)) {
            return true;
        }
        return d.hosts().stream().anyMatch(h -> domainCovers(h, host));
    }

    /** Whether a declared domain ({@code example.org}, {@code .example.org}, {@code *.example.org}) covers a host. */
    static boolean domainCovers(String declared, String host) {
        String d = bare(declared.replaceFirst("^\\*\\.", ""));
        String h = bare(host);
        return h.equals(d) || h.endsWith("." + d);
    }

    private static String bare(String domain) {
        String d = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
        return d.startsWith(".") ? d.substring(1) : d;
    }

    private static ScanReport.DeclarationRef ref(Declaration d) {
        return new ScanReport.DeclarationRef(d.id(), d.name(), d.category(), d.thirdPartyDomain(), d.lifetimeSeconds());
    }
}
