package eu.charte.scanner;

import eu.charte.scanner.Observations.PageVisit;
import eu.charte.scanner.Observations.ProfileRun;
import eu.charte.scanner.Observations.SeenCookie;
import eu.charte.scanner.Observations.SeenRequest;
import eu.charte.scanner.Observations.SeenStorage;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The crawl of one profile, shared by the browsers working for it (thread-safe). It hands out the pages in exactly
 * the order of a breadth-first crawl by one browser: a page's links join the queue only once the links of every page
 * handed out before it have, so the pages visited, their order and depths do not depend on how many browsers work
 * for the profile or which one is faster. What the browsers saw is merged page by page: each cookie, storage key and
 * request keeps the evidence of the earliest page (in crawl order) on which it showed.
 * <p>
 * The first browser of a profile (its <em>lead</em>) makes the profile's choice on the first page that loads, the
 * profile's <em>entry page</em>. A second browser may join only once that choice was made: it first loads the entry
 * page and makes the same choice there (see {@link ProfileCrawler}), then takes pages from the same queue.
 */
final class ProfileCrawl {

    /** One page to visit: its position in the crawl order, its URL and its depth from the start pages. */
    record Page(int index, String url, int depth) {
    }

    private static final Pattern SKIPPED = Pattern.compile(
            "(?i).*\\.(pdf|zip|gz|csv|xlsx?|docx?|pptx?|odt|ods|json|xml|rss|geojson|kml|shp|png|jpe?g|gif|svg|webp|ico|mp[34]|webm|avi|mov|txt)$");

    /** An observation with the position of the page it was first seen on, for the merge. */
    private record Ranked<T>(int index, long order, T value) {
    }

    private final ScanTarget target;
    private final Profile profile;

    private final List<Page> queue = new ArrayList<>();
    private final Set<String> queued = new HashSet<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final Map<Integer, List<String>> uncommittedLinks = new HashMap<>();
    private final TreeMap<Integer, PageVisit> visits = new TreeMap<>();
    private int handedOut;
    private int committed;

    private final Map<String, Ranked<SeenCookie>> cookies = new HashMap<>();
    private final Map<String, Ranked<SeenStorage>> storage = new HashMap<>();
    private final Map<String, Ranked<SeenRequest>> requests = new HashMap<>();
    private long merged;

    private boolean started;
    private int browsers;
    private String entryPage;
    private String choiceError;
    private String stoppedBecause;

    ProfileCrawl(ScanTarget target, Profile profile) {
        this.target = target;
        this.profile = profile;
        for (URI start : target.start()) {
            enqueue(normalise(start.toString()), 0);
        }
    }

    Profile profile() {
        return profile;
    }

    /** Makes the caller the profile's lead browser; false when the profile already has one. */
    synchronized boolean startLead() {
        if (started) {
            return false;
        }
        started = true;
        browsers++;
        return true;
    }

    /**
     * Makes the caller a second browser of the profile when that is worth it: the profile runs, its choice was not
     * missed, the page limit leaves at least {@code minLeft} pages to visit and, once the choice was made, at least
     * {@code minWaiting} pages wait in its queue. A second browser may thus join before the choice is made: it
     * starts while the lead loads the entry page, then waits for it ({@link #awaitEntry()}).
     */
    synchronized boolean join(int minWaiting, int minLeft) {
        if (!started || browsers == 0 || choiceError != null || stoppedBecause != null
                || target.maxPages() - handedOut < minLeft || entryPage != null && waiting() < minWaiting) {
            return false;
        }
        browsers++;
        return true;
    }

    /**
     * Waits until the lead made the profile's choice; returns the entry page, or empty when the choice could not be
     * made or the crawl ended first.
     */
    synchronized Optional<String> awaitEntry() throws InterruptedException {
        while (entryPage == null && stoppedBecause == null && !crawlOver()) {
            wait();
        }
        return entryPage == null || choiceError != null ? Optional.empty() : Optional.of(entryPage);
    }

    /** Every page handed out was visited and none is left to hand out. */
    private boolean crawlOver() {
        return committed == handedOut && (handedOut >= Math.min(queue.size(), target.maxPages()));
    }

    /** Pages known and not handed out yet, within the page limit. */
    synchronized int waiting() {
        return Math.min(queue.size(), target.maxPages()) - handedOut;
    }

    /** True once the profile started and no browser works for it any more. */
    synchronized boolean finished() {
        return started && browsers == 0;
    }

