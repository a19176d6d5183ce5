package eu.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.Chromium;
import eu.charte.IntegrationTestSupport;
import java.nio.file.Path;
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
 * The platform in a real headless Chromium (issue 2, "A browser test"): sign in through the form, switch the back
 * office to Dutch with the language picker, and read the browser's own cookie jar.
 */
class PlatformBrowserTests extends IntegrationTestSupport {

    /** Kept with the build's output; look at it when the Dutch back office seems broken. */
    static final Path SCREENSHOT = Path.of("target", "screenshots", "charte-admin-nl.png");

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
    void signedInAdministratorSwitchesToDutchAndKeepsExactlyThePlatformCookies() {
        signInThroughTheForm();
        chooseLanguageWithThePicker("nl");

        assertThat(browser.getCurrentUrl()).as("the picker returns to the page it was used on").isEqualTo(base() + "/admin");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Portalen");
        assertThat(browser.findElement(By.cssSelector("header nav")).getText()).contains("Mijn account", "Afmelden");
        assertThat(browser.getTitle()).startsWith("Portalen");
        chromium.screenshot(SCREENSHOT);

        Map<String, Map<String, Object>> jar = chromium.cookies().stream()
                .collect(Collectors.toMap(c -> (String) c.get("name"), c -> c));
        assertThat(jar.keySet()).containsExactlyInAnyOrder("sessionid", "csrftoken", "django_language");

        assertThat(jar.get("sessionid")).containsEntry("httpOnly", true).containsEntry("secure", true)
                .containsEntry("sameSite", "Lax").containsEntry("path", "/")
                .as("a session cookie, gone when the browser closes").containsEntry("session", true);
        assertThat(jar.get("django_language")).containsEntry("value", "nl").containsEntry("httpOnly", true)
                .containsEntry("secure", true).containsEntry("sameSite", "Lax");
        assertThat(jar.get("csrftoken")).as("scripts read the token to send X-CSRFToken")
                .containsEntry("httpOnly", false).containsEntry("secure", true).containsEntry("sameSite", "Strict");
        assertThat(jar.values()).allSatisfy(cookie -> assertThat(cookie.get("domain")).isEqualTo("localhost"));
    }

    @Test
    void myAccountPageOpensFromTheMenuInTheChosenLanguage() {
        signInThroughTheForm();
        chooseLanguageWithThePicker("nl");

        browser.findElement(By.cssSelector("header nav a[href$='/admin/account']")).click();
        chromium.await().until(ExpectedConditions.urlToBe(base() + "/admin/account"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mijn account");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
        assertThat(chromium.cookies().stream().map(c -> (String) c.get("name")).toList())
                .containsExactlyInAnyOrder("sessionid", "csrftoken", "django_language");
    }

    @Test
    void portalFormOpensFromThePortalListWithItsLanguagesTicked() {
        signInThroughTheForm();

        browser.findElement(By.cssSelector("main a[href$='/admin/portals/opendata-bruxelles']")).click();
        chromium.await().until(ExpectedConditions.urlToBe(base() + "/admin/portals/opendata-bruxelles"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Open Data Bruxelles");
        assertThat(browser.findElement(By.id("slug")).getAttribute("value")).isEqualTo("opendata-bruxelles");
        assertThat(browser.findElements(By.cssSelector("input[name=languages]:checked")).stream()
                .map(box -> box.getAttribute("value")).toList()).containsExactly("fr", "nl", "en");
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

    private void chooseLanguageWithThePicker(String language) {
        new Select(browser.findElement(By.id("language-picker"))).selectByValue(language);
        browser.findElement(By.cssSelector("form.language-picker button[type=submit]")).click();
        chromium.await().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", language));
    }
}
