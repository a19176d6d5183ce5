package eu.charte.banner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * Signals and integrations in real headless Chromium (checklist sections F, G and H, issue 4 sections 4, 6 and 7):
 * Global Privacy Control, FR exempt audience measurement, Google Consent Mode v2, Matomo, the JS API, placeholders,
 * a page whose CSP forbids inline scripts and styles, and Charte's own front-office pages.
 */
class BannerSignalsBrowserTests extends BannerBrowserSupport {

    /** Rule 25: GPC is "refuse all" before any gated script runs, recorded with source gpc, with a notice. */
    @Test
    void rule25GlobalPrivacyControlRefusesAllBeforeAnyGatedScript() {
        String script = gpcOn();
        try {
            open("fr", 1);
            assertThat(browser.js("return navigator.globalPrivacyControl")).isEqualTo(true);
            assertThat(bannerShown()).as("no banner: the signal answered").isFalse();
            WebElement notice = browser.driver().findElement(By.id("charte-notice"));
            assertThat(notice.getText()).contains("Global Privacy Control");
            assertThat((String) choiceCookie().get("value")).endsWith(".p0s0m0");
            List<JsonNode> proofs = awaitProofs(1);
            assertThat(proofs).hasSize(1);
            assertThat(proofs.get(0).get("action").asString()).isEqualTo("gpc");
            assertThat(proofs.get(0).get("source").asString()).isEqualTo("gpc");
            assertThat(browser.driver().findElement(By.id("charte-manage")).isDisplayed())
                    .as("the settings stay available").isTrue();
            pause(1_500);
            assertThat(thirdPartyHits()).isEmpty();
            assertThat(cookieNames()).containsExactly("cookies_preferences");
            open("fr", 2);
            assertThat(browser.driver().findElements(By.id("charte-notice"))).as("the notice is shown once").isEmpty();
            assertThat(proofs().stream().map(JsonNode::toString).distinct())
                    .as("one proof for the GPC decision (sent again only while undelivered)").hasSize(1);
        } finally {
            gpcOff(script);
        }
    }

