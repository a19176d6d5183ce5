package eu.charte.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A demo portal's page served by Charte, with Charte's banner, scanned in the three profiles (issue 5): no
 * {@code before-consent} and no {@code after-refusal} finding (compliance checklist rules 1, 2 and 13), and the
 * banner's "refuse all" and "accept all" buttons found and clicked (rule 6: one click each), which a
 * {@code page-error} finding on the banner would deny.
 */
class ScannerCharteBannerBrowserTests extends IntegrationTestSupport {

    @Autowired
    private ScanService scans;
    @Autowired
    private PortalService portals;

    @Test
    void demoPortalPageWithCharteBannerHasNothingBeforeConsentNorAfterRefusal() {
        Portal portal = portals.require("ardennemetropole");
        String page = "http://127.0.0.1:" + port + "/p/ardennemetropole/";
        ScanRecord scan = scans.run(portal, new ScanOptions(List.of(page), 3, 1, 10, 180, null, null), "cli",
                "test");

        assertThat(scan.status()).as(String.valueOf(scan.error())).isEqualTo(ScanStatus.DONE);
        ScanReport report = scans.report(portal, scan.id()).orElseThrow();
        assertThat(report.pages()).extracting(ScanReport.Page::url).contains(page);
        assertThat(report.findings())
                .filteredOn(f -> f.type() == FindingType.BEFORE_CONSENT || f.type() == FindingType.AFTER_REFUSAL)
                .isEmpty();
        assertThat(report.findings()).as("the banner's buttons were found and clicked")
                .filteredOn(f -> f.type() == FindingType.PAGE_ERROR && f.key().startsWith("banner "))
                .isEmpty();
    }
}
