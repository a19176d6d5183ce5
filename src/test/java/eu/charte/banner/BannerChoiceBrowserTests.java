package eu.charte.banner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The banner after a choice, withdrawal and proofs, in real headless Chromium (checklist sections C, D and E, and
 * section 8 of issue 4: damaged choice values, sending proofs again later).
 */
class BannerChoiceBrowserTests extends BannerBrowserSupport {

    /** Rules 13 and 15: after "refuse all", nothing new across navigations; the refusal is remembered. */
    @Test
    void rules13And15RefusalStoresOnlyTheChoiceAndIsRemembered() {
        open("fr", 1);
        click("#charte-banner", "reject_all");
        assertThat(choiceCookie()).isNotNull();
        for (int page = 2; page <= 6; page++) {
            open("fr", page);
            assertThat(bannerShown()).as("not asked again on page %d (rule 15)", page).isFalse();
        }
        browser.driver().navigate().refresh();
        open("fr", 1);
        assertThat(bannerShown()).isFalse();
        pause(2_000);
        assertThat(cookieNames()).as("the only cookie is the choice (rule 13)").containsExactly("cookies_preferences");
        assertThat(storageKeys("localStorage")).isSubsetOf("cookies_preferences");
        assertThat(storageKeys("sessionStorage")).isEmpty();
        assertThat(thirdPartyHits()).as("no request to the gated host (rule 13)").isEmpty();
        assertThat(browser.driver().findElement(By.id("embed")).getDomAttribute("src")).isNull();
    }

    /** Rules 14 and 17: after "accept all" the jar holds exactly declared cookies within their lifetimes. */
    @Test
    void rules14And17AcceptanceSetsOnlyDeclaredCookiesAndTheChoiceCookieIsFirstPartyLax() {
        open("fr", 1);
        click("#charte-banner", "accept_all");
        browser.await().until(d -> cookieNames().contains("_pk_id.test") && cookieNames().contains("mkt_inline"));
        browser.await().until(d -> thirdPartyHits().contains("/hit"));
        WebElement frame = browser.driver().findElement(By.id("embed"));
        assertThat(frame.getDomAttribute("src")).isEqualTo(site.thirdPartyOrigin() + "/embed.html");
        assertThat(frame.isDisplayed()).isTrue();
        assertThat(browser.driver().findElements(By.cssSelector(".charte-placeholder"))).isEmpty();

        double now = Instant.now().getEpochSecond();
        Map<String, Long> declared = Map.of("cookies_preferences", 180 * DAY, "_pk_id.test", 395 * DAY,
                "mkt_inline", DAY);
        for (Map<String, Object> cookie : browser.cookies()) {
            String name = (String) cookie.get("name");
            assertThat(declared).as("declared (rule 14): %s", cookie).containsKey(name);
            assertThat((String) cookie.get("domain")).as("first-party: %s", name).isEqualTo("127.0.0.1");
            double expires = ((Number) cookie.get("expires")).doubleValue();
            assertThat(expires - now).as("lifetime of %s within the declared one + 1 day", name)
                    .isLessThanOrEqualTo(declared.get(name) + DAY).isPositive();
        }
        Map<String, Object> choice = choiceCookie();
        assertThat(choice.get("path")).isEqualTo("/");
        assertThat(choice.get("sameSite")).isEqualTo("Lax");
        assertThat(choice.get("httpOnly")).isEqualTo(false);
        assertThat(choice.get("secure")).as("Secure only on HTTPS pages; this page is http").isEqualTo(false);
        assertThat(((Number) choice.get("expires")).doubleValue() - now).isCloseTo(180.0 * DAY,
                org.assertj.core.data.Offset.offset(120.0));
        Matcher value = CHOICE.matcher((String) choice.get("value"));
        assertThat(value.matches()).as("format 1.<uuid>.<revision>.<time>.<bits>: %s", choice.get("value")).isTrue();
        assertThat(value.group(2)).isEqualTo(Integer.toString(config(slug, "fr").get("revision").asInt()));
        assertThat(value.group(4)).isEqualTo("p1s1m1");
        assertThat(browser.cookies()).as("no cookie on Charte's host (rules 17, 33)")
                .noneMatch(c -> "localhost".equals(c.get("domain")));
    }

    /** Rules 15 and 17: a refusal is kept exactly as long as an acceptance. */
    @Test
    void rule15RefusalAndAcceptanceHaveTheSameLifetime() {
        open("en", 1);
        click("#charte-banner", "reject_all");
        double refused = ((Number) choiceCookie().get("expires")).doubleValue();
        browser.reset(site.origin());
        open("en", 1);
        click("#charte-banner", "accept_all");
        double accepted = ((Number) choiceCookie().get("expires")).doubleValue();
        assertThat(accepted - refused).isBetween(-60.0, 60.0);
    }

