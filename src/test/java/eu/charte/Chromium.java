package eu.charte;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the {@code *BrowserTests}: Debian's {@code /usr/bin/chromium} driven by its own
 * {@code /usr/bin/chromedriver} (no Selenium Manager, no download), with a fresh profile that {@link #close()} deletes
 * after quitting the browser. Use it in try-with-resources or close it in {@code @AfterEach}.
 * The paths can be changed with the system properties {@code charte.chromium.binary} and
 * {@code charte.chromium.driver}. When they are missing, {@link #start()} throws: a browser test fails, never skips.
 * CDP is reached through chromedriver ({@link #cdp}), not through Selenium's version-bound devtools modules.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getProperty("charte.chromium.binary", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("charte.chromium.driver", "/usr/bin/chromedriver"));

    private final Path profile;
    private final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Starts a headless browser with an empty profile. */
    public static Chromium start() {
        requireExecutable(BINARY, "Chromium");
        requireExecutable(DRIVER, "chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("charte-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        try {
            return new Chromium(profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Waits up to 20 seconds (the machine running the tests may be busy). */
    public WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Runs a Chrome DevTools Protocol command through chromedriver. */
    public Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    /** Every cookie in the browser's jar, as CDP describes them ({@code name}, {@code value}, {@code httpOnly}...). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> cookies() {
        return (List<Map<String, Object>>) cdp("Network.getAllCookies", Map.of()).get("cookies");
    }

    /** Saves a PNG of the visible page to the file, creating its folder. */
    public Path screenshot(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quits the browser and its driver, then deletes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile(profile);
        }
    }

    private static void requireExecutable(Path path, String what) {
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(what + " is not installed at " + path
                    + ": install it with `apt-get install -y chromium chromium-driver` (browser tests never skip)");
        }
    }

    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Chromium may still be writing while it exits; a left-over temporary folder is harmless.
        }
    }
}
