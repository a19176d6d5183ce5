package eu.charte.scanner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small web site with known cookie behaviours, served on loopback by the test itself: the site on 127.0.0.1 and a
 * "third party" on 127.0.0.2 (every 127/8 address is loopback on Linux). Its tiny banner follows Charte's DOM
 * contract ({@code button[data-charte-action="reject_all"|"accept_all"]}) but is not Charte's.
 * <ul>
 * <li>{@code /}: sets {@code fx_session} by a response header (HttpOnly, SameSite=Lax, no Secure); a script sets
 * {@code _pk_id.1.a1b2} (30 days) and the local-storage key {@code fx_recent} before any choice; a third-party
 * iframe from 127.0.0.2; the banner. "Refuse all" sets {@code fx_consent=refused} and, wrongly, {@code fx_ads}
 * (90 days); "accept all" sets {@code fx_consent=accepted} and {@code fx_ads} (90 days).</li>
 * <li>{@code /page-N} for N from 1 to {@code pages}: plain pages linking to the next ones, each with the banner.</li>
 * <li>{@code /plain}: a page without banner, cookie or script.</li>
 * <li>{@code /slow}: answers after 15 s (a page timeout).</li>
 * </ul>
 */
final class FixtureSite implements AutoCloseable {

    private static final String BANNER = """
            <div id="fx-banner" hidden>
              <button type="button" data-charte-action="reject_all">Reject all</button>
              <button type="button" data-charte-action="accept_all">Accept all</button>
            </div>
            <script>
              const banner = document.getElementById('fx-banner');
              if (!document.cookie.split('; ').some(c => c.startsWith('fx_consent='))) { banner.hidden = false; }
              banner.querySelector('[data-charte-action="reject_all"]').addEventListener('click', () => {
                document.cookie = 'fx_consent=refused; path=/; max-age=15552000; samesite=lax';
                document.cookie = 'fx_ads=1; path=/; max-age=7776000';
                banner.hidden = true;
              });
              banner.querySelector('[data-charte-action="accept_all"]').addEventListener('click', () => {
                document.cookie = 'fx_consent=accepted; path=/; max-age=15552000; samesite=lax';
                document.cookie = 'fx_ads=1; path=/; max-age=7776000';
                banner.hidden = true;
              });
            </script>
            """;

    private final HttpServer site;
    private final HttpServer thirdParty;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fixture-site");
        t.setDaemon(true);
        return t;
    });
    private final int pages;

    FixtureSite(int pages) throws IOException {
        this.pages = pages;
        site = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        thirdParty = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 50);
        site.setExecutor(threads);
        thirdParty.setExecutor(threads);
        site.createContext("/", this::site);
        thirdParty.createContext("/", exchange -> send(exchange, 200, "<!doctype html><title>embed</title><p>map"));
        site.start();
        thirdParty.start();
    }

    String url() {
        return "http://127.0.0.1:" + site.getAddress().getPort() + "/";
    }

    String origin() {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    String thirdPartyUrl() {
        return "http://127.0.0.2:" + thirdParty.getAddress().getPort() + "/";
    }

    private void site(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/")) {
            exchange.getResponseHeaders().add("Set-Cookie", "fx_session=s1; Path=/; HttpOnly; SameSite=Lax");
            StringBuilder links = new StringBuilder();
            links.append("<a href=\"/slow\">slow</a> <a href=\"/report.pdf\">pdf</a> <a href=\"")
                    .append(thirdPartyUrl()).append("outside\">elsewhere</a>");
            if (pages > 0) {
                links.append(" <a href=\"/page-1\">page 1</a>");
            }
            send(exchange, 200, page("Home", links + """
                    <iframe src="%sembed" title="map"></iframe>
                    <script>
                      document.cookie = '_pk_id.1.a1b2=xyz; path=/; max-age=2592000';
                      localStorage.setItem('fx_recent', 'datasets');
                    </script>""".formatted(thirdPartyUrl())));
        } else if (path.equals("/plain")) {
            send(exchange, 200, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Plain</title>"
                    + "<link rel=\"icon\" href=\"data:,\"></head><body><h1>Plain</h1></body></html>");
        } else if (path.equals("/slow")) {
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, page("Slow", ""));
        } else if (path.startsWith("/page-")) {
            int n;
            try {
                n = Integer.parseInt(path.substring(6));
            } catch (NumberFormatException e) {
                send(exchange, 404, page("Not found", ""));
                return;
            }
            if (n < 1 || n > pages) {
                send(exchange, 404, page("Not found", ""));
                return;
            }
            StringBuilder links = new StringBuilder("<a href=\"/\">home</a>");
            for (int i = n + 1; i <= Math.min(pages, n + 3); i++) {
                links.append(" <a href=\"/page-").append(i).append("\">page ").append(i).append("</a>");
            }
            send(exchange, 200, page("Page " + n, links.toString()));
        } else {
            send(exchange, 404, page("Not found", ""));
        }
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title><link rel=\"icon\" href=\"data:,\"></head><body><h1>" + title + "</h1>" + body + BANNER
                + "</body></html>";
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        try {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The browser gave up on the page (the slow page after the page timeout).
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        site.stop(0);
        thirdParty.stop(0);
        threads.shutdownNow();
    }
}