    /** The page where the profile made its choice (the first page that loaded); null until then. */
    synchronized String entryPage() {
        return entryPage;
    }

    /** The lead browser made the profile's choice on {@code page}; {@code error} when the banner was not answered. */
    synchronized void entered(String page, String error) {
        entryPage = page;
        choiceError = error;
        notifyAll();
    }

    /**
     * The next page to visit, in crawl order; waits while the queue is empty but pages handed out to other browsers
     * may still add links. Empty when the crawl is over (page limit, no page left, or stopped).
     */
    synchronized Optional<Page> next() throws InterruptedException {
        while (true) {
            if (stoppedBecause != null || handedOut >= target.maxPages()) {
                return Optional.empty();
            }
            if (handedOut < queue.size()) {
                return Optional.of(queue.get(handedOut++));
            }
            if (committed == handedOut) {
                return Optional.empty();
            }
            wait();
        }
    }

    /** A page was visited; its links (empty when it failed) join the queue in crawl order. */
    synchronized void visited(Page page, PageVisit visit, List<String> links) {
        visits.put(page.index(), visit);
        uncommittedLinks.put(page.index(), links);
        while (uncommittedLinks.containsKey(committed)) {
            Page parent = queue.get(committed);
            List<String> found = uncommittedLinks.remove(committed);
            if (parent.depth() < target.maxDepth()) {
                for (String link : found) {
                    enqueue(normalise(link), parent.depth() + 1);
                }
            }
            committed++;
        }
        notifyAll();
    }

    /** Stops handing out pages; the first reason given is kept ({@code cancelled}, {@code time-limit}). */
    synchronized void stop(String why) {
        if (stoppedBecause == null) {
            stoppedBecause = why;
        }
        notifyAll();
    }

    /**
     * A browser leaves the profile, handing over what it saw on the pages it was given ({@code pages}); what a second
     * browser saw on the entry page while making the choice there is left out (the lead recorded that page).
     */
    synchronized void leave(Set<String> pages, Collection<SeenCookie> seenCookies, Collection<SeenStorage> seenStorage,
            Map<String, SeenRequest> seenRequests) {
        for (SeenCookie c : seenCookies) {
            merge(cookies, c.name() + "|" + c.domain() + "|" + c.path(), c, c.page(), pages);
        }
        for (SeenStorage s : seenStorage) {
            merge(storage, s.area() + "|" + s.origin() + "|" + s.key(), s, s.page(), pages);
        }
        for (SeenRequest r : seenRequests.values()) {
            merge(requests, r.host(), r, r.page(), pages);
        }
        browsers--;
        notifyAll();
    }

    /** A browser that did not start leaves the profile. */
    synchronized void leave() {
        browsers--;
        notifyAll();
    }

    private <T> void merge(Map<String, Ranked<T>> into, String key, T value, String page, Set<String> pages) {
        Integer index = indexOf.get(page);
        if (index == null || !pages.contains(page)) {
            return;
        }
        Ranked<T> candidate = new Ranked<>(index, merged++, value);
        into.merge(key, candidate, (a, b) -> a.index() <= b.index() ? a : b);
    }

    /** What the profile saw, as one browser crawling alone would report it. */
    synchronized ProfileRun result() {
        return new ProfileRun(profile, List.copyOf(visits.values()), inOrder(cookies), inOrder(storage),
                inOrder(requests), profile.action() == null ? null : entryPage, choiceError, stoppedBecause);
    }

    private static <T> List<T> inOrder(Map<String, Ranked<T>> seen) {
        return seen.values().stream()
                .sorted(Comparator.comparingInt((Ranked<T> r) -> r.index()).thenComparingLong(Ranked::order))
                .map((Function<Ranked<T>, T>) Ranked::value).toList();
    }

    private void enqueue(String url, int depth) {
        if (url != null && queued.add(url)) {
            Page page = new Page(queue.size(), url, depth);
            queue.add(page);
            indexOf.put(url, page.index());
        }
    }

    /** The URL without its fragment when it is a page on the portal's own hosts worth visiting; else null. */
    String normalise(String link) {
        try {
            URI uri = URI.create(link.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || !target.ownHosts().contains(uri.getHost().toLowerCase(Locale.ROOT))) {
                return null;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (SKIPPED.matcher(path).matches() || link.length() > 2000) {
                return null;
            }
            String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
            return scheme + "://" + authority + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
