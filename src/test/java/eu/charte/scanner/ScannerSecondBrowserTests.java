package eu.charte.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.portal.Jurisdiction;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A profile served by two browsers reports exactly what one browser crawling it alone reports: the same pages in
 * the same order and depth, the same findings with the same evidence (profile, page, who set it). The fixture site
 * (see {@link FixtureSite}) is scanned once with one browser slot (each profile in one browser, one after the other)
 * and once with two slots, where the slot left free joins the last profile. Compliance checklist rules 1, 2 and 13
 * (before consent, after refusal) and 14 (inventory) depend on this evidence.
 */
class ScannerSecondBrowserTests {

    private static FixtureSite site;

    @BeforeAll
    static void startSite() throws Exception {
        site = new FixtureSite(20);
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @Test
    void aProfileSharedByTwoBrowsersReportsWhatOneBrowserReports() {
        ScanTarget target = new ScanTarget("second-browser", Jurisdiction.FR, List.of(URI.create(site.url())),
                Set.of("127.0.0.1"), 14, 20, Duration.ofSeconds(3), Duration.ofMinutes(5), Duration.ofMillis(200),
                Duration.ofSeconds(3), null, null);
        RegistrySnapshot registry = new RegistrySnapshot(1, List.of(), name -> Optional.empty(), Set.of(), Set.of());

        Scanner.Run alone = new Scanner.Run();
        ScanReport oneSlot = scanner(1).scan(target, registry, alone);
        Scanner.Run shared = new Scanner.Run();
        ScanReport twoSlots = scanner(2).scan(target, registry, shared);

        assertThat(alone.browsersStarted()).isEqualTo(3);
        assertThat(shared.browsersStarted()).as("a second browser joined a profile").isGreaterThan(3);
        assertThat(twoSlots.incomplete()).isNull();
        assertThat(oneSlot.pages()).hasSize(14);
        assertThat(pages(twoSlots)).isEqualTo(pages(oneSlot));
        assertThat(findings(oneSlot))
                .anyMatch(f -> f.startsWith("after-refusal cookie fx_ads@127.0.0.1 refuse-all " + site.url() + " "))
                .contains("page-error page " + site.origin() + "/slow no-interaction " + site.origin()
                        + "/slow (timeout)");
        assertThat(findings(twoSlots)).isEqualTo(findings(oneSlot));
    }

    private static Scanner scanner(int slots) {
        return new Scanner(Path.of(System.getProperty("charte.scanner.chromium", "/usr/bin/chromium")),
                Path.of(System.getProperty("charte.scanner.chromedriver", "/usr/bin/chromedriver")), slots);
    }

    private static List<String> pages(ScanReport report) {
        return report.pages().stream().map(p -> p.url() + " " + p.depth() + " " + p.profiles().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue().status() + "/" + e.getValue().error())
                .collect(Collectors.joining(","))).toList();
    }

    private static List<String> findings(ScanReport report) {
        return report.findings().stream().map(f -> f.type().code() + " " + f.key() + " " + f.profile().code() + " "
                + f.page() + (f.setBy() == null ? "" : " set by " + f.setBy().kind() + " " + f.setBy().url())
                + (f.detail() == null ? "" : " (" + f.detail() + ")")).toList();
    }
}
