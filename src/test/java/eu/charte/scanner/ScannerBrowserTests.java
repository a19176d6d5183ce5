package eu.charte.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import eu.charte.IntegrationTestSupport;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalService;
import eu.charte.registry.Category;
import eu.charte.registry.Declaration;
import eu.charte.registry.DeclarationDraft;
import eu.charte.registry.DeclarationText;
import eu.charte.registry.RegistryService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The scanner on a fixture site served by the test on loopback, with 127.0.0.2 as a third party (issue 5, "Tests
 * that must exist"): the scan reports exactly the expected findings, no more, no less. Compliance checklist rules
 * checked: 1 and 2 (nothing non-necessary before a choice), 13 (nothing added by "refuse all"), 14 (inventory and
 * lifetimes against the registry), 32 (session cookie attributes). The page timeout is 5 s here (the slow page answers after 15 s).
 */
class ScannerBrowserTests extends IntegrationTestSupport {

    private static FixtureSite site;

    @Autowired
    private ScanService scans;
    @Autowired
    private PortalService portals;
    @Autowired
    private RegistryService registry;

    @BeforeAll
    static void startSite() throws Exception {
        site = new FixtureSite(2);
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    private static DeclarationDraft declaration(String name, Category category, Long lifetimeSeconds) {
        return new DeclarationDraft("Fixture", name, category, null, lifetimeSeconds, List.of(),
                category == Category.NECESSARY ? "needed for the site to work" : null,
                Map.of(Language.FR, new DeclarationText("Fixture", "Test cookie " + name)));
    }

    /** A portal with the fixture's registry published; the platform's own four cookies are declared too. */
    private Portal fixturePortal() {
        Portal portal = portals.require(createPortal("[\"fr\"]", "BE"));
        registry.add(portal, declaration("fx_session", Category.NECESSARY, null));
        registry.add(portal, declaration("fx_consent", Category.NECESSARY, 180L * 24 * 3600));
        registry.add(portal, declaration("fx_recent", Category.PREFERENCES, 365L * 24 * 3600));
        registry.add(portal, declaration("fx_ads", Category.MARKETING, 30L * 24 * 3600));
        registry.add(portal, declaration("fx_never", Category.STATISTICS, 365L * 24 * 3600));
        registry.publish(portal, "test");
        return portal;
    }

    @Test
    void reportsExactlyTheFixtureSitesKnownBehaviours() {
        Portal portal = fixturePortal();
        ScanRecord scan = scans.run(portal, new ScanOptions(List.of(site.url()), 10, 3, 5, 120, null, null), "cli",
                "test");

        assertThat(scan.status()).as(String.valueOf(scan.error())).isEqualTo(ScanStatus.DONE);
        ScanReport report = scans.report(portal, scan.id()).orElseThrow();
        String origin = site.origin();
        assertThat(report.findings()).extracting(f -> f.type().code(), ScanReport.Finding::key)
                .containsExactlyInAnyOrder(
                        tuple("undeclared", "cookie _pk_id.1.a1b2@127.0.0.1"),
                        tuple("before-consent", "cookie _pk_id.1.a1b2@127.0.0.1"),
                        tuple("before-consent", "local fx_recent@" + origin),
                        tuple("before-consent", "request 127.0.0.2"),
                        tuple("after-refusal", "cookie fx_ads@127.0.0.1"),
                        tuple("declared-not-seen", "declared fx_never"),
                        tuple("declared-not-seen", "declared sessionid"),
                        tuple("declared-not-seen", "declared csrftoken"),
                        tuple("declared-not-seen", "declared django_language"),
                        tuple("declared-not-seen", "declared cookies_preferences"),
                        tuple("lifetime-exceeds-declared", "cookie fx_ads@127.0.0.1"),
                        tuple("insecure-attributes", "cookie fx_session@127.0.0.1"),
                        tuple("page-error", "page " + origin + "/slow"));

        ScanReport.Finding undeclared = find(report, "undeclared", "cookie _pk_id.1.a1b2@127.0.0.1");
        assertThat(undeclared.suggestion().provider()).isEqualTo("Matomo");
        assertThat(undeclared.suggestion().category()).isEqualTo(Category.STATISTICS);
        assertThat(undeclared.setBy().kind()).isEqualTo("script");
        assertThat(undeclared.page()).isEqualTo(site.url());
        assertThat(undeclared.profile()).isEqualTo(Profile.NO_INTERACTION);

        ScanReport.Finding insecure = find(report, "insecure-attributes", "cookie fx_session@127.0.0.1");
        assertThat(insecure.detail()).isEqualTo("missing: Secure");
        assertThat(insecure.cookie().httpOnly()).isTrue();
        assertThat(insecure.setBy().kind()).isEqualTo("header");
        assertThat(insecure.setBy().url()).isEqualTo(site.url());

        ScanReport.Finding refused = find(report, "after-refusal", "cookie fx_ads@127.0.0.1");
        assertThat(refused.profile()).isEqualTo(Profile.REFUSE_ALL);
        assertThat(refused.declaration().category()).isEqualTo(Category.MARKETING);

        ScanReport.Finding lifetime = find(report, "lifetime-exceeds-declared", "cookie fx_ads@127.0.0.1");
        assertThat(lifetime.cookie().lifetimeSeconds()).isBetween(89L * 24 * 3600, 90L * 24 * 3600);

        ScanReport.Finding request = find(report, "before-consent", "request 127.0.0.2");
        assertThat(request.request().url()).startsWith(site.thirdPartyUrl() + "embed");

        assertThat(find(report, "page-error", "page " + origin + "/slow").detail()).isEqualTo("timeout");
        assertThat(report.pages()).extracting(ScanReport.Page::url)
                .containsExactly(site.url(), origin + "/slow", origin + "/page-1", origin + "/page-2");
        assertThat(report.pages().get(0).profiles()).containsOnlyKeys("no-interaction", "refuse-all", "accept-all");
        assertThat(report.revision()).isEqualTo(2);
        assertThat(report.ownHosts()).contains("127.0.0.1");

        // "Add to registry": the undeclared cookie becomes a draft declaration filled from the catalogue.
        List<Declaration> added = scans.addToRegistry(portal, scan.id(), Set.of(), Language.FR);
        assertThat(added).extracting(Declaration::name, Declaration::provider, Declaration::category)
                .containsExactly(tuple("_pk_id.*", "Matomo", Category.STATISTICS));
        assertThat(registry.hasUnpublishedChanges(portal)).isTrue();
    }

    private static ScanReport.Finding find(ScanReport report, String type, String key) {
        return report.findings().stream().filter(f -> f.type().code().equals(type) && f.key().equals(key))
                .findFirst().orElseThrow();
    }
}
