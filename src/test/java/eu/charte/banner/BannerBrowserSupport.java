package eu.charte.banner;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared set-up of the banner's browser tests: one Chromium and one portal site per class, a fresh visitor for
 * every test (cookies and storage cleared through CDP), and a BE portal in the four languages whose base URL is the
 * site's origin, declaring a preferences cookie, a first-party statistics cookie ({@code _pk_id.*}, written by the
 * third party's script), an inline marketing cookie ({@code mkt_inline}) and the third-party embed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BannerBrowserSupport extends IntegrationTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long DAY = 86_400;
    static final Pattern CHOICE = Pattern.compile(
            "1\\.([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})\\.(\\d+)\\.(\\d+)\\.(p[01]s[01]m[01])");

    BannerBrowser browser;
    PortalSite site;
    BannerPortals portals;
    /** The BE portal in fr, nl, de, en. */
    String slug;

    @BeforeAll
    void startBrowserAndSite() throws IOException {
        TestClient admin = signInAsAdmin();
        assertThat(admin.get("/admin").status()).isEqualTo(200);
        portals = new BannerPortals(admin);
        site = new PortalSite(charte());
        slug = portal("BE", false);
        browser = BannerBrowser.start();
    }

    /** A portal in the four languages with the test site's declarations, published. */
    String portal(String jurisdiction, boolean exemptStatistics) {
        String s = portals.create(site.origin(), "[\"fr\", \"nl\", \"de\", \"en\"]", jurisdiction);
        portals.declare(s, "ui_theme", "preferences", null, 30 * DAY, false, "fr", "nl", "de", "en");
        portals.declare(s, "_pk_id.*", "statistics", null, 395 * DAY, exemptStatistics, "fr", "nl", "de", "en");
        portals.declare(s, "mkt_inline", "marketing", null, DAY, false, "fr", "nl", "de", "en");
        portals.declare(s, "embed", "marketing", "127.0.0.2", DAY, false, "fr", "nl", "de", "en");
        portals.publish(s);
        return s;
    }

    @BeforeEach
    void freshVisitor() {
        browser.reset(site.origin(), charte(), site.thirdPartyOrigin());
        site.clear();
    }

    @AfterAll
    void stopBrowserAndSite() {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.close();
        }
    }

    /** Charte as the portal's pages reach it: another site than the portal's (localhost, not 127.0.0.1). */
    String charte() {
        return "http://localhost:" + port;
    }

    void open(String lang, int page) {
        open(slug, lang, page);
    }

    void open(String portal, String lang, int page) {
        browser.driver().get(site.page(portal, lang, page));
        browser.await().until(d -> Boolean.TRUE.equals(browser.js("return !!document.getElementById('charte-manage')")));
    }

    boolean bannerShown() {
        List<WebElement> banner = browser.driver().findElements(By.id("charte-banner"));
        return !banner.isEmpty() && banner.get(0).isDisplayed();
    }

    WebElement button(String container, String action) {
        return browser.driver().findElement(By.cssSelector(container + " [data-charte-action=" + action + "]"));
    }

    void click(String container, String action) {
        button(container, action).click();
    }

    void openPreferences() {
        browser.driver().findElement(By.id("charte-manage")).click();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("charte-prefs")));
    }

    /** The choice cookie in the browser's jar, if any. */
    Map<String, Object> choiceCookie() {
        return browser.cookies().stream().filter(c -> "cookies_preferences".equals(c.get("name"))).findFirst()
                .orElse(null);
    }

    List<String> cookieNames() {
        return browser.cookies().stream().map(c -> (String) c.get("name")).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    List<String> storageKeys(String storage) {
        return (List<String>) browser.js("return Object.keys(window." + storage + ")");
    }

    /** The consent proofs the page sent to Charte. */
    List<JsonNode> proofs() {
        return browser.requests(r -> r.method().equals("POST") && r.url().equals(charte() + "/api/v1/portals/"
                + slugOf() + "/consents")).stream().map(r -> JSON.readTree(r.body())).toList();
    }

    /** The slug of the portal of the page shown. */
    String slugOf() {
        String path = browser.driver().getCurrentUrl().substring(site.origin().length() + 1);
        return path.substring(0, path.indexOf('/'));
    }

    List<JsonNode> awaitProofs(int count) {
        browser.await().until(d -> proofs().size() >= count);
        return proofs();
    }

    JsonNode config(String portal, String lang) {
        TestClient.Response response = client().get("/p/" + portal + "/banner.json?lang=" + lang);
        assertThat(response.status()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    List<String> thirdPartyHits() {
        return site.thirdPartyRequests();
    }

    void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs axe-core on the page and fails with a readable list of every violation. */
    void assertNoAxeViolation(String what) {
        Results results = new AxeBuilder().analyze(browser.driver());
        assertThat(results.isErrored()).as("axe-core failed on %s: %s", what, results.getErrorMessage()).isFalse();
        assertThat(results.getPasses()).as("rules axe-core checked on %s", what).isNotEmpty();
        List<Rule> violations = results.getViolations();
        assertThat(violations).as("accessibility violations on %s:%n%s", what, violations.stream()
                .map(r -> "- " + r.getId() + ": " + r.getHelp() + "\n" + r.getNodes().stream()
                        .map(n -> "    at " + n.getTarget() + ": " + n.getHtml() + " " + n.getFailureSummary())
                        .collect(Collectors.joining("\n"))).collect(Collectors.joining("\n"))).isEmpty();
    }

}
