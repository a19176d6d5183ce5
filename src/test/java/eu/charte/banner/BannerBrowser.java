package eu.charte.banner;

import eu.charte.Chromium;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A headless Chromium like {@link Chromium} (same binary, driver and flags, fresh profile), that also records every
 * request the pages make (chromedriver's performance log: CDP {@code Network.requestWillBeSent} events, with method,
 * URL and body), and can be reset to a fresh state between tests of one class (cookies, storage, extra headers).
 */
final class BannerBrowser implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request a page made. */
    record Request(String method, String url, String body) {
    }

    private final Path profile;
    private final ChromeDriver driver;
    private final List<Request> requests = new ArrayList<>();

    private BannerBrowser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    static BannerBrowser start() {
        if (!Files.isExecutable(Chromium.BINARY) || !Files.isExecutable(Chromium.DRIVER)) {
            throw new IllegalStateException("Chromium or chromedriver is missing (" + Chromium.BINARY + ", "
                    + Chromium.DRIVER + "): install them with `apt-get install -y chromium chromium-driver`");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("charte-banner-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL", LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(Chromium.DRIVER.toString())).usingAnyFreePort().build();
        try {
            BannerBrowser browser = new BannerBrowser(profile, new ChromeDriver(service, options));
            browser.cdp("Network.enable", Map.of());
            // banner.js is cached for minutes; tests change settings and revisions and must see them at once.
            browser.cdp("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            return browser;
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    @SuppressWarnings("unchecked")
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Every cookie in the browser's jar (CDP: HttpOnly and third-party cookies included). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cookies() {
        return (List<Map<String, Object>>) cdp("Network.getAllCookies", Map.of()).get("cookies");
    }

    /** The requests made since the last {@link #reset}, oldest first. */
    synchronized List<Request> requests() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if ("Network.requestWillBeSent".equals(message.path("method").asString())) {
                JsonNode request = message.path("params").path("request");
                requests.add(new Request(request.path("method").asString(), request.path("url").asString(),
                        request.path("postData").isMissingNode() ? null : request.path("postData").asString()));
            }
        }
        return List.copyOf(requests);
    }

    List<Request> requests(Predicate<Request> filter) {
        return requests().stream().filter(filter).toList();
    }

    /** Messages the pages logged at level SEVERE (errors) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** A fresh visitor: no cookie, no storage for the origins, no extra header, no GPC, request log emptied. */
    synchronized void reset(String... origins) {
        driver.get("about:blank");
        cdp("Network.clearBrowserCookies", Map.of());
        for (String origin : origins) {
            cdp("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        }
        cdp("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        cdp("Network.setBlockedURLs", Map.of("urls", List.of()));
        cdp("Emulation.clearDeviceMetricsOverride", Map.of());
        requests();
        requests.clear();
        consoleErrors();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Chromium may still be writing while it exits; a left-over temporary folder is harmless.
        }
    }
}
