package eu.charte.charter;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import eu.charte.platform.PlatformCookies;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The anonymous charter page answered by {@link CharterFastPath} (issue 3, load target) is the page the full stack
 * answers: same headers (security headers included), same bytes but the visitor's own CSRF token, the same
 * {@code csrftoken} cookie when the visitor has none, 304 on a matching ETag, and a new revision as soon as it is
 * published.
 */
class CharterFastPathIntegrationTests extends IntegrationTestSupport {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"");

    @Autowired
    private CharterPageCache cache;
    @Autowired
    private CharterService charters;
    @Autowired
    private PortalService portals;
    @Autowired
    private PlatformCookies cookies;

    @Test
    void theFastPathAnswersWhatTheFullStackAnswered() throws InterruptedException {
        String slug = createPortal("[\"fr\",\"nl\"]", "BE");
        String path = "/p/" + slug + "/charte-cookies?lang=nl";
        assertThat(cache.pageKeys()).as("nothing cached before the first request")
                .noneMatch(key -> key.path().equals(path));

        TestClient.Response full = client().get(path);
        assertThat(full.status()).isEqualTo(200);
        // The filter keeps the page once the full stack has returned, which can be just after the client has read
        // the whole response.
        long until = System.nanoTime() + 2_000_000_000L;
        while (cache.pageKeys().stream().noneMatch(key -> key.path().equals(path)) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(cache.pageKeys()).as("the full stack's answer is kept for the fast path")
                .anyMatch(key -> key.path().equals(path) && key.language() == eu.charte.portal.Language.NL);

        TestClient.Response fast = client().get(path);
        assertThat(fast.status()).isEqualTo(200);
        assertThat(headers(fast)).isEqualTo(headers(full));
        String fullToken = token(full);
        String fastToken = token(fast);
        assertThat(fastToken).isNotEqualTo(fullToken);
        assertThat(fast.body().replace(fastToken, "TOKEN")).isEqualTo(full.body().replace(fullToken, "TOKEN"));
        String csrf = cookies.csrf().name();
        assertThat(fast.setCookieNames()).containsExactly(csrf);
        assertThat(fast.setCookie(csrf).orElseThrow().replace(fastToken, "TOKEN"))
                .isEqualTo(full.setCookie(csrf).orElseThrow().replace(fullToken, "TOKEN"));
        assertThat(fast.header("Content-Language")).contains("nl");
        assertThat(Jsoup.parse(fast.body()).selectFirst("html").attr("lang")).isEqualTo("nl");

        // A visitor who has a token keeps it, and gets no cookie.
        TestClient.Response again = client().withCookie(csrf, "0b2f8a9e-1c3d-4e5f-8a7b-9c0d1e2f3a4b").get(path);
        assertThat(token(again)).isEqualTo("0b2f8a9e-1c3d-4e5f-8a7b-9c0d1e2f3a4b");
        assertThat(again.setCookieNames()).isEmpty();

        // The same ETag gives 304, with the same headers.
        TestClient.Response notModified = client().get(path, "If-None-Match", full.header("ETag").orElseThrow());
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(full.header("ETag"));
        assertThat(notModified.header("Content-Security-Policy")).isEqualTo(full.header("Content-Security-Policy"));
    }

    @Test
    void aTokenThatIsNotOneOfOursIsNeverCopiedIntoThePage() {
        String slug = createPortal("[\"fr\"]", "BE");
        String path = "/p/" + slug + "/charte-cookies";
        client().get(path);
        TestClient.Response response = client().withCookie(cookies.csrf().name(), "<script>alert(1)</script>")
                .get(path);
        assertThat(response.status()).isEqualTo(200);
        org.jsoup.nodes.Document page = Jsoup.parse(response.body());
        assertThat(page.select("script")).noneMatch(script -> script.html().contains("alert"));
        assertThat(page.select("input[name=csrfmiddlewaretoken]").attr("value")).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void aNewRevisionIsServedAsSoonAsItIsPublished() {
        String slug = createPortal("[\"fr\"]", "BE");
        String path = "/p/" + slug + "/charte-cookies";
        Portal portal = portals.findBySlug(slug).orElseThrow();
        int before = charters.currentNumber(portal).orElseThrow();
        client().get(path);
        assertThat(client().get(path).body()).contains("Révision " + before + ",");

        declareAndPublish(slug, """
                {"provider":"Test","name":"fast_path_test","category":"preferences","lifetimeSeconds":2592000,
                 "texts":{"fr":{"service":"Essai","purpose":"Un essai"}}}""");

        String page = client().get(path).body();
        assertThat(page).contains("Révision " + (before + 1) + ",", "fast_path_test");
    }

    /** The response headers but those that differ per response by nature. */
    private static Map<String, List<String>> headers(TestClient.Response response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.raw().headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("date") && !lower.equals("set-cookie")) {
                headers.put(lower, values);
            }
        });
        return headers;
    }

    private static String token(TestClient.Response response) {
        Matcher matcher = FORM_TOKEN.matcher(response.body());
        assertThat(matcher.find()).as("a CSRF token in the language picker").isTrue();
        return matcher.group(1);
    }
}
