package eu.charte.scanner;

import eu.charte.platform.PlatformCookies;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalService;
import eu.charte.registry.Category;
import eu.charte.registry.CookieCatalogue;
import eu.charte.registry.Declaration;
import eu.charte.registry.DeclarationDraft;
import eu.charte.registry.DeclarationText;
import eu.charte.registry.RegistryService;
import eu.charte.registry.Revision;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scanner module's facade: scans a portal in a real browser and compares what it finds with the portal's latest
 * published registry revision; keeps each portal's scans, their reports and its scanner settings. Every method is
 * scoped to the portal passed first. Scans run one at a time per node (each with at most
 * {@code charte.scanner.max-browsers} Chromium processes); "Scan now" and the API queue them, the command line runs
 * them in place. Publishes {@link ScanCompleted}.
 */
@Service
public class ScanService {

    private static final Logger log = LoggerFactory.getLogger(ScanService.class);
    /** The longest total time a request may give a scan: six hours. */
    static final int MAX_TOTAL_TIMEOUT_SECONDS = 6 * 3600;

    private final ScanRepository repository;
    private final PortalService portals;
    private final RegistryService registry;
    private final CookieCatalogue catalogue;
    private final PlatformCookies platformCookies;
    private final ScannerProperties properties;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final Scanner scanner;
    private final ThreadPoolExecutor executor;
    private final Map<Long, Scanner.Run> running = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    ScanService(ScanRepository repository, PortalService portals, RegistryService registry, CookieCatalogue catalogue,
            PlatformCookies platformCookies, ScannerProperties properties, JsonMapper json,
            ApplicationEventPublisher events, MessageSource messages) {
        this.repository = repository;
        this.portals = portals;
        this.registry = registry;
        this.catalogue = catalogue;
        this.platformCookies = platformCookies;
        this.properties = properties;
        this.json = json;
        this.events = events;
        this.messages = messages;
        this.scanner = new Scanner(properties.chromium(), properties.chromedriver(), properties.maxBrowsers());
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queue()), r -> {
                    Thread t = new Thread(r, "charte-scanner");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Runs a scan now, in the calling thread, and stores it; a scan that cannot run is stored as failed. */
    ScanRecord run(Portal portal, ScanOptions options, String trigger, String by) {
        ScanOptions checked = check(options);
        long id = repository.insert(portal.id(), trigger, by, clock.instant(), json.writeValueAsString(checked));
        execute(portal, id, checked);
        return repository.find(portal.id(), id).orElseThrow();
    }

    /**
     * Queues a scan; it runs when the scanner is free.
     *
     * @throws ScanProblem 400 for bad options, 503 when too many scans are waiting
     */
    ScanRecord submit(Portal portal, ScanOptions options, String trigger, String by) {
        ScanOptions checked = check(options);
        if (executor.getQueue().remainingCapacity() == 0) {
            throw ScanProblem.busy();
        }
        long id = repository.insert(portal.id(), trigger, by, clock.instant(), json.writeValueAsString(checked));
        try {
            executor.execute(() -> execute(portal, id, checked));
        } catch (RejectedExecutionException e) {
            repository.finished(portal.id(), id, ScanStatus.FAILED, clock.instant(), null, null, null, null,
                    "scanner busy");
            throw ScanProblem.busy();
        }
        return repository.find(portal.id(), id).orElseThrow();
    }

    /** Cancels a queued or running scan: its browsers are closed at once. False when it had already finished. */
    boolean cancel(Portal portal, long id) {
        ScanRecord scan = repository.find(portal.id(), id).orElseThrow(() -> ScanProblem.notFound(id));
        if (scan.status().finished()) {
            return false;
        }
        Scanner.Run run = running.get(id);
        if (run != null) {
            run.cancel();
        } else {
            repository.finished(portal.id(), id, ScanStatus.CANCELLED, clock.instant(), null, null, null, null, null);
        }
        return true;
    }

    Optional<ScanRecord> find(Portal portal, long id) {
        return repository.find(portal.id(), id);
    }

    Optional<ScanReport> report(Portal portal, long id) {
        return repository.report(portal.id(), id).map(r -> json.readValue(r, ScanReport.class));
    }

    /** The portal's scans, newest first. */
    List<ScanRecord> history(Portal portal) {
        return repository.history(portal.id(), 100);
    }

    /** What changed since the previous completed scan: findings added and findings gone, by type and key. */
    Optional<ScanDiff> diff(Portal portal, long id) {
        Optional<ScanReport> current = report(portal, id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> previousId = repository.previousDone(portal.id(), id);
        Optional<ScanReport> previous = previousId.flatMap(p -> report(portal, p));
        if (previous.isEmpty()) {
            return Optional.of(new ScanDiff(null, List.of(), List.of()));
        }
        Function<ScanReport.Finding, String> key = f -> f.type().code() + " " + f.key();
        Set<String> before = previous.get().findings().stream().map(key).collect(Collectors.toSet());
        Set<String> now = current.get().findings().stream().map(key).collect(Collectors.toSet());
        return Optional.of(new ScanDiff(previousId.get(),
                current.get().findings().stream().filter(f -> !before.contains(key.apply(f))).toList(),
                previous.get().findings().stream().filter(f -> !now.contains(key.apply(f))).toList()));
    }

    ScanSettings settings(Portal portal) {
        return repository.settings(portal.id())
                .orElse(new ScanSettings(null, null, null, null, properties.maxPages()));
    }

    /** Saves the settings; a new interval starts counting now. */
    void saveSettings(Portal portal, Integer intervalDays, String rejectSelector, String acceptSelector,
            int maxPages) {
        if (intervalDays != null && (intervalDays < 1 || intervalDays > 365)) {
            throw ScanProblem.invalid("intervalDays: from 1 to 365 days");
        }
        if (maxPages < 1 || maxPages > 1000) {
            throw ScanProblem.invalid("maxPages: from 1 to 1000");
        }
        Instant now = clock.instant();
        ScanSettings current = settings(portal);
        Instant next = intervalDays == null ? null
                : intervalDays.equals(current.intervalDays()) && current.nextRunAt() != null ? current.nextRunAt()
                : now.plus(Duration.ofDays(intervalDays));
        repository.saveSettings(portal.id(), new ScanSettings(intervalDays, next, blankToNull(rejectSelector),
                blankToNull(acceptSelector), maxPages), now);
    }

    /** Queues the scans whose schedule is due (one node wins each), and fails scans left running too long. */
    void runDue() {
        Instant now = clock.instant();
        Duration longest = properties.totalTimeout().compareTo(Duration.ofSeconds(MAX_TOTAL_TIMEOUT_SECONDS)) > 0
                ? properties.totalTimeout() : Duration.ofSeconds(MAX_TOTAL_TIMEOUT_SECONDS);
        repository.failAbandoned(now.minus(longest).minus(Duration.ofMinutes(10)), now.minus(Duration.ofDays(1)),
                now);
        for (long portalId : repository.due(now)) {
            Optional<Portal> portal = portals.list(eu.charte.portal.PortalScope.everything()).stream()
                    .filter(p -> p.id() == portalId).findFirst();
            Optional<ScanSettings> settings = repository.settings(portalId);
            if (portal.isEmpty() || settings.isEmpty() || settings.get().intervalDays() == null) {
                continue;
            }
            Instant next = now.plus(Duration.ofDays(settings.get().intervalDays()));
            if (repository.reschedule(portalId, settings.get().nextRunAt(), next)) {
                try {
                    submit(portal.get(), ScanOptions.defaults(), "schedule", null);
                } catch (ScanProblem e) {
                    log.warn("Scheduled scan of {} not queued: scanner busy", portal.get().slug());
                }
            }
        }
    }

    /**
     * Turns undeclared cookies and storage keys of a scan into draft declarations, pre-filled from the catalogue,
     * for review and publishing in the registry. Names already in the draft are left alone.
     *
     * @param keys the findings' keys to turn into declarations; all undeclared findings when empty
     * @return the declarations added
     */
    List<Declaration> addToRegistry(Portal portal, long id, Set<String> keys, Language language) {
        ScanReport report = report(portal, id).orElseThrow(() -> ScanProblem.notFinished(id));
        Set<String> declared = registry.declarations(portal).stream().map(Declaration::name)
                .collect(Collectors.toSet());
        List<Declaration> added = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ScanReport.Finding f : report.findings()) {
            if (f.type() != FindingType.UNDECLARED || !keys.isEmpty() && !keys.contains(f.key())) {
                continue;
            }
            DeclarationDraft draft = draft(portal, report, f, language);
            if (draft == null || declared.contains(draft.name()) || !names.add(draft.name())) {
                continue;
            }
            added.add(registry.add(portal, draft));
        }
        return added;
    }

    private DeclarationDraft draft(Portal portal, ScanReport report, ScanReport.Finding f, Language language) {
        String seenName = f.cookie() != null ? f.cookie().name() : f.storage() != null ? f.storage().key() : null;
        if (seenName == null || seenName.length() > 200) {
            return null;
        }
        CookieCatalogue.Suggestion s = f.suggestion();
        String name = s != null && s.matchedName() != null ? s.matchedName() : seenName;
        if (!name.matches(DeclarationDraft.COOKIE_NAME)) {
            return null;
        }
        Category category = s != null && s.category() != null ? s.category() : Category.MARKETING;
        String provider = s != null && s.provider() != null ? s.provider()
                : message("scanner.declare.provider", portal.defaultLanguage());
        Long lifetime = s != null ? s.lifetimeSeconds()
                : f.cookie() != null ? f.cookie().lifetimeSeconds() : null;
        if (lifetime != null) {
            lifetime = Math.max(1, Math.min(lifetime, DeclarationDraft.MAX_LIFETIME_SECONDS));
        }
        String thirdParty = null;
        if (f.cookie() != null && f.cookie().domain() != null) {
            String domain = f.cookie().domain().startsWith(".") ? f.cookie().domain().substring(1)
                    : f.cookie().domain();
            boolean own = report.ownHosts().stream().anyMatch(h -> h.equals(domain) || h.endsWith("." + domain));
            thirdParty = own ? null : domain.toLowerCase(Locale.ROOT);
        }
        Language textLanguage = portal.defaultLanguage();
        String purpose = s != null && s.purpose() != null ? s.purpose()
                : message("scanner.declare.purpose", textLanguage, f.page());
        String justification = category == Category.NECESSARY ? purpose : null;
        return new DeclarationDraft(provider, name, category, thirdParty, lifetime, List.of(), justification,
                Map.of(textLanguage, new DeclarationText(provider, purpose)));
    }

    private void execute(Portal portal, long id, ScanOptions options) {
        repository.started(portal.id(), id, clock.instant());
        if (repository.find(portal.id(), id).map(s -> s.status() != ScanStatus.RUNNING).orElse(true)) {
            return;
        }
        Scanner.Run run = new Scanner.Run();
        running.put(id, run);
        Integer revision = null;
        try {
            RegistrySnapshot snapshot = snapshot(portal);
            revision = snapshot.revision();
            ScanReport report = scanner.scan(target(portal, options), snapshot, run);
            Severity highest = report.findings().stream().map(ScanReport.Finding::severity)
                    .max(Enum::compareTo).orElse(null);
            ScanStatus status = run.cancelled() ? ScanStatus.CANCELLED : ScanStatus.DONE;
            repository.finished(portal.id(), id, status, clock.instant(), revision, json.writeValueAsString(report),
                    report.findings().size(), highest, null);
            if (status == ScanStatus.DONE) {
                events.publishEvent(new ScanCompleted(portal.id(), portal.slug(), id, report.findings().size()));
            }
        } catch (ScanFailure e) {
            repository.finished(portal.id(), id, run.cancelled() ? ScanStatus.CANCELLED : ScanStatus.FAILED,
                    clock.instant(), revision, null, null, null, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Scan {} of {} failed", id, portal.slug(), e);
            repository.finished(portal.id(), id, ScanStatus.FAILED, clock.instant(), revision, null, null, null,
                    "internal error (" + e.getClass().getSimpleName() + ")");
        } finally {
            running.remove(id);
        }
    }

    ScanTarget target(Portal portal, ScanOptions options) {
        ScanSettings settings = settings(portal);
        List<URI> start = new ArrayList<>();
        for (String url : options.urls()) {
            start.add(URI.create(url.strip()));
        }
        if (start.isEmpty()) {
            start.add(portal.baseUrl());
        }
        Set<String> own = new LinkedHashSet<>(portal.hosts());
        if (portal.baseUrl().getHost() != null) {
            own.add(portal.baseUrl().getHost().toLowerCase(Locale.ROOT));
        }
        start.forEach(u -> own.add(u.getHost().toLowerCase(Locale.ROOT)));
        int maxPages = options.maxPages() != null ? options.maxPages() : settings.maxPages();
        return new ScanTarget(portal.slug(), portal.jurisdiction(), start, own, maxPages,
                options.maxDepth() != null ? options.maxDepth() : properties.maxDepth(),
                options.pageTimeoutSeconds() != null ? Duration.ofSeconds(options.pageTimeoutSeconds())
                        : properties.pageTimeout(),
                options.totalTimeoutSeconds() != null ? Duration.ofSeconds(options.totalTimeoutSeconds())
                        : properties.totalTimeout(),
                properties.settle(), properties.bannerWait(),
                options.rejectSelector() != null ? options.rejectSelector() : settings.rejectSelector(),
                options.acceptSelector() != null ? options.acceptSelector() : settings.acceptSelector());
    }

    private RegistrySnapshot snapshot(Portal portal) {
        Optional<Revision> latest = registry.latest(portal);
        return new RegistrySnapshot(latest.map(Revision::number).orElse(null),
                latest.map(registry::declarations).orElse(List.of()), catalogue::suggest,
                Set.of(platformCookies.session().name()), Set.of(platformCookies.csrf().name()));
    }

    /** Checks what a caller may set; bad values are a 400 (API) or exit code 2 (command line). */
    static ScanOptions check(ScanOptions o) {
        for (String url : o.urls()) {
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw ScanProblem.invalid("urls: '" + url + "' is not a URL");
            }
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw ScanProblem.invalid("urls: '" + url + "' is not an http(s) URL with a host");
            }
        }
        if (o.urls().size() > 50) {
            throw ScanProblem.invalid("urls: at most 50");
        }
        range("maxPages", o.maxPages(), 1, 1000);
        range("maxDepth", o.maxDepth(), 0, 20);
        range("pageTimeoutSeconds", o.pageTimeoutSeconds(), 1, 120);
        range("totalTimeoutSeconds", o.totalTimeoutSeconds(), 10, MAX_TOTAL_TIMEOUT_SECONDS);
        return o;
    }

    private static void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw ScanProblem.invalid(field + ": from " + min + " to " + max);
        }
    }

    private String message(String key, Language language, Object... args) {
        return messages.getMessage(key, args, Locale.forLanguageTag(language.code()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Closes the browsers of every running scan when the application stops (also on Ctrl-C of the command). */
    @PreDestroy
    void stop() {
        running.values().forEach(Scanner.Run::cancel);
        executor.shutdownNow();
    }

    /** Findings added and gone since the previous completed scan ({@code previous} null when there is none). */
    record ScanDiff(Long previous, List<ScanReport.Finding> added, List<ScanReport.Finding> resolved) {
    }
}
