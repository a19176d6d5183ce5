package eu.charte.scanner;

import eu.charte.scanner.Observations.PageVisit;
import eu.charte.scanner.Observations.SeenCookie;
import eu.charte.scanner.Observations.SeenRequest;
import eu.charte.scanner.Observations.SeenStorage;
import eu.charte.scanner.Observations.SetBy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One browser working for a profile's crawl ({@link ProfileCrawl}): it visits the pages the crawl hands out, in its
 * own fresh browser profile, and records every cookie, storage key and request to another host the first time this
 * browser has it. The profile's first browser (its lead) makes the profile's choice on the first page that loads; a
 * second browser first loads that page and makes the same choice there, so that it visits its pages in the state the
 * lead's browser was in after its first page (a visitor who made the choice and kept browsing). When the choice
 * cannot be made the same way, the second browser visits nothing.
 */
final class ProfileCrawler {

    /** One round trip: storage keys, script writes, links and (asynchronously) the IndexedDB names. */
    private static final String COLLECT = """
            const done = arguments[arguments.length - 1];
            const r = {origin: location.origin, local: [], session: [], writes: [], links: [], indexeddb: []};
            try { for (let i = 0; i < localStorage.length; i++) { r.local.push(localStorage.key(i)); } } catch (e) {}
            try { for (let i = 0; i < sessionStorage.length; i++) { r.session.push(sessionStorage.key(i)); } } catch (e) {}
            try { r.writes = (window.__charteScanWrites || []).slice(); } catch (e) {}
            try { r.links = Array.from(document.querySelectorAll('a[href]'), a => a.href); } catch (e) {}
            const finish = () => done(JSON.stringify(r));
            try {
              if (!window.indexedDB || !indexedDB.databases) { finish(); return; }
              indexedDB.databases().then(d => { r.indexeddb = d.map(x => x.name); finish(); }).catch(finish);
            } catch (e) { finish(); }
            """;
    private static final Pattern NET_ERROR = Pattern.compile("net::ERR_[A-Z_]+");

    private final Browser browser;
    private final ProfileCrawl crawl;
    private final boolean lead;
    private final ScanTarget target;
    private final Profile profile;
    private final Instant deadline;
    private final BooleanSupplier cancelled;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    private final Map<String, String> requestUrls = new HashMap<>();
    private final Map<String, SetBy> headerSetters = new HashMap<>();
    private final Map<String, SetBy> scriptSetters = new HashMap<>();
    private final Map<String, SeenCookie> cookies = new LinkedHashMap<>();
    private final Map<String, SeenStorage> storage = new LinkedHashMap<>();
    private final Map<String, SeenRequest> requests = new LinkedHashMap<>();
    private final Set<String> given = new HashSet<>();
    private String topFrame;
    private String choicePage;
    private String choiceError;

    /** {@code lead}: the profile's first browser, which makes its choice; else a second browser joining it. */
    ProfileCrawler(Browser browser, ProfileCrawl crawl, boolean lead, ScanTarget target, Instant deadline,
            BooleanSupplier cancelled, JsonMapper json) {
        this.browser = browser;
        this.crawl = crawl;
        this.lead = lead;
        this.target = target;
        this.profile = crawl.profile();
        this.deadline = deadline;
        this.cancelled = cancelled;
        this.json = json;
    }

    /** Visits pages until the crawl has none left for this browser, then hands what it saw to the crawl. */
    void run() throws InterruptedException {
        try {
            String previous = lead ? null : enter();
            if (!lead && previous == null) {
                return;
            }
            while (true) {
                if (cancelled.getAsBoolean() || browser.isClosed()) {
                    crawl.stop("cancelled");
                    break;
                }
                if (clock.instant().isAfter(deadline)) {
                    crawl.stop("time-limit");
                    break;
                }
                Optional<ProfileCrawl.Page> next = crawl.next();
                if (next.isEmpty()) {
                    break;
                }
                ProfileCrawl.Page page = next.get();
                given.add(page.url());
                if (previous != null) {
                    absorbEvents(previous, new PageState());
                }
                Visit visit;
                try {
                    visit = visit(page.url(), page.depth());
                } catch (WebDriverException e) {
                    if (cancelled.getAsBoolean() || browser.isClosed()) {
                        crawl.stop("cancelled");
                        break;
                    }
                    visit = new Visit(new PageVisit(page.url(), page.depth(), null,
                            "browser: " + Browser.firstLine(e.getMessage()), 0), List.of());
                }
                if (lead && choicePage != null && crawl.entryPage() == null) {
                    crawl.entered(choicePage, choiceError);
                }
                crawl.visited(page, visit.page(), visit.links());
                previous = page.url();
            }
        } catch (RuntimeException | InterruptedException e) {
            crawl.stop("cancelled");
            throw e;
        } finally {
            crawl.leave(given, cookies.values(), storage.values(), requests);
        }
    }

