package eu.charte.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.portal.Jurisdiction;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Benchmark of issue 5 (not part of the test suite: run by {@code bench/scan-fixture.sh}): a 20-page scan of the
 * fixture site, three profiles per page, with the production defaults (20 s page timeout, 400 ms settle, at most two
 * Chromium processes), timed; the peak resident memory of the whole process tree (this JVM, chromedriver, Chromium
 * and its helpers) is sampled from {@code /proc}: the plain sum of RSS every 50 ms, PSS every second. The crawl
 * starts at {@code /page-1}, but every page links the home page, which links the fixture's slow page: each profile
 * visits it as its sixth page and waits about 15 s for it (it answers within the 20 s page timeout).
 */
class ScanBenchmark {

    /**
     * PSS is read every 20th sample (once a second): reading {@code smaps_rollup} walks each process's memory map,
     * about 45 ms of CPU per Chromium (its nine processes), so reading it every 50 ms took a third of the two cores
     * from the scan being measured. RSS ({@code status}) costs well under a millisecond and is read every sample.
     */
    private static final int PSS_EVERY = 20;

    @Test
    void twentyPageScanOfTheFixtureSite() throws Exception {
        int runs = Integer.getInteger("runs", 3);
        ScannerProperties defaults = new ScannerProperties(Path.of(System.getProperty("charte.scanner.chromium",
                "/usr/bin/chromium")), Path.of(System.getProperty("charte.scanner.chromedriver",
                "/usr/bin/chromedriver")), Duration.ofSeconds(20), Duration.ofMinutes(10), 20, 3, 2,
                Duration.ofMillis(Long.getLong("settleMillis", 400)), Duration.ofSeconds(3), 20, Duration.ofMinutes(1));
        StringBuilder out = new StringBuilder();
        try (FixtureSite site = new FixtureSite(40)) {
            Scanner scanner = new Scanner(defaults.chromium(), defaults.chromedriver(), defaults.maxBrowsers());
            ScanTarget target = new ScanTarget("bench", Jurisdiction.BE, List.of(URI.create(site.url() + "page-1")),
                    Set.of("127.0.0.1"), 20, 20, defaults.pageTimeout(), defaults.totalTimeout(), defaults.settle(),
                    defaults.bannerWait(), null, null);
            RegistrySnapshot registry = new RegistrySnapshot(1, List.of(), name -> Optional.empty(), Set.of(),
                    Set.of());
            for (int i = 1; i <= runs; i++) {
                AtomicLong peak = new AtomicLong();
                AtomicLong peakJvm = new AtomicLong();
                AtomicLong peakPss = new AtomicLong();
                Thread sampler = new Thread(() -> {
                    for (long sample = 0; !Thread.currentThread().isInterrupted(); sample++) {
                        peak.accumulateAndGet(treeRss(), Math::max);
                        peakJvm.accumulateAndGet(rss(ProcessHandle.current().pid()), Math::max);
                        if (sample % PSS_EVERY == 0) {
                            peakPss.accumulateAndGet(treePss(), Math::max);
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                long started = System.nanoTime();
                ScanReport report = scanner.scan(target, registry, new Scanner.Run());
                double seconds = (System.nanoTime() - started) / 1e9;
                sampler.interrupt();
                sampler.join();
                long visits = report.pages().stream().mapToLong(p -> p.profiles().size()).sum();
                double load = report.pages().stream().flatMap(p -> p.profiles().values().stream())
                        .mapToLong(ScanReport.PageLoad::loadMillis).average().orElse(0);
                System.out.printf(java.util.Locale.ROOT, "mean page load %.0f ms%n", load);
                String line = String.format(java.util.Locale.ROOT,
                        "run %d: %.1f s, %d pages, %d page visits, %d findings, peak memory of the process tree: "
                                + "PSS %d MiB, RSS sum %d MiB (JVM RSS %d MiB), load average %.1f%n",
                        i, seconds, report.pages().size(), visits, report.findings().size(), peakPss.get() >> 20,
                        peak.get() >> 20, peakJvm.get() >> 20, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage());
                System.out.print(line);
                out.append(line);
                assertThat(report.pages()).hasSize(20);
                assertThat(visits).isEqualTo(60);
            }
        }
        Path result = Path.of("target", "bench", "scan-fixture.txt");
        Files.createDirectories(result.getParent());
        Files.writeString(result, out);
    }

    /**
     * Proportional set size in bytes of this JVM and all its descendants: shared pages (Chromium's processes share
     * most of their code) are split between the processes sharing them, so the sum is the tree's real footprint.
     */
    private static long treePss() {
        long total = pss(ProcessHandle.current().pid());
        for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
            total += pss(p.pid());
        }
        return total;
    }

    private static long pss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended between listing and reading.
        }
        return 0;
    }

    /** Resident memory in bytes of this JVM and all its descendants (shared pages counted once per process). */
    private static long treeRss() {
        long total = rss(ProcessHandle.current().pid());
        for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
            total += rss(p.pid());
        }
        return total;
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended between listing and reading.
        }
        return 0;
    }
}
