package eu.charte.banner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A portal's own web site for the browser tests, on another origin than Charte: pages on 127.0.0.1 with a strict
 * Content Security Policy (scripts by nonce only, no inline style, stylesheets from Charte only) that embed the
 * banner with the one-line snippet, and a "third party" on 127.0.0.2 (a statistics script that writes a first-party
 * cookie and sends hits every half second, and an embed) that records every request it receives.
 * <p>Pages: {@code /{slug}/{lang}/{n}} (n = 1..6); the marketing inline script writes {@code mkt_inline}.
 */
final class PortalSite implements AutoCloseable {

    static final String NONCE = "t3stN0nce";
    /** Lifetime of the statistics cookie the third party's script writes: 390 days. */
    static final long STATS_COOKIE_SECONDS = 390L * 86_400;

    private final HttpServer site;
    private final HttpServer third;
    private final String charte;
    private final List<String> thirdPartyRequests = new CopyOnWriteArrayList<>();

    PortalSite(String charteBase) throws IOException {
        this.charte = charteBase;
        this.site = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        this.third = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        site.createContext("/", this::page);
        third.createContext("/", this::thirdParty);
        site.start();
        third.start();
    }

    /** The site's origin, which the test portals take as base URL. */
    String origin() {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    String thirdPartyOrigin() {
        return "http://127.0.0.2:" + third.getAddress().getPort();
    }

    String page(String slug, String lang, int n) {
        return origin() + "/" + slug + "/" + lang + "/" + n;
    }

    /** Paths requested from the third party since the last {@link #clear()}. */
    List<String> thirdPartyRequests() {
        return List.copyOf(thirdPartyRequests);
    }

    void clear() {
        thirdPartyRequests.clear();
    }

    private void page(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        if (parts.length != 4) {
            send(exchange, 404, "text/plain", "not found", null);
            return;
        }
        String slug = parts[1];
        String lang = parts[2];
        int n = Integer.parseInt(parts[3]);
        StringBuilder nav = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            nav.append("<li><a href=\"/").append(slug).append('/').append(lang).append('/').append(i)
                    .append("\">Page ").append(i).append("</a></li>");
        }
        String filler = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt "
                + "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation.</p>";
        String html = """
                <!DOCTYPE html>
                <html lang="%1$s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Page %2$d</title>
                <script nonce="%3$s" src="%4$s/p/%5$s/banner.js" async></script>
                </head>
                <body>
                <header><nav aria-label="Pages"><ul>%6$s</ul></nav></header>
                <main id="main">
                <h1>Page %2$d</h1>
                <p id="first">First paragraph of the page, readable without any choice.</p>
                <p><button type="button" id="page-open" data-charte-open>Cookies</button></p>
                <iframe id="embed" title="Video" data-charte-src="%7$s/embed.html" data-charte-category="marketing"></iframe>
                %8$s
                </main>
                <script type="text/plain" data-charte-category="statistics" data-src="%7$s/stats.js"></script>
                <script type="text/plain" data-charte-category="marketing" nonce="%3$s">document.cookie = 'mkt_inline=1; Max-Age=86400; Path=/';</script>
                </body>
                </html>
                """.formatted(lang, n, NONCE, charte, slug, nav, thirdPartyOrigin(), filler.repeat(12));
        String csp = "default-src 'none'; script-src 'nonce-" + NONCE + "'; style-src " + charte + "; img-src 'none'; "
                + "connect-src " + charte + " " + thirdPartyOrigin() + "; frame-src " + thirdPartyOrigin()
                + "; base-uri 'none'; form-action 'none'";
        send(exchange, 200, "text/html; charset=utf-8", html, csp);
    }

    private void thirdParty(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        thirdPartyRequests.add(path);
        switch (path) {
            case "/stats.js" -> send(exchange, 200, "text/javascript", """
                    document.cookie = '_pk_id.test=1; Max-Age=%d; Path=/';
                    setInterval(() => fetch('%s/hit', {mode: 'no-cors'}).catch(() => {}), 500);
                    """.formatted(STATS_COOKIE_SECONDS, thirdPartyOrigin()), null);
            case "/embed.html" -> send(exchange, 200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html lang=\"en\"><title>Video</title><p>Video</p></html>", null);
            default -> send(exchange, 204, "text/plain", "", null);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body, String csp)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if (csp != null) {
            exchange.getResponseHeaders().set("Content-Security-Policy", csp);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        site.stop(0);
        third.stop(0);
    }
}
