package eu.charte.scanner;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the cookie scanner ({@code charte.scanner.*}).
 *
 * @param chromium Debian's headless Chromium
 * @param chromedriver the chromedriver of the same version (Selenium Manager is not shipped: nothing is downloaded)
 * @param pageTimeout how long one page may take to load before it is a {@code page-error}
 * @param totalTimeout how long a whole scan may take; pages not visited by then are listed as not visited
 * @param maxPages pages visited per profile when the request does not say
 * @param maxDepth links followed from the start pages, breadth-first
 * @param maxBrowsers Chromium processes running at once on this node, all scans together
 * @param settle how long a page is left to run its scripts after it loaded (and after a banner click)
 * @param bannerWait how long the scanner waits for the banner's "refuse all"/"accept all" button
 * @param queue scans waiting for the scanner before "Scan now" is refused
 * @param scheduleTick how often due scheduled scans are looked for
 */
@Validated
@ConfigurationProperties("charte.scanner")
record ScannerProperties(
        @NotNull @DefaultValue("/usr/bin/chromium") Path chromium,
        @NotNull @DefaultValue("/usr/bin/chromedriver") Path chromedriver,
        @NotNull @DefaultValue("20s") Duration pageTimeout,
        @NotNull @DefaultValue("10m") Duration totalTimeout,
        @Min(1) @Max(1000) @DefaultValue("20") int maxPages,
        @Min(0) @Max(20) @DefaultValue("3") int maxDepth,
        @Min(1) @Max(2) @DefaultValue("2") int maxBrowsers,
        @NotNull @DefaultValue("400ms") Duration settle,
        @NotNull @DefaultValue("3s") Duration bannerWait,
        @Min(1) @Max(1000) @DefaultValue("20") int queue,
        @NotNull @DefaultValue("1m") Duration scheduleTick) {
}
