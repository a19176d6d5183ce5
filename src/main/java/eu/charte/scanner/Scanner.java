package eu.charte.scanner;

import eu.charte.scanner.Observations.PageVisit;
import eu.charte.scanner.Observations.ProfileRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one scan: the three profiles, at most {@code browsers} Chromium processes at once for every scan of this
 * scanner together, then compares what they saw with the registry. Each browser slot of the scan starts a fresh
 * Chromium for a profile that has not started yet; once every profile has started, a free slot joins the profile
 * with the most pages waiting (see {@link ProfileCrawl}), so that no slot idles while another profile still has
 * pages to visit. A page that fails is a {@code page-error} finding; only a scan that cannot run at all (no browser)
 * throws {@link ScanFailure}.
 */
final class Scanner {

    /**
     * A second browser joins a profile only when at least this many pages wait in its queue (one more than the
     * profile's browser takes next) and the page limit leaves at least {@link #JOIN_MIN_LEFT} pages: starting a
     * browser and making the choice on the entry page costs about as much as visiting five pages.
     */
    static final int JOIN_MIN_WAITING = 2;
    static final int JOIN_MIN_LEFT = 6;
    private static final Duration IDLE_POLL = Duration.ofMillis(50);

    private final Path chromium;
    private final Path chromedriver;
    private final int maxBrowsers;
    private final Semaphore browsers;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.systemUTC();

    Scanner(Path chromium, Path chromedriver, int maxBrowsers) {
        this.chromium = chromium;
        this.chromedriver = chromedriver;
        this.maxBrowsers = maxBrowsers;
        this.browsers = new Semaphore(maxBrowsers, true);
    }

    /** A running scan's handle: cancelling it closes its browsers at once (from any thread). */
    static final class Run {
        private final Set<Browser> open = ConcurrentHashMap.newKeySet();
        private final AtomicInteger started = new AtomicInteger();
        private volatile boolean cancelled;

        void cancel() {
            cancelled = true;
            closeAll();
        }

        void closeAll() {
            open.forEach(Browser::close);
        }

        boolean cancelled() {
            return cancelled;
        }

        /** How many browsers the scan started (a profile's second browsers included). */
        int browsersStarted() {
            return started.get();
        }
    }

    /** What a browser slot does next: lead a profile that has not started, or join one that runs. */
    private record Assignment(ProfileCrawl crawl, boolean lead) {
    }

    ScanReport scan(ScanTarget target, RegistrySnapshot registry, Run run) {
        Instant started = clock.instant();
        Instant deadline = started.plus(target.totalTimeout());
        List<ProfileCrawl> crawls = Arrays.stream(Profile.values()).map(p -> new ProfileCrawl(target, p)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(maxBrowsers, r -> {
            Thread t = new Thread(r, "charte-scan-" + target.portal());
            t.setDaemon(true);
            return t;
        });
        CompletionService<Void> slots = new ExecutorCompletionService<>(pool);
        try {
            for (int i = 0; i < maxBrowsers; i++) {
                slots.submit(() -> {
                    slot(crawls, target, deadline, run);
                    return null;
                });
            }
            for (int i = 0; i < maxBrowsers; i++) {
                slots.take().get();
            }
            List<ProfileRun> runs = crawls.stream().map(ProfileCrawl::result).toList();
            return report(target, registry, runs, started, run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            crawls.forEach(c -> c.stop("cancelled"));
            run.cancel();
            throw new ScanFailure("interrupted");
        } catch (ExecutionException e) {
            crawls.forEach(c -> c.stop("cancelled"));
            run.closeAll();
            if (e.getCause() instanceof ScanFailure failure) {
                throw failure;
            }
            throw new ScanFailure("scan failed: " + Browser.firstLine(String.valueOf(e.getCause())));
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One browser slot: one browser after another, for as long as a profile has work for it. */
    private void slot(List<ProfileCrawl> crawls, ScanTarget target, Instant deadline, Run run)
            throws InterruptedException {
        while (!run.cancelled()) {
            Assignment next = next(crawls);
            if (next == null) {
                return;
            }
            browsers.acquire();
            try {
                if (!browse(next, target, deadline, run)) {
                    return;
                }
            } finally {
                browsers.release();
            }
        }
    }

    /** The next assignment of a free slot; waits while no profile has work for a second browser yet. */
    private static Assignment next(List<ProfileCrawl> crawls) throws InterruptedException {
        while (true) {
            for (ProfileCrawl crawl : crawls) {
                if (crawl.startLead()) {
                    return new Assignment(crawl, true);
                }
            }
            List<ProfileCrawl> busiestFirst = crawls.stream()
                    .sorted(Comparator.comparingInt(ProfileCrawl::waiting).reversed()).toList();
            for (ProfileCrawl crawl : busiestFirst) {
                if (crawl.join(JOIN_MIN_WAITING, JOIN_MIN_LEFT)) {
                    return new Assignment(crawl, false);
                }
            }
            if (crawls.stream().allMatch(ProfileCrawl::finished)) {
                return null;
            }
            Thread.sleep(IDLE_POLL.toMillis());
        }
    }

    /**
     * Runs one browser for an assignment; false when the slot should stop. A profile's lead browser that cannot
     * start fails the scan; a second browser that cannot start leaves the profile to its lead.
     */
    private boolean browse(Assignment assignment, ScanTarget target, Instant deadline, Run run)
            throws InterruptedException {
        ProfileCrawl crawl = assignment.crawl();
        if (run.cancelled()) {
            crawl.stop("cancelled");
            crawl.leave();
            return false;
        }
        Browser browser;
        try {
            browser = Browser.start(chromium, chromedriver, target.pageTimeout());
        } catch (ScanFailure e) {
            crawl.leave();
            if (assignment.lead()) {
                throw e;
            }
            return false;
        }
        run.started.incrementAndGet();
        try (browser) {
            run.open.add(browser);
            try {
                new ProfileCrawler(browser, crawl, assignment.lead(), target, deadline, run::cancelled, json).run();
            } finally {
                run.open.remove(browser);
            }
        }
        return true;
    }

    private ScanReport report(ScanTarget target, RegistrySnapshot registry, List<ProfileRun> runs, Instant started,
            Run run) {
        Map<String, ScanReport.Page> pages = new LinkedHashMap<>();
        for (ProfileRun profileRun : runs) {
            for (PageVisit visit : profileRun.pages()) {
                ScanReport.Page page = pages.computeIfAbsent(visit.url(),
                        url -> new ScanReport.Page(url, visit.depth(), new LinkedHashMap<>()));
                page.profiles().put(profileRun.profile().code(),
                        new ScanReport.PageLoad(visit.status(), visit.error(), visit.loadMillis()));
            }
        }
        String incomplete = run.cancelled() ? "cancelled" : runs.stream().map(ProfileRun::stoppedBecause)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        List<ScanReport.Page> pageList = pages.values().stream()
                .map(p -> new ScanReport.Page(p.url(), p.depth(), Map.copyOf(p.profiles()))).toList();
        return new ScanReport(target.portal(), registry.revision(), started, clock.instant(),
                target.ownHosts().stream().sorted().toList(), incomplete, pageList,
                Findings.of(target, registry, runs));
    }
}
