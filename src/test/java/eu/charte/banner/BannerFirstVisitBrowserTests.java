package eu.charte.banner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The banner before any choice and its first layer, in real headless Chromium, on a portal page of another origin
 * with a strict CSP (checklist sections A, B and H). Each test names the rules it checks.
 */
class BannerFirstVisitBrowserTests extends BannerBrowserSupport {

    /** Rules 1 and 2: nothing stored, nothing requested from gated hosts, embeds behind placeholders, for 10 s. */
    @Test
    void rules1And2NothingIsStoredOrRequestedBeforeAChoice() {
        open("fr", 1);
        assertThat(bannerShown()).isTrue();
        pause(10_000);
        assertThat(cookieNames()).as("cookie jar before any choice (rule 1)").isEmpty();
        assertThat(storageKeys("localStorage")).isEmpty();
        assertThat(storageKeys("sessionStorage")).isEmpty();
        assertThat(browser.js("return indexedDB.databases().then(d => d.length)")).isEqualTo(0L);
        assertThat(thirdPartyHits()).as("requests to the gated host (rule 2)").isEmpty();
        assertThat(browser.requests(r -> r.url().contains("127.0.0.2"))).isEmpty();
        WebElement frame = browser.driver().findElement(By.id("embed"));
        assertThat(frame.getDomAttribute("src")).isNull();
        assertThat(frame.isDisplayed()).isFalse();
        WebElement placeholder = browser.driver().findElement(By.cssSelector(".charte-placeholder"));
        assertThat(placeholder.getText()).contains("127.0.0.2", "Marketing");
        assertThat(browser.requests(r -> r.method().equals("POST"))).as("no consent recorded (rule 5)").isEmpty();
    }

    /** Rule 4: on any entry URL; the page stays readable and usable (no cookie wall). */
    @Test
    void rule4BannerOnAnyEntryPageWithoutCookieWall() {
        open("fr", 4);
        assertThat(bannerShown()).isTrue();
        WebElement main = browser.driver().findElement(By.id("main"));
        assertThat(main.getDomAttribute("inert")).isNull();
        assertThat(main.getDomAttribute("aria-hidden")).isNull();
        assertThat(browser.js("""
                const p = document.getElementById('first').getBoundingClientRect();
                const hit = document.elementFromPoint(p.left + 5, p.top + 5);
                return document.getElementById('first').contains(hit);""")).as("the text is not covered").isEqualTo(true);
        browser.driver().findElement(By.linkText("Page 2")).click();
        browser.await().until(ExpectedConditions.titleIs("Page 2"));
        assertThat(browser.js("return document.querySelectorAll('.charte-modal-box:not([hidden])').length"))
                .isEqualTo(0L);
    }

    /** Rule 5: scrolling, clicking outside, Esc and browsing on never count as consent. */
    @Test
    void rule5ScrollClickOutsideEscAndBrowsingAreNotConsent() {
        open("fr", 1);
        browser.js("window.scrollTo(0, document.body.scrollHeight)");
        browser.driver().findElement(By.id("first")).click();
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        for (int page = 2; page <= 4; page++) {
            browser.driver().findElement(By.linkText("Page " + page)).click();
            int n = page;
            browser.await().until(ExpectedConditions.titleIs("Page " + n));
            open("fr", page);
            assertThat(bannerShown()).as("still asking on page %d", page).isTrue();
        }
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        assertThat(bannerShown()).isTrue();
        assertThat(cookieNames()).isEmpty();
        assertThat(storageKeys("localStorage")).isEmpty();
        assertThat(thirdPartyHits()).isEmpty();
        assertThat(browser.js("return Charte.getConsent().decided")).isEqualTo(false);
        assertThat(browser.requests(r -> r.method().equals("POST"))).isEmpty();
    }

