package eu.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The {@code django_language} cookie and the language of a page over real HTTP (issue 2 section 7):
 * {@code ?lang=}, then the cookie, then {@code Accept-Language}, then the portal's (or the platform's) default;
 * on a portal's pages only its languages count; the cookie is set only when the visitor chooses.
 */
class LanguageIntegrationTests extends IntegrationTestSupport {

    /** Offers fr, nl, en (fr first). */
    private static final String BRUXELLES = "/p/opendata-bruxelles/";
    /** Offers fr only. */
    private static final String BEP = "/p/data-bep/";

    @Test
    void portalPageWithoutAnyHintIsInThePortalsDefaultLanguage() {
        assertThat(languageOf(client().get(BRUXELLES))).isEqualTo("fr");
    }

    @Test
    void acceptLanguageChoosesAmongThePortalsLanguages() {
        assertThat(languageOf(client().get(BRUXELLES, "Accept-Language", "nl-BE,nl;q=0.9"))).isEqualTo("nl");
        assertThat(languageOf(client().get(BRUXELLES, "Accept-Language", "de-DE,de;q=0.9,en;q=0.5"))).isEqualTo("en");
        assertThat(languageOf(client().get(BRUXELLES, "Accept-Language", "es,it;q=0.8"))).isEqualTo("fr");
    }

    @Test
    void languageCookieBeatsAcceptLanguage() {
        TestClient visitor = client().withCookie("django_language", "en");
        assertThat(languageOf(visitor.get(BRUXELLES, "Accept-Language", "nl"))).isEqualTo("en");
    }

    @Test
    void langParameterBeatsCookieAndAcceptLanguage() {
        TestClient visitor = client().withCookie("django_language", "en");
        assertThat(languageOf(visitor.get(BRUXELLES + "?lang=nl", "Accept-Language", "en"))).isEqualTo("nl");
    }

    @Test
    void langParameterNotOfferedByThePortalFallsToTheNextRule() {
        assertThat(languageOf(client().withCookie("django_language", "nl")
                .get(BRUXELLES + "?lang=de", "Accept-Language", "en"))).isEqualTo("nl");
        assertThat(languageOf(client().get(BRUXELLES + "?lang=de", "Accept-Language", "en"))).isEqualTo("en");
        assertThat(languageOf(client().get(BRUXELLES + "?lang=de"))).isEqualTo("fr");
    }

    @Test
    void cookieNotOfferedByThePortalFallsToTheNextRule() {
        TestClient visitor = client().withCookie("django_language", "de");
        assertThat(languageOf(visitor.get(BRUXELLES, "Accept-Language", "en"))).isEqualTo("en");
        assertThat(languageOf(visitor.get(BRUXELLES))).isEqualTo("fr");
    }

    @Test
    void singleLanguagePortalIsAlwaysInItsLanguage() {
        assertThat(languageOf(client().get(BEP + "?lang=nl"))).isEqualTo("fr");
        assertThat(languageOf(client().withCookie("django_language", "nl").get(BEP))).isEqualTo("fr");
        assertThat(languageOf(client().get(BEP, "Accept-Language", "nl,en;q=0.8,de;q=0.5"))).isEqualTo("fr");
    }

    @Test
    void portalLanguagePickerOffersOnlyThePortalsLanguages() {
        assertThat(pickerLanguages(client().get(BRUXELLES + "?lang=en"))).containsExactly("fr", "nl", "en");
        assertThat(pickerLanguages(client().get(BEP + "?lang=en"))).containsExactly("fr");
        assertThat(pickerLanguages(client().get("/login"))).containsExactly("fr", "nl", "de", "en");
    }