    /** Rules 23 and 25 (FR): exempt audience measurement runs without consent, can be opposed, and GPC opposes it. */
    @Test
    void rules23And25FrenchExemptAudienceMeasurementRunsUntilOpposed() {
        String fr = portal("FR", true);
        open(fr, "fr", 1);
        assertThat(bannerShown()).as("the other categories still need consent").isTrue();
        browser.await().until(d -> cookieNames().contains("_pk_id.test"));
        browser.await().until(d -> thirdPartyHits().contains("/hit"));
        assertThat(cookieNames()).as("no marketing before consent").doesNotContain("mkt_inline");

        click("#charte-banner", "customize");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("charte-prefs")));
        WebElement statistics = browser.driver().findElement(By.cssSelector(
                "#charte-prefs input[data-charte-category=statistics]"));
        assertThat(statistics.isSelected()).as("exempt: on until opposed").isTrue();
        assertThat(browser.driver().findElement(By.id("charte-c-statistics-d")).getText())
                .contains("exemptée de consentement", "vous y opposer");
        browser.driver().findElement(By.cssSelector("label[for=charte-c-statistics]")).click();
        click("#charte-prefs", "save");
        assertThat(cookieNames()).as("opposition expires the cookie at once").doesNotContain("_pk_id.test");
        assertThat((String) choiceCookie().get("value")).endsWith(".p0s0m0");
        browser.await().until(d -> Boolean.TRUE.equals(browser.js(
                "return performance.getEntriesByType('navigation')[0].type === 'reload'")));
        open(fr, "fr", 2);
        site.clear();
        pause(1_500);
        assertThat(thirdPartyHits()).as("after opposition: no hit").isEmpty();

        browser.reset(site.origin());
        String script = gpcOn();
        try {
            open(fr, "fr", 1);
            pause(1_500);
            assertThat(thirdPartyHits()).as("GPC is the opposition").doesNotContain("/stats.js", "/hit");
            assertThat(cookieNames()).containsExactly("cookies_preferences");
        } finally {
            gpcOff(script);
        }
    }

    /** Rule 24: BE statistics are never exempt; the same declarations run only with consent. */
    @Test
    void rule24BelgianStatisticsNeedConsent() {
        open("fr", 1);
        pause(1_500);
        assertThat(thirdPartyHits()).isEmpty();
        assertThat(config(slug, "fr").at("/categories/2/exempt").asBoolean()).isFalse();
    }

    /** Issue 4 section 6: Consent Mode v2 default denied, then updated; Matomo requires consent, then given/forgotten. */
    @Test
    void consentModeAndMatomoFollowTheChoice() {
        String portal = portal("BE", false);
        assertThat(portals.putSettings(portal, "{\"choiceLifetimeDays\": 180, \"consentMode\": true, \"matomo\": true}")
                .status()).isEqualTo(200);
        open(portal, "en", 1);
        assertThat(dataLayer()).hasSize(1);
        assertThat(dataLayer().get(0)).startsWith("consent", "default");
        assertThat(dataLayer().get(0).get(2)).asString().contains("analytics_storage=denied", "ad_storage=denied",
                "ad_user_data=denied", "ad_personalization=denied");
        assertThat(paq()).containsExactly(List.of("requireCookieConsent"));

        click("#charte-banner", "accept_all");
        List<List<Object>> layer = dataLayer();
        assertThat(layer.get(layer.size() - 1)).startsWith("consent", "update");
        assertThat(layer.get(layer.size() - 1).get(2)).asString().contains("analytics_storage=granted",
                "ad_storage=granted");
        assertThat(paq().get(paq().size() - 1)).containsExactly("rememberCookieConsentGiven");

        openPreferences();
        click("#charte-prefs", "reject_all");
        assertThat(paq().get(paq().size() - 1)).containsExactly("forgetCookieConsentGiven");
        layer = dataLayer();
        assertThat(layer.get(layer.size() - 1).get(2)).asString().contains("analytics_storage=denied");
    }

    /** Issue 4 section 6: Charte.getConsent, Charte.onChange and the charte:consent event. */
    @Test
    void javascriptApiReportsAndAnnouncesChanges() {
        open("en", 1);
        browser.js("""
                window.seen = []; Charte.onChange(c => seen.push('api:' + c.choices.statistics));
                document.addEventListener('charte:consent', e => seen.push('event:' + e.detail.choices.statistics));""");
        assertThat(browser.js("return JSON.stringify(Charte.getConsent().choices)"))
                .isEqualTo("{\"necessary\":true,\"preferences\":false,\"statistics\":false,\"marketing\":false}");
        click("#charte-banner", "accept_all");
        assertThat(browser.js("return seen")).isEqualTo(List.of("api:true", "event:true"));
        assertThat(browser.js("return Charte.getConsent().decided")).isEqualTo(true);
    }

    /** Rules 2 and 19: a placeholder offers to accept its category; accepting loads the embed. */
    @Test
    void rule2PlaceholderAcceptsItsCategory() {
        open("de", 1);
        WebElement allow = browser.driver().findElement(By.cssSelector(".charte-placeholder button"));
        assertThat(allow.getText()).isEqualTo("Erlauben: Marketing und Inhalte Dritter");
        allow.click();
        browser.await().until(d -> thirdPartyHits().contains("/embed.html"));
        assertThat((String) choiceCookie().get("value")).endsWith(".p0s0m1");
        assertThat(thirdPartyHits()).doesNotContain("/stats.js");
        assertThat(awaitProofs(1).get(0).get("action").asString()).isEqualTo("custom");
    }

    /** Issue 4 section 7: strict CSP (no inline script or style); the page's nonce goes to the activated scripts. */
    @Test
    void strictCspPageWorksAndNoncePassesToActivatedScripts() {
        Map<String, Object> added = browser.cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__violations = []; document.addEventListener('securitypolicyviolation',"
                        + " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"));
        try {
            open("fr", 1);
            click("#charte-banner", "accept_all");
            browser.await().until(d -> cookieNames().contains("mkt_inline"));
            browser.await().until(d -> thirdPartyHits().contains("/stats.js"));
            assertThat(browser.js("return document.querySelector('#charte-banner, #charte-manage') && "
                    + "getComputedStyle(document.getElementById('charte-manage')).borderTopStyle"))
                    .as("the stylesheet applied").isEqualTo("solid");
            assertThat(browser.js("return window.__violations")).as("CSP violations").isEqualTo(List.of());
        } finally {
            browser.cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }

    /** Issue 4 section 1: Charte's own front-office pages use the same banner (under Charte's own CSP). */
    @Test
    void charteFrontPagesUseTheSameBanner() {
        browser.driver().get(charte() + "/p/" + slug + "?lang=nl");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("charte-banner")));
        assertThat(button("#charte-banner", "reject_all").getText()).isEqualTo("Alles weigeren");
        assertNoAxeViolation("Charte's front page with the banner");
        click("#charte-banner", "reject_all");
        assertThat(browser.cookies().stream().filter(c -> "cookies_preferences".equals(c.get("name")))
                .map(c -> (String) c.get("value")).findFirst().orElseThrow()).endsWith(".p0s0m0");
        browser.driver().get(charte() + "/p/" + slug + "/charte-cookies?lang=nl");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("charte-manage")));
        assertThat(browser.driver().findElements(By.id("charte-banner"))).as("the choice holds on the charter").isEmpty();
        assertThat(browser.driver().findElement(By.id("charte-manage")).getText()).isEqualTo("Cookie-instellingen");
    }

    /** Turns GPC on: the header on every request and the property in every page. Returns the script's id. */
    private String gpcOn() {
        browser.cdp("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Sec-GPC", "1")));
        return (String) browser.cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"))
                .get("identifier");
    }

    private void gpcOff(String script) {
        browser.cdp("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        browser.cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
    }

    @SuppressWarnings("unchecked")
    private List<List<Object>> dataLayer() {
        return (List<List<Object>>) browser.js("""
                return (window.dataLayer || []).map(a => Array.from(a).map(v => typeof v === 'object'
                  ? Object.entries(v).map(([k, x]) => k + '=' + x).join(',') : v));""");
    }

    @SuppressWarnings("unchecked")
    private List<List<Object>> paq() {
        return (List<List<Object>>) browser.js("return window._paq || []");
    }
}