    /** Rules 6, 7 and 11: native buttons, one click each, equal weight; "customise" on the first layer (BE). */
    @Test
    void rules6And7And11ThreeEqualButtonsOneClickEach() {
        open("fr", 1);
        List<WebElement> buttons = browser.driver().findElements(By.cssSelector("#charte-banner .charte-actions button"));
        assertThat(buttons).extracting(b -> b.getAttribute("data-charte-action"))
                .containsExactly("reject_all", "accept_all", "customize");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> looks = (List<Map<String, Object>>) browser.js("""
                return [...document.querySelectorAll('#charte-banner .charte-actions button')].map(b => {
                  const s = getComputedStyle(b), r = b.getBoundingClientRect();
                  return {tag: b.tagName, cls: b.className, size: s.fontSize, weight: s.fontWeight, color: s.color,
                    bg: s.backgroundColor, border: s.borderColor, opacity: s.opacity, deco: s.textDecorationLine,
                    w: r.width, h: r.height, inView: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0
                      && r.right <= innerWidth};
                });""");
        Map<String, Object> reject = looks.get(0);
        for (Map<String, Object> look : looks) {
            for (String key : List.of("tag", "cls", "size", "weight", "color", "bg", "border", "opacity", "deco")) {
                assertThat(look.get(key)).as("%s of %s (rule 7)", key, look).isEqualTo(reject.get(key));
            }
            assertThat(((Number) look.get("w")).doubleValue()).isCloseTo(((Number) reject.get("w")).doubleValue(),
                    org.assertj.core.data.Percentage.withPercentage(10));
            assertThat(((Number) look.get("h")).doubleValue()).isCloseTo(((Number) reject.get("h")).doubleValue(),
                    org.assertj.core.data.Percentage.withPercentage(10));
            assertThat(look.get("inView")).as("visible without scrolling the banner (rule 6)").isEqualTo(true);
        }
        assertThat(reject.get("tag")).isEqualTo("BUTTON");
        assertThat(reject.get("opacity")).isEqualTo("1");
        assertThat(reject.get("deco")).isEqualTo("none");

        click("#charte-banner", "reject_all");
        assertThat(bannerShown()).as("one click refuses").isFalse();
        assertThat((String) choiceCookie().get("value")).endsWith(".p0s0m0");

        browser.reset(site.origin());
        open("fr", 1);
        click("#charte-banner", "accept_all");
        assertThat(bannerShown()).as("one click accepts").isFalse();
        assertThat((String) choiceCookie().get("value")).endsWith(".p1s1m1");
    }

