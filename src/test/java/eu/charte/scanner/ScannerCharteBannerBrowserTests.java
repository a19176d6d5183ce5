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

    /**
     * A demo portal declares only the four necessary cookies: Charte's banner runs (its settings control is on the
     * page) but has nothing to ask, so there is nothing to click and nothing to report.
     */
    @Test
    void demoPortalPageWithCharteBannerHasNothingBeforeConsentNorAfterRefusal() {
        ScanReport report = scan(portals.require("ardennemetropole"));
        assertThat(report.findings())
                .filteredOn(f -> f.type() == FindingType.BEFORE_CONSENT || f.type() == FindingType.AFTER_REFUSAL
                        || f.type() == FindingType.PAGE_ERROR)
                .isEmpty();
    }

    /** A portal that declares a statistics cookie: the banner asks, and its two buttons are found and clicked. */
    @Test
    void portalWhoseBannerAsksIsAnsweredThroughCharteBanner() {
        String slug = createPortal("[\"fr\"]", "BE");
        declareAndPublish(slug, """
                {"provider":"Matomo","name":"_pk_id.*","category":"statistics","lifetimeSeconds":2592000,
                 "texts":{"fr":{"service":"Mesure d'audience","purpose":"Mesurer l'audience"}}}""");

        ScanReport report = scan(portals.require(slug));
        assertThat(report.findings())
                .filteredOn(f -> f.type() == FindingType.BEFORE_CONSENT || f.type() == FindingType.AFTER_REFUSAL)
                .isEmpty();
        assertThat(report.findings()).as("the banner's buttons were found and clicked")
                .filteredOn(f -> f.type() == FindingType.PAGE_ERROR)
                .isEmpty();
        assertThat(report.findings()).as("the declared cookie is never set by this page")
                .filteredOn(f -> f.type() == FindingType.DECLARED_NOT_SEEN)
                .extracting(ScanReport.Finding::key).contains("declared _pk_id.*");
    }

    private ScanReport scan(Portal portal) {
        String page = "http://127.0.0.1:" + port + "/p/" + portal.slug() + "/";
        ScanRecord scan = scans.run(portal, new ScanOptions(List.of(page), 3, 1, 10, 180, null, null), "cli",
                "test");
        assertThat(scan.status()).as(String.valueOf(scan.error())).isEqualTo(ScanStatus.DONE);
        ScanReport report = scans.report(portal, scan.id()).orElseThrow();
        assertThat(report.pages()).extracting(ScanReport.Page::url).contains(page);
        return report;
    }
}