    @Test
    void platformPagesOfferAllFourLanguagesAndDefaultToFrench() {
        assertThat(languageOf(client().get("/login"))).isEqualTo("fr");
        assertThat(languageOf(client().get("/login", "Accept-Language", "es"))).isEqualTo("fr");
        for (String code : List.of("fr", "nl", "de", "en")) {
            assertThat(languageOf(client().get("/login?lang=" + code))).isEqualTo(code);
            assertThat(languageOf(client().get("/login", "Accept-Language", code + ";q=0.9"))).isEqualTo(code);
            assertThat(languageOf(client().withCookie("django_language", code).get("/login", "Accept-Language", "es")))
                    .isEqualTo(code);
        }
        assertThat(languageOf(client().withCookie("django_language", "nl").get("/?lang=de", "Accept-Language", "en")))
                .isEqualTo("de");
    }

    @Test
    void eachLanguageRendersTheSignInPageTranslated() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("fr", "Connexion");
        expected.put("nl", "Aanmelden");
        expected.put("de", "Anmelden");
        expected.put("en", "Sign in");
        Set<String> titles = new HashSet<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            TestClient.Response page = client().get("/login?lang=" + e.getKey());
            Document doc = Jsoup.parse(page.body());
            assertThat(doc.selectFirst("h1").text()).isEqualTo(e.getValue());
            assertThat(doc.title()).startsWith(e.getValue());
            titles.add(doc.title());
        }
        assertThat(titles).hasSize(4);
    }

    @Test
    void setlangSetsTheLanguageCookieAndRedirectsToNext() {
        TestClient visitor = visitorWithCsrfCookie();

        TestClient.Response response = visitor.postForm("/i18n/setlang", Map.of("language", "nl", "next", BRUXELLES));

        assertThat(response.status()).isEqualTo(302);
        assertThat(localTarget(response)).isEqualTo(BRUXELLES);
        String cookie = response.setCookie("django_language").orElseThrow();
        assertThat(cookie).startsWith("django_language=nl;").contains("Path=/").contains("SameSite=Lax")
                .contains("Secure").doesNotContain("Domain");
        assertThat(maxAge(cookie)).isPositive();

        assertThat(languageOf(visitor.get(BRUXELLES, "Accept-Language", "en"))).isEqualTo("nl");
        assertThat(languageOf(visitor.get("/login", "Accept-Language", "en"))).isEqualTo("nl");
    }

    @Test
    void setlangKeepsTheQueryOfNextButDropsItsLangParameter() {
        TestClient visitor = visitorWithCsrfCookie();

        TestClient.Response response = visitor.postForm("/i18n/setlang",
                Map.of("language", "en", "next", "/login?lang=de&next=%2Fadmin"));

        assertThat(response.status()).isEqualTo(302);
        assertThat(localTarget(response)).isEqualTo("/login?next=%2Fadmin");
        assertThat(languageOf(visitor.get(localTarget(response)))).isEqualTo("en");
    }

    @Test
    void setlangNeverRedirectsToAnotherSite() {
        TestClient visitor = visitorWithCsrfCookie();
        for (String next : List.of("https://evil.example/", "//evil.example", "///evil.example", "/\\evil.example",
                "\\\\evil.example", "http:evil.example", "")) {
            TestClient.Response response = visitor.postForm("/i18n/setlang", Map.of("language", "en", "next", next));
            assertThat(response.status()).as(next).isEqualTo(302);
            assertThat(response.header("Location").orElseThrow()).as(next).doesNotContain("evil.example");
            assertThat(localTarget(response)).as(next).isEqualTo("/");
            assertThat(response.setCookie("django_language")).as(next).isPresent();
        }
    }

    @Test
    void setlangFallsBackToTheLocalRefererWhenNextIsForeign() {
        TestClient visitor = visitorWithCsrfCookie();

        TestClient.Response response = visitor.postForm("/i18n/setlang",
                Map.of("language", "de", "next", "https://evil.example/"),
                "Referer", "http://localhost:" + port + BEP);

        assertThat(response.status()).isEqualTo(302);
        assertThat(localTarget(response)).isEqualTo(BEP);
    }

    @Test
    void setlangWithAnUnknownLanguageSetsNoCookie() {
        TestClient visitor = visitorWithCsrfCookie();
        for (String language : List.of("xx", "es", "", "nl;Path=/admin")) {
            TestClient.Response response = visitor.postForm("/i18n/setlang", Map.of("language", language, "next", BEP));
            assertThat(response.status()).as(language).isEqualTo(302);
            assertThat(localTarget(response)).as(language).isEqualTo(BEP);
            assertThat(response.setCookieNames()).as(language).doesNotContain("django_language");
        }
        assertThat(visitor.cookie("django_language")).isEmpty();
    }

    @Test
    void setlangWithoutCsrfTokenIsRefusedAndSetsNoCookie() {
        TestClient visitor = visitorWithCsrfCookie();

        TestClient.Response response = visitor.postFormRaw("/i18n/setlang", Map.of("language", "nl", "next", BEP));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.setCookieNames()).doesNotContain("django_language");
    }

    @Test
    void languagePickerOnAPageSubmitsToSetlangAndComesBack() {
        TestClient visitor = client();
        TestClient.Response page = visitor.get(BRUXELLES);
        Element form = Jsoup.parse(page.body()).selectFirst("form.language-picker");
        assertThat(form).isNotNull();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        fields.put(form.selectFirst("select").attr("name"), "en");

        TestClient.Response response = visitor.postFormRaw(form.attr("action"), fields);

        assertThat(response.status()).isEqualTo(302);
        assertThat(localTarget(response)).isEqualTo(BRUXELLES);
        assertThat(languageOf(visitor.get(BRUXELLES))).isEqualTo("en");
    }

    @Test
    void langParameterNeverSetsTheLanguageCookie() {
        TestClient visitor = client();
        visitor.get("/login?lang=nl");
        visitor.get(BRUXELLES + "?lang=en");
        visitor.get("/?lang=de");
        visitor.get("/api/v1/platform/cookies?lang=nl");
        assertThat(visitor.allSetCookies()).noneMatch(c -> c.startsWith("django_language="));
    }

    @Test
    void noPageSetsTheLanguageCookieUnlessTheVisitorChooses() {
        TestClient visitor = client();
        for (String path : List.of("/", "/login", BRUXELLES, BEP, "/p/no-such-portal/", "/api/v1/platform/cookies",
                "/does-not-exist", "/admin")) {
            visitor.get(path, "Accept-Language", "nl");
            visitor.get(path, "Accept", "text/html", "Accept-Language", "de");
        }
        TestClient admin = signInAsAdmin();
        for (String path : List.of("/admin", "/admin/account", "/admin/users", "/admin/portals/new", BRUXELLES)) {
            admin.get(path, "Accept-Language", "en");
        }
        assertThat(visitor.allSetCookies()).noneMatch(c -> c.startsWith("django_language="));
        assertThat(admin.allSetCookies()).noneMatch(c -> c.startsWith("django_language="));
    }

    private TestClient visitorWithCsrfCookie() {
        TestClient visitor = client();
        visitor.get("/login");
        assertThat(visitor.cookie("csrftoken")).isPresent();
        return visitor;
    }

    /** The language of a page, which its Content-Language header and {@code <html lang>} must agree on. */
    private static String languageOf(TestClient.Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String header = page.header("Content-Language").orElseThrow(() -> new AssertionError("no Content-Language"));
        String html = Jsoup.parse(page.body()).selectFirst("html").attr("lang");
        assertThat(html).as("<html lang> against Content-Language").isEqualTo(header);
        return header;
    }

    private static List<String> pickerLanguages(TestClient.Response page) {
        return Jsoup.parse(page.body()).select("form.language-picker select option").eachAttr("value");
    }

    /** The redirect target as a local path and query; fails when it leaves this site. */
    private String localTarget(TestClient.Response response) {
        String location = response.header("Location").orElseThrow();
        URI target = URI.create("http://localhost:" + port + "/").resolve(location);
        assertThat(target.getHost()).as(location).isEqualTo("localhost");
        assertThat(target.getPort()).as(location).isEqualTo(port);
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    private static long maxAge(String setCookie) {
        for (String part : setCookie.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "Max-Age=", 0, 8)) {
                return Long.parseLong(p.substring(8));
            }
        }
        throw new AssertionError("no Max-Age in " + setCookie);
    }
}