    /** Rule 16: asked again once the choice is older than the portal's lifetime, or the revision changed; not before. */
    @Test
    void rule16AskedAgainAfterTheLifetimeOrANewRevisionNotBefore() {
        String portal = portal("BE", false);
        int revision = config(portal, "fr").get("revision").asInt();
        long now = Instant.now().getEpochSecond();
        String id = UUID.randomUUID().toString();

        open(portal, "fr", 1);
        setChoice("1." + id + "." + revision + "." + (now - 179 * DAY) + ".p0s0m0");
        open(portal, "fr", 2);
        assertThat(bannerShown()).as("179 days old: still valid").isFalse();

        setChoice("1." + id + "." + revision + "." + (now - 181 * DAY) + ".p1s1m1");
        open(portal, "fr", 2);
        assertThat(bannerShown()).as("181 days old: expired").isTrue();
        assertThat(thirdPartyHits()).as("an expired acceptance is no acceptance").isEmpty();

        assertThat(portals.putSettings(portal, "{\"choiceLifetimeDays\": 30, \"consentMode\": false, \"matomo\": false}")
                .status()).isEqualTo(200);
        setChoice("1." + id + "." + revision + "." + (now - 29 * DAY) + ".p0s0m0");
        open(portal, "fr", 3);
        assertThat(bannerShown()).as("29 days of 30").isFalse();
        setChoice("1." + id + "." + revision + "." + (now - 31 * DAY) + ".p0s0m0");
        open(portal, "fr", 3);
        assertThat(bannerShown()).as("31 days of 30").isTrue();

        setChoice("1." + id + "." + revision + "." + now + ".p0s0m0");
        open(portal, "fr", 4);
        assertThat(bannerShown()).isFalse();
        portals.declare(portal, "new_tracker", "marketing", null, DAY, false, "fr");
        portals.publish(portal);
        open(portal, "fr", 4);
        assertThat(bannerShown()).as("a new revision (new third party) asks again").isTrue();
    }

    /** Issue 4 section 8: a damaged, older-format or forged value is "no choice yet", never an error. */
    @Test
    void damagedOrForgedChoiceIsNoChoice() {
        int revision = config(slug, "fr").get("revision").asInt();
        long now = Instant.now().getEpochSecond();
        String id = UUID.randomUUID().toString();
        open("fr", 1);
        for (String value : List.of("garbage", "0." + id + "." + revision + "." + now + ".p1s1m1",
                "1." + id + "." + revision + "." + now + ".s1s1", "1.not-a-uuid." + revision + "." + now + ".p1s1m1",
                "1." + id + "." + revision + "." + (now + 10 * DAY) + ".p1s1m1")) {
            setChoice(value);
            open("fr", 2);
            assertThat(bannerShown()).as("asked again with %s", value).isTrue();
            assertThat(browser.js("return Charte.getConsent().decided")).isEqualTo(false);
        }
        assertThat(thirdPartyHits()).isEmpty();
        assertThat(browser.consoleErrors()).as("no error in the console").isEmpty();
    }

