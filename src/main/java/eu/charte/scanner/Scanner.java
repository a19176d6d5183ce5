package eu.charte.scanner;

import eu.charte.scanner.Observations.PageVisit;
import eu.charte.scanner.Observations.ProfileRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one scan: the three profiles, each in its own fresh Chromium, at most {@code browsers} Chromium processes at
 * once for every scan of this scanner together, then compares what they saw with the registry. A page that fails is
 * a {@code page-error} finding; only a scan that cannot run at all (no browser) throws {@link ScanFailure}.
 */
final class Scanner {

    private final Path chromium;
    private final Path chromedriver;
    private final Semaphore browsers;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.systemUTC();

    Scanner(Path chromium, Path chromedriver, int maxBrowsers) {
        this.chromium = chromium;
        this.chromedriver = chromedriver;
        this.browsers = new Semaphore(maxBrowsers, true);
    }

    /** A running scan's handle: cancelling it closes its browsers at once (from any thread). */
    static final class Run {
        private final Set<Browser> open = ConcurrentHashMap.newKeySet();
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
    }

    ScanReport scan(ScanTarget target, RegistrySnapshot registry, Run run) {
        Instant started = clock.instant();
        Instant deadline = started.plus(target.totalTimeout());
        ExecutorService pool = Executors.newFixedThreadPool(Profile.values().length, r -> {
            Thread t = new Thread(r, "charte-scan-" + target.portal());
            t.setDaemon(true);
            return t;
        });
        Map<Profile, Future<ProfileRun>> futures = new EnumMap<>(Profile.class);
        try {
            for (Profile profile : Profile.values()) {
                futures.put(profile, pool.submit(() -> runProfile(profile, target, deadline, run)));
            }
            List<ProfileRun> runs = new ArrayList<>();
            for (Future<ProfileRun> future : futures.values()) {
                runs.add(future.get());
            }
            return report(target, registry, runs, started, run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel();
            throw new ScanFailure("interrupted");
        } catch (ExecutionException e) {
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

    private ProfileRun runProfile(Profile profile, ScanTarget target, Instant deadline, Run run)
            throws InterruptedException {
        browsers.acquire();
        try {
            if (run.cancelled()) {
                return empty(profile, "cancelled");
            }
            try (Browser browser = Browser.start(chromium, chromedriver, target.pageTimeout())) {
                run.open.add(browser);
                try {
                    if (run.cancelled()) {
                        return empty(profile, "cancelled");
                    }
                    return new ProfileCrawler(browser, target, profile, deadline, run::cancelled, json).run();
                } finally {
                    run.open.remove(browser);
                }
            }
        } finally {
            browsers.release();
        }
    }

    private static ProfileRun empty(Profile profile, String why) {
        return new ProfileRun(profile, List.of(), List.of(), List.of(), List.of(), null, null, why);
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
