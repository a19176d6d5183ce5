package eu.charte.charter;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import eu.charte.Chromium;
import eu.charte.IntegrationTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The charter page in a real headless Chromium (issue 3, "A browser test"): the language switched with the page's
 * picker, and axe-core (run from the jar, nothing downloaded) finding no accessibility violation on the charter in
 * French and Dutch and on the registry's back office. Screenshots are kept under {@code target/screenshots/}.
 */
class CharterBrowserTests extends IntegrationTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHARTER = "/p/opendata-bruxelles/charte-cookies";
    private static final String REGISTRY = "/admin/portals/opendata-bruxelles/cookies";

    private Chromium chromium;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        chromium = Chromium.start();
        browser = chromium.driver();
    }

    @AfterEach
    void quitBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void charterSwitchesFromFrenchToDutchWithTheLanguagePicker() {
        // A visitor whose browser asks for Belgian French, as most of this portal's visitors.
        String userAgent = (String) chromium.driver().executeScript("return navigator.userAgent");
        chromium.cdp("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent, "acceptLanguage", "fr-BE,fr"));
        browser.get(base() + CHARTER);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Charte cookies");
        assertThat(new Select(browser.findElement(By.id("language-picker"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).toList()).as("the portal's languages").containsExactly("fr", "nl", "en");
        screenshot("charter-fr.png");

        new Select(browser.findElement(By.id("language-picker"))).selectByValue("nl");
        browser.findElement(By.cssSelector("form.language-picker button[type=submit]")).click();
        chromium.await().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "nl"));

        assertThat(browser.getCurrentUrl()).as("the picker returns to the charter").isEqualTo(base() + CHARTER);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cookiecharter");
        assertThat(browser.getTitle()).startsWith("Cookiecharter");
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("Ville de Bruxelles",
                "sessionid", "https://opendata.bruxelles.be", "Versie ");
        assertThat(new Select(browser.findElement(By.id("language-picker"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("nl");
        screenshot("charter-nl.png");

        browser.get(base() + CHARTER);
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .as("the choice is remembered, over the browser's Accept-Language")
                .isEqualTo("Cookiecharter");
    }

    @Test
    void charterHasNoAccessibilityViolationInFrenchOrDutch() {
        for (String language : List.of("fr", "nl")) {
            browser.get(base() + CHARTER + "?lang=" + language);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
            assertNoViolation("charter in " + language);
        }
    }

    /** Guards the guard: a page with a known fault must make axe-core report it, so "no violation" means something. */
    @Test
    void axeCoreReportsAViolationWhenThereIsOne() {
        browser.get(base() + CHARTER + "?lang=fr");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "var img = document.createElement('img'); img.src = 'data:,'; document.querySelector('main').append(img);"
                        + "document.documentElement.removeAttribute('lang');");
        Results results = new AxeBuilder().analyze(browser);
        assertThat(results.getViolations().stream().map(Rule::getId).toList()).contains("image-alt", "html-has-lang");
    }

    @Test
    void registryBackOfficeHasNoAccessibilityViolation() {
        signInThroughTheForm();
        browser.get(base() + REGISTRY);
        assertThat(browser.findElements(By.cssSelector("#declarations tbody tr"))).hasSizeGreaterThanOrEqualTo(4);
        assertNoViolation("registry list");
        screenshot("registry-list.png");

        browser.get(base() + REGISTRY + "/new");
        assertNoViolation("new cookie form");
        browser.findElement(By.id("provider")).sendKeys("Matomo");
        browser.findElement(By.id("name")).sendKeys("bad name;");
        new Select(browser.findElement(By.id("lifetimeUnit"))).selectByValue("days");
        browser.findElement(By.id("lifetimeValue")).clear();
        browser.findElement(By.id("lifetimeValue")).sendKeys("30");
        browser.findElement(By.cssSelector("#declaration-form button[type=submit]")).click();
        chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.id("form-errors")));
        assertThat(browser.findElement(By.id("name-error")).getText()).isNotBlank();
        assertNoViolation("new cookie form with errors");
        screenshot("registry-form-errors.png");

        browser.get(base() + REGISTRY);
        String sessionLink = browser.findElement(By.cssSelector("#declarations tr[data-name=sessionid] a"))
                .getAttribute("href");
        browser.get(sessionLink);
        assertThat(browser.findElement(By.id("platform-explanation")).getText()).isNotBlank();
        assertNoViolation("platform cookie form");
    }

    /** Runs axe-core on the page and fails with a readable list of every violation and where it is. */
    private void assertNoViolation(String page) {
        Results results = new AxeBuilder().analyze(browser);
        assertThat(results.isErrored()).as("axe-core failed on %s: %s", page, results.getErrorMessage()).isFalse();
        assertThat(results.getPasses()).as("rules axe-core checked on %s", page).isNotEmpty();
        List<Rule> violations = results.getViolations();
        for (Rule rule : results.getIncomplete()) {
            System.out.printf("axe-core on %s: needs review: %s: %s%n%s%n", page, rule.getId(), rule.getHelp(),
                    rule.getNodes().stream().map(CharterBrowserTests::describe).collect(Collectors.joining("\n")));
        }
        assertThat(violations).as("accessibility violations on %s (%s):%n%s", page, browser.getCurrentUrl(),
                describe(violations)).isEmpty();
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp()
                + " " + rule.getHelpUrl() + "\n" + rule.getNodes().stream().map(CharterBrowserTests::describe)
                .collect(Collectors.joining("\n"))).collect(Collectors.joining("\n"));
    }

    private static String describe(CheckedNode node) {
        return "    at " + node.getTarget() + ": " + node.getHtml() + "\n      "
                + String.valueOf(node.getFailureSummary()).replace("\n", "\n      ");
    }

    /** A PNG of the whole page, not only what fits in the window, under {@code target/screenshots/}. */
    private void screenshot(String name) {
        Map<String, Object> metrics = chromium.cdp("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                "height", Math.min(((Number) size.get("height")).doubleValue(), 8_000), "scale", 1);
        Map<String, Object> shot = chromium.cdp("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void signInThroughTheForm() {
        browser.get(base() + "/login");
        browser.findElement(By.id("username")).sendKeys(ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main form[action$='/login'] button[type=submit]")).click();
        chromium.await().until(ExpectedConditions.urlToBe(base() + "/admin"));
    }
}
