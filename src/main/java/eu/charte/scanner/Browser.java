package eu.charte.scanner;

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
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium with a fresh profile, driven by chromedriver. CDP is reached through chromedriver
 * ({@code executeCdpCommand}) and its performance log (the Network events), so no version-bound devtools module is
 * needed. {@link #close()} quits the browser, kills whatever is left of its process tree and deletes the profile; it
 * may be called from another thread (cancelling a scan) and more than once.
 */
final class Browser implements AutoCloseable {

    /** Records which script wrote each cookie and storage key (read back by the scanner, page by page). */
    private static final String WRITE_HOOK = """
            (() => {
              const writes = [];
              Object.defineProperty(window, '__charteScanWrites', {value: writes});
              const source = () => {
                const lines = (new Error().stack || '').split('\\n').slice(2);
                for (const line of lines) {
                  const m = line.match(/(https?:\\/\\/[^\\s()]+?):\\d+:\\d+/);
                  if (m) { return m[1]; }
                }
                return null;
              };
              const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
              if (cookie && cookie.set) {
                Object.defineProperty(Document.prototype, 'cookie', {
                  configurable: true, enumerable: cookie.enumerable,
                  get() { return cookie.get.call(this); },
                  set(v) {
                    try { writes.push({area: 'cookie', key: String(v).split(';')[0].split('=')[0].trim(), script: source()}); } catch (e) {}
                    cookie.set.call(this, v);
                  }
                });
              }
              const setItem = Storage.prototype.setItem;
              Storage.prototype.setItem = function (k, v) {
                try { writes.push({area: this === window.localStorage ? 'local' : 'session', key: String(k), script: source()}); } catch (e) {}
                return setItem.call(this, k, v);
              };
            })();
            """;

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private volatile boolean closed;

    private Browser(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts a browser with an empty profile; throws {@link ScanFailure} when Chromium cannot start. */
    static Browser start(Path chromium, Path chromedriver, Duration pageTimeout) {
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw new ScanFailure("Chromium (" + chromium + ") or chromedriver (" + chromedriver + ") is not installed: "
                    + "apt-get install chromium chromium-driver, or set charte.scanner.chromium/chromedriver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("charte-scan-");
        } catch (IOException e) {
            throw new ScanFailure("cannot create a browser profile: " + e.getMessage());
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio", "--window-size=1280,900",
                // Cross-site iframes in the page's own process, so that their requests show in the same log.
                "--disable-features=IsolateOrigins,site-per-process",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString()))
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            Browser browser = new Browser(profile, service, driver);
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WRITE_HOOK));
            // Set once the browser runs: as a capability it would also bound the start-up on a busy machine.
            driver.manage().timeouts().pageLoadTimeout(pageTimeout);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(5));
            return browser;
        } catch (RuntimeException e) {
            service.stop();
            killLeftovers(profile);
            delete(profile);
            throw new ScanFailure("Chromium did not start: " + firstLine(e.getMessage()));
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cookies() {
        Object cookies = driver.executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
        return cookies instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    /** The performance log's messages (CDP events as JSON) since the last call. */
    List<String> events() {
        List<String> messages = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            messages.add(entry.getMessage());
        }
        return messages;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // The browser may already be gone (crashed, or killed by a cancel); what is left is killed below.
        } finally {
            service.stop();
            killLeftovers(profile);
            delete(profile);
        }
    }

    /** Kills every process of ours still running with this profile (Chromium and its helpers). */
    private static void killLeftovers(Path profile) {
        String marker = profile.toAbsolutePath().toString();
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
    }

    private static void delete(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A folder Chromium was still writing to while exiting; temporary, harmless.
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