    /**
     * A second browser waits for the profile's choice, then loads the profile's entry page and makes the choice
     * there; returns that page, or null when there is no choice to follow, the page did not load or the choice could
     * not be made (the browser then visits nothing).
     */
    private String enter() throws InterruptedException {
        Optional<String> entry = crawl.awaitEntry();
        if (entry.isEmpty()) {
            return null;
        }
        try {
            Visit visit = visit(entry.get(), 0);
            return visit.page().error() == null && choicePage != null && choiceError == null ? entry.get() : null;
        } catch (WebDriverException e) {
            return null;
        }
    }

    /** A page as this browser loaded it, and its links (none when it failed). */
    private record Visit(PageVisit page, List<String> links) {
    }

    /** What the events of one page told about its document. */
    private static final class PageState {
        Integer status;
        String failure;
        String topFrame;
    }

    private Visit visit(String url, int depth) {
        ChromeDriver driver = browser.driver();
        long started = System.nanoTime();
        String error = null;
        try {
            driver.get(url);
        } catch (TimeoutException e) {
            error = "timeout";
            try {
                driver.executeScript("window.stop();");
            } catch (WebDriverException ignored) {
                // The page is abandoned either way; the next navigation replaces it.
            }
        } catch (WebDriverException e) {
            if (browser.isClosed()) {
                throw e;
            }
            Matcher m = NET_ERROR.matcher(String.valueOf(e.getMessage()));
            error = m.find() ? m.group() : "browser: " + Browser.firstLine(e.getMessage());
        }
        long loadMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (error == null) {
            pause(target.settle());
        }
        PageState state = new PageState();
        state.topFrame = topFrame();
        absorbEvents(url, state);
        if (error == null && state.failure != null) {
            error = state.failure;
        }
        if (error == null && state.status != null && state.status >= 500) {
            error = "http-" + state.status;
        }
        if (choicePage == null && error == null) {
            choicePage = url;
            if (profile.action() != null) {
                choose();
                PageState afterChoice = new PageState();
                afterChoice.topFrame = state.topFrame;
                absorbEvents(url, afterChoice);
            }
        }
        List<String> links = collect(url);
        return new Visit(new PageVisit(url, depth, state.status, error, loadMillis),
                error == null ? links : List.of());
    }