    /** Rules 8 and 30: the fixed labels in each language of the page; the refusal's name has no "accept" word. */
    @Test
    void rules8And30LabelsInThePagesLanguage() {
        Map<String, List<String>> labels = Map.of(
                "fr", List.of("Tout refuser", "Tout accepter", "Personnaliser", "Gestion des cookies"),
                "nl", List.of("Alles weigeren", "Alles accepteren", "Aanpassen", "Cookie-instellingen"),
                "de", List.of("Alle ablehnen", "Alle akzeptieren", "Anpassen", "Cookie-Einstellungen"),
                "en", List.of("Reject all", "Accept all", "Customise", "Cookie settings"));
        labels.forEach((lang, expected) -> {
            open(lang, 1);
            assertThat(button("#charte-banner", "reject_all").getText()).isEqualTo(expected.get(0));
            assertThat(button("#charte-banner", "accept_all").getText()).isEqualTo(expected.get(1));
            assertThat(button("#charte-banner", "customize").getText()).isEqualTo(expected.get(2));
            assertThat(browser.driver().findElement(By.id("charte-manage")).getText()).isEqualTo(expected.get(3));
            assertThat(browser.driver().findElement(By.id("charte-banner")).getAttribute("lang")).isEqualTo(lang);
            assertThat(button("#charte-banner", "reject_all").getAccessibleName().toLowerCase())
                    .doesNotContain("accept", "akzept", "aanvaard", "ok");
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=charte-charter]"))
                    .getAttribute("href")).endsWith("/charte-cookies?lang=" + lang);
        });
    }

    /** Rule 9: controller, purposes, consequences of refusing, withdrawal, links that answer 200, same language. */
    @Test
    void rule9FirstLayerInformsAndItsLinksWork() {
        open("fr", 1);
        assertThat(text("charte-controller")).contains("Ville de Test", "responsable du traitement");
        assertThat(text("charte-purposes")).contains("Préférences", "Mesure d'audience", "Marketing");
        assertThat(text("charte-refusal")).contains("Refuser");
        assertThat(text("charte-withdraw")).contains("Gestion des cookies");
        for (String link : List.of("charte-charter", "charte-third-parties")) {
            String href = browser.driver().findElement(By.cssSelector("[data-testid=" + link + "]")).getAttribute("href");
            assertThat(href).startsWith(charte() + "/p/" + slug + "/charte-cookies?lang=fr");
            assertThat(client().get(href.substring(charte().length()).replaceAll("#.*", "")).status())
                    .as(link).isEqualTo(200);
        }
    }

    /** Rules 10 and 12: one switch per purpose, off; "save" stores exactly them; no legitimate-interest path. */
    @Test
    void rules10And12SwitchesOffByDefaultAndSaveStoresExactlyTheChoice() {
        open("fr", 1);
        click("#charte-banner", "customize");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("charte-prefs")));
        List<WebElement> switches = browser.driver().findElements(By.cssSelector("#charte-prefs input[role=switch]"));
        assertThat(switches).extracting(s -> s.getAttribute("data-charte-category"))
                .containsExactly("necessary", "preferences", "statistics", "marketing");
        assertThat(switches.get(0).isSelected()).as("necessary: always on").isTrue();
        assertThat(switches.get(0).isEnabled()).isFalse();
        for (WebElement s : switches.subList(1, 4)) {
            assertThat(s.isSelected()).as("off by default: %s", s.getAttribute("data-charte-category")).isFalse();
            assertThat(s.getAttribute("type")).isEqualTo("checkbox");
        }
        assertThat((String) browser.js("return document.getElementById('charte-prefs').textContent"))
                .as("the registry's cookies in the centre").contains("_pk_id.*", "Provider _pk_id.*",
                        "Purpose of _pk_id.* (fr)", "13 mois");
        String all = browser.driver().findElement(By.tagName("body")).getText().toLowerCase();
        assertThat(all).doesNotContain("intérêt légitime", "legitimate interest", "opposer");
        assertThat(browser.js("return typeof window.__tcfapi")).isEqualTo("undefined");

        new Actions(browser.driver()).click(switches.get(2)).perform();
        click("#charte-prefs", "save");
        assertThat((String) choiceCookie().get("value")).endsWith(".p0s1m0");
        assertThat(browser.driver().findElement(By.cssSelector(".charte-manage-box [role=status]")).getText())
                .as("saving announces a status (rule 27)").isEqualTo("Vos choix ont été enregistrés.");

        browser.reset(site.origin());
        open("fr", 1);
        click("#charte-banner", "customize");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("charte-prefs")));
        click("#charte-prefs", "accept_all");
        assertThat((String) choiceCookie().get("value")).as("accept all in the centre = first layer's")
                .endsWith(".p1s1m1");
    }

    /** Rules 27 and 28: dialog semantics, keyboard only, focus visible, modal focus kept inside, Esc returns it. */
    @Test
    void rules27And28SemanticsAndKeyboard() {
        open("fr", 1);
        WebElement banner = browser.driver().findElement(By.id("charte-banner"));
        assertThat(banner.getAttribute("role")).isEqualTo("dialog");
        assertThat(banner.getAccessibleName()).isEqualTo(browser.driver().findElement(By.id("charte-title")).getText());
        // The banner comes first in the tab order.
        browser.js("document.activeElement.blur()");
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        WebElement first = browser.driver().switchTo().activeElement();
        assertThat(banner.findElements(By.cssSelector("a, button"))).contains(first);
        assertThat(browser.js("return getComputedStyle(document.activeElement).outlineStyle"))
                .as("focus visible (rule 28)").isNotEqualTo("none");
        // Tab on through the banner and out of it: no trap.
        for (int i = 0; i < 6; i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        assertThat(banner.findElements(By.cssSelector("*")))
                .doesNotContain(browser.driver().switchTo().activeElement());

        // The persistent control opens the centre with Enter; focus stays inside; Esc returns it.
        WebElement manage = browser.driver().findElement(By.id("charte-manage"));
        browser.js("arguments[0].focus()", manage);
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        WebElement prefs = browser.driver().findElement(By.id("charte-prefs"));
        browser.await().until(ExpectedConditions.visibilityOf(prefs));
        assertThat(prefs.getAttribute("aria-modal")).isEqualTo("true");
        assertThat(prefs.getAccessibleName()).isEqualTo("Vos préférences en matière de cookies");
        for (int i = 0; i < 25; i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            assertThat(browser.js("return document.getElementById('charte-prefs').contains(document.activeElement)"))
                    .as("focus inside the modal after %d tabs", i + 1).isEqualTo(true);
        }
        WebElement statistics = prefs.findElement(By.cssSelector("input[data-charte-category=statistics]"));
        browser.js("arguments[0].focus()", statistics);
        new Actions(browser.driver()).sendKeys(Keys.SPACE).perform();
        assertThat(statistics.isSelected()).as("Space toggles a switch").isTrue();
        assertThat(browser.js("return getComputedStyle(document.activeElement).outlineStyle")).isNotEqualTo("none");
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        assertThat(prefs.isDisplayed()).isFalse();
        assertThat(browser.driver().switchTo().activeElement()).as("Esc returns focus to the opener").isEqualTo(manage);
        assertThat(choiceCookie()).as("Esc is not a choice (rule 5)").isNull();
    }

    /** Rule 29: text and both buttons at least 4.5:1, computed from the styles the page really uses. */
    @Test
    void rule29ContrastOfTextAndBothButtons() {
        open("fr", 1);
        @SuppressWarnings("unchecked")
        List<Double> ratios = (List<Double>) browser.js("""
                const lum = (c) => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => {
                  v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                  return (x + 0.05) / (y + 0.05); };
                const banner = getComputedStyle(document.getElementById('charte-banner'));
                const out = [ratio(banner.color, banner.backgroundColor)];
                for (const a of ['reject_all', 'accept_all']) {
                  const s = getComputedStyle(document.querySelector('#charte-banner [data-charte-action=' + a + ']'));
                  out.push(ratio(s.color, s.backgroundColor));
                  out.push(ratio(s.borderColor, banner.backgroundColor));
                }
                return out;""");
        assertThat(ratios.get(0)).as("banner text").isGreaterThanOrEqualTo(4.5);
        assertThat(ratios.get(1)).as("refuse").isGreaterThanOrEqualTo(4.5);
        assertThat(ratios.get(3)).as("accept").isGreaterThanOrEqualTo(4.5);
        assertThat(ratios.get(1)).as("same contrast for both").isEqualTo(ratios.get(3));
        assertThat(ratios.get(2)).as("button boundary").isGreaterThanOrEqualTo(3);
    }

    /** Rule 31: at 320 CSS px and at 200% zoom both buttons are visible and there is no horizontal scrolling. */
    @Test
    void rule31ReflowAt320PixelsAndZoom200() {
        for (Map<String, Object> metrics : List.<Map<String, Object>>of(
                Map.of("width", 320, "height", 640, "deviceScaleFactor", 1, "mobile", true),
                Map.of("width", 640, "height", 450, "deviceScaleFactor", 2, "mobile", false))) {
            browser.cdp("Emulation.setDeviceMetricsOverride", metrics);
            open("de", 1);
            for (String action : List.of("reject_all", "accept_all")) {
                assertThat(browser.js("""
                        const r = document.querySelector('#charte-banner [data-charte-action=' + arguments[0] + ']')
                          .getBoundingClientRect();
                        return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;""",
                        action)).as("%s visible at %s", action, metrics).isEqualTo(true);
            }
            assertThat(browser.js("return document.documentElement.scrollWidth <= innerWidth"))
                    .as("no horizontal scrolling at %s", metrics).isEqualTo(true);
        }
        click("#charte-banner", "reject_all");
        assertThat(choiceCookie()).isNotNull();
    }

    /** Rules 27 to 30 through axe-core: no violation on the first layer and the centre, in fr, nl, de and en. */
    @Test
    void rules27To30NoAxeViolationInTheFourLanguages() {
        for (String lang : List.of("fr", "nl", "de", "en")) {
            open(lang, 1);
            assertNoAxeViolation("first layer in " + lang);
            click("#charte-banner", "customize");
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("charte-prefs")));
            browser.driver().findElements(By.cssSelector("#charte-prefs details")).forEach(d -> d.findElement(
                    By.tagName("summary")).click());
            assertNoAxeViolation("preferences centre in " + lang);
        }
    }

    private String text(String testId) {
        return browser.driver().findElement(By.cssSelector("[data-testid=" + testId + "]")).getText();
    }
}