    /** Rules 18 and 19: settings on every page; withdrawal in two actions takes effect at once. */
    @Test
    void rules18And19WithdrawalIsTwoActionsAndTakesEffect() {
        open("fr", 1);
        click("#charte-banner", "accept_all");
        browser.await().until(d -> cookieNames().contains("_pk_id.test") && cookieNames().contains("mkt_inline"));
        browser.await().until(d -> thirdPartyHits().contains("/hit"));
        for (int page = 2; page <= 4; page++) {
            open("fr", page);
            WebElement manage = browser.driver().findElement(By.id("charte-manage"));
            assertThat(manage.getText()).isEqualTo("Gestion des cookies");
            assertThat(manage.getTagName()).isEqualTo("button");
        }
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("embed")));
        // Two actions: open the settings, refuse all.
        openPreferences();
        click("#charte-prefs", "reject_all");
        assertThat(cookieNames()).as("withdrawn first-party cookies are expired at once")
                .containsExactly("cookies_preferences");
        assertThat((String) choiceCookie().get("value")).endsWith(".p0s0m0");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".charte-placeholder")));
        assertThat(browser.driver().findElement(By.id("embed")).getDomAttribute("src")).isNull();
        // The page reloads so that the withdrawn scripts stop; then the gated host hears nothing more.
        browser.await().until(d -> Boolean.TRUE.equals(browser.js(
                "return performance.getEntriesByType('navigation')[0].type === 'reload'")));
        open("fr", 4);
        pause(1_000);
        site.clear();
        pause(2_000);
        assertThat(thirdPartyHits()).as("gated scripts stopped").isEmpty();
        assertThat(cookieNames()).containsExactly("cookies_preferences");
        List<JsonNode> proofs = awaitProofs(2);
        assertThat(proofs.get(proofs.size() - 1).get("action").asString()).isEqualTo("withdraw");
    }

    /** Rule 18: the page's own data-charte-open element and the JS API open the centre. */
    @Test
    void rule18CentreOpensFromDataAttributeAndApi() {
        open("nl", 1);
        click("#charte-banner", "reject_all");
        browser.driver().findElement(By.id("page-open")).click();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("charte-prefs")));
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        browser.js("Charte.open()");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("charte-prefs")));
    }

    /** Rule 20: one proof per decision, with the cookie's consent id, the texts' hash, language and variant. */
    @Test
    void rule20EveryDecisionSendsOneProof() {
        JsonNode config = config(slug, "de");
        open("de", 1);
        click("#charte-banner", "customize");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("charte-prefs")));
        browser.driver().findElement(By.cssSelector("#charte-prefs input[data-charte-category=preferences]")).click();
        click("#charte-prefs", "save");
        List<JsonNode> proofs = awaitProofs(1);
        assertThat(proofs).hasSize(1);
        JsonNode proof = proofs.get(0);
        Matcher value = CHOICE.matcher((String) choiceCookie().get("value"));
        assertThat(value.matches()).isTrue();
        assertThat(proof.get("consentId").asString()).isEqualTo(value.group(1));
        assertThat(proof.get("revision").asInt()).isEqualTo(config.get("revision").asInt());
        assertThat(proof.get("language").asString()).isEqualTo("de");
        assertThat(proof.get("action").asString()).isEqualTo("custom");
        assertThat(proof.get("source").asString()).isEqualTo("click");
        assertThat(proof.get("variant").asString()).isEqualTo("preferences");
        assertThat(proof.get("textHash").asString()).isEqualTo(config.get("textHash").asString());
        assertThat(proof.get("choices").get("preferences").asBoolean()).isTrue();
        assertThat(proof.get("choices").get("statistics").asBoolean()).isFalse();
        assertThat(proof.get("choices").get("marketing").asBoolean()).isFalse();
        assertThat(proof.propertyNames()).as("the ledger's contract").containsExactlyInAnyOrder("consentId",
                "revision", "language", "action", "choices", "textHash", "source", "variant");
        assertThat(proof.get("choices").propertyNames()).containsExactlyInAnyOrder("preferences", "statistics",
                "marketing");

        openPreferences();
        click("#charte-prefs", "accept_all");
        browser.await().until(d -> proofs().stream().anyMatch(p -> p.get("action").asString().equals("accept_all")));
        assertThat(proofs().stream().filter(p -> p.get("action").asString().equals("accept_all"))
                .map(JsonNode::toString).distinct().count()).isEqualTo(1);
        assertThat(proofs()).allMatch(p -> p.get("consentId").asString().equals(value.group(1)));
    }

    /** Issue 4 section 8: when the proof cannot be delivered, the choice is kept and the proof sent again later. */
    @Test
    void undeliveredProofIsKeptAndSentAgainOnTheNextPage() {
        browser.cdp("Network.setBlockedURLs", Map.of("urls", List.of("*/consents")));
        open("en", 1);
        click("#charte-banner", "reject_all");
        browser.await().until(d -> storageKeys("localStorage").contains("cookies_preferences"));
        String kept = (String) browser.js("return localStorage.getItem('cookies_preferences')");
        JsonNode outbox = JSON.readTree(kept);
        assertThat(outbox).hasSize(1);
        assertThat(outbox.get(0).get("action").asString()).isEqualTo("reject_all");
        assertThat(outbox.get(0).propertyNames()).as("minimal: the proof and nothing else")
                .containsExactlyInAnyOrder("consentId", "revision", "language", "action", "choices", "textHash",
                        "source", "variant", "time");
        browser.cdp("Network.setBlockedURLs", Map.of("urls", List.of()));
        int before = proofs().size();
        open("en", 2);
        assertThat(bannerShown()).isFalse();
        browser.await().until(d -> proofs().size() > before);
        JsonNode again = proofs().get(proofs().size() - 1);
        assertThat(again.get("consentId").asString()).isEqualTo(outbox.get(0).get("consentId").asString());
        assertThat(again.get("action").asString()).isEqualTo("reject_all");
    }

    private void setChoice(String value) {
        browser.cdp("Network.setCookie", Map.of("name", "cookies_preferences", "value", value,
                "url", site.origin() + "/", "path", "/", "sameSite", "Lax"));
    }
}