    /** Clicks the profile's button, waiting for it up to the banner wait. */
    private void choose() {
        String selector = target.selector(profile);
        Instant until = clock.instant().plus(target.bannerWait());
        while (true) {
            try {
                for (WebElement button : browser.driver().findElements(By.cssSelector(selector))) {
                    if (button.isDisplayed() && button.isEnabled()) {
                        try {
                            button.click();
                        } catch (WebDriverException e) {
                            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].click();", button);
                        }
                        pause(target.settle());
                        return;
                    }
                }
            } catch (WebDriverException e) {
                if (browser.isClosed()) {
                    throw e;
                }
                choiceError = "banner-error: " + Browser.firstLine(e.getMessage());
                return;
            }
            if (nothingToAsk(selector)) {
                // Charte's banner ran (its settings control is there) and showed no first layer: the portal
                // declares nothing that needs consent, so there is no choice to make.
                return;
            }
            if (clock.instant().isAfter(until)) {
                choiceError = "no-banner: nothing matches " + selector;
                return;
            }
            pause(Duration.ofMillis(100));
        }
    }

    /** Charte's banner script finished without a first layer or notice to answer (only necessary cookies). */
    private boolean nothingToAsk(String selector) {
        if (!selector.equals(ScanTarget.CHARTE_REJECT) && !selector.equals(ScanTarget.CHARTE_ACCEPT)) {
            return false;
        }
        return !browser.driver().findElements(By.id("charte-manage")).isEmpty()
                && browser.driver().findElements(By.id("charte-banner")).isEmpty()
                && browser.driver().findElements(By.id("charte-notice")).isEmpty();
    }

    private String topFrame() {
        if (topFrame != null) {
            return topFrame;
        }
        try {
            Map<String, Object> tree = browser.driver().executeCdpCommand("Page.getFrameTree", Map.of());
            Object frameTree = tree.get("frameTree");
            if (frameTree instanceof Map<?, ?> ft && ft.get("frame") instanceof Map<?, ?> frame) {
                // The main frame of the tab keeps its id across navigations.
                topFrame = String.valueOf(frame.get("id"));
                return topFrame;
            }
        } catch (WebDriverException e) {
            if (browser.isClosed()) {
                throw e;
            }
        }
        return null;
    }

    /** Reads the Network events logged since the last read; requests and Set-Cookie headers belong to the page. */
    private void absorbEvents(String page, PageState state) {
        List<JsonNode> events = new ArrayList<>();
        for (String message : browser.events()) {
            JsonNode node = json.readTree(message).path("message");
            events.add(node);
            if ("Network.requestWillBeSent".equals(node.path("method").asString())) {
                JsonNode p = node.path("params");
                requestUrls.put(p.path("requestId").asString(), p.path("request").path("url").asString());
            }
        }
        Set<String> documentRequests = new HashSet<>();
        for (JsonNode event : events) {
            String method = event.path("method").asString();
            JsonNode p = event.path("params");
            String requestId = p.path("requestId").asString();
            switch (method) {
                case "Network.requestWillBeSent" -> {
                    String url = p.path("request").path("url").asString();
                    String type = p.path("type").asString(null);
                    if ("Document".equals(type) && state.topFrame != null
                            && state.topFrame.equals(p.path("frameId").asString())) {
                        documentRequests.add(requestId);
                    }
                    String host = hostOf(url);
                    if (host != null && !target.ownHosts().contains(host)) {
                        requests.putIfAbsent(host, new SeenRequest(host, url, page, type));
                    }
                }
                case "Network.responseReceived" -> {
                    if (documentRequests.contains(requestId)) {
                        state.status = p.path("response").path("status").asInt();
                    }
                }
                case "Network.loadingFailed" -> {
                    if (documentRequests.contains(requestId) && !p.path("canceled").asBoolean(false)) {
                        state.failure = p.path("errorText").asString(null);
                    }
                }
                case "Network.responseReceivedExtraInfo" -> {
                    String url = requestUrls.getOrDefault(requestId, page);
                    for (Map.Entry<String, JsonNode> header : p.path("headers").properties()) {
                        if (header.getKey().equalsIgnoreCase("set-cookie")) {
                            for (String line : header.getValue().asString().split("\n")) {
                                String name = line.split(";", 2)[0].split("=", 2)[0].strip();
                                if (!name.isEmpty()) {
                                    headerSetters.putIfAbsent(name, new SetBy(SetBy.HEADER, url));
                                }
                            }
                        }
                    }
                }
                default -> {
                    // Other Network events carry nothing the scan reports.
                }
            }
        }
    }

    /** Records the storage keys, script writes and cookies the profile has now; returns the page's links. */
    private List<String> collect(String page) {
        ChromeDriver driver = browser.driver();
        List<String> links = new ArrayList<>();
        try {
            JsonNode r = json.readTree(String.valueOf(driver.executeAsyncScript(COLLECT)));
            String origin = r.path("origin").asString();
            for (JsonNode w : r.path("writes")) {
                String script = w.path("script").isNull() ? null : w.path("script").asString(null);
                scriptSetters.putIfAbsent(w.path("area").asString() + ":" + w.path("key").asString(),
                        new SetBy(SetBy.SCRIPT, script == null ? page : script));
            }
            for (String area : List.of("local", "session")) {
                for (JsonNode key : r.path(area)) {
                    store(area, key.asString(), origin, page);
                }
            }
            for (JsonNode name : r.path("indexeddb")) {
                store("indexeddb", name.asString(), origin, page);
            }
            r.path("links").forEach(l -> links.add(l.asString()));
        } catch (WebDriverException e) {
            if (browser.isClosed()) {
                throw e;
            }
            // A page without a usable document (an error page, a download): its cookies are still read below.
        }
        Instant now = clock.instant();
        for (Map<String, Object> c : browser.cookies()) {
            String name = String.valueOf(c.get("name"));
            String domain = String.valueOf(c.get("domain"));
            String path = String.valueOf(c.get("path"));
            String key = name + "|" + domain + "|" + path;
            if (cookies.containsKey(key)) {
                continue;
            }
            boolean session = Boolean.TRUE.equals(c.get("session"));
            Long expires = session || !(c.get("expires") instanceof Number n) || n.doubleValue() < 0 ? null
                    : (long) ((Number) c.get("expires")).doubleValue();
            SetBy setBy = headerSetters.get(name);
            if (setBy == null) {
                setBy = scriptSetters.get("cookie:" + name);
            }
            Object sameSite = c.get("sameSite");
            cookies.put(key, new SeenCookie(name, domain, path, expires, Boolean.TRUE.equals(c.get("httpOnly")),
                    Boolean.TRUE.equals(c.get("secure")), sameSite == null ? null : sameSite.toString(), page, now,
                    setBy));
        }
        return links;
    }

    private void store(String area, String key, String origin, String page) {
        storage.computeIfAbsent(area + "|" + origin + "|" + key,
                k -> new SeenStorage(area, key, origin, page, scriptSetters.get(area + ":" + key)));
    }

    static String hostOf(String url) {
        if (url == null || !(url.startsWith("http:") || url.startsWith("https:") || url.startsWith("ws"))) {
            return null;
        }
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
