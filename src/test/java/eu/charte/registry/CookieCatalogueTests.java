package eu.charte.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The known-cookie catalogue without Spring: matching, retention periods and the Open Cookie Database format. */
class CookieCatalogueTests {

    private static final long MINUTE = 60;
    private static final long HOUR = 3600;
    private static final long DAY = 24 * HOUR;
    private static final String HEADER = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,"
            + "Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n";

    private final CookieCatalogue builtinOnly = new CookieCatalogue(BuiltinCatalogue.load(), List.of());

    @Test
    void suggestsABuiltInCookieByItsExactName() {
        CookieCatalogue.Suggestion ga = builtinOnly.suggest("_ga").orElseThrow();

        assertThat(ga.provider()).isEqualTo("Google Analytics");
        assertThat(ga.category()).isEqualTo(Category.STATISTICS);
        assertThat(ga.source()).isEqualTo(CookieCatalogue.BUILTIN);
        assertThat(ga.matchedName()).isEqualTo("_ga");
        assertThat(ga.purpose()).isNotBlank();
        // Two years, as Google sets it, but browsers keep a cookie 400 days at most.
        assertThat(ga.lifetimeSeconds()).isEqualTo(400 * DAY);
    }

    @Test
    void suggestsABuiltInCookieByItsPattern() {
        CookieCatalogue.Suggestion matomo = builtinOnly.suggest("_pk_id.1.abc").orElseThrow();

        assertThat(matomo.provider()).isEqualTo("Matomo");
        assertThat(matomo.category()).isEqualTo(Category.STATISTICS);
        assertThat(matomo.matchedName()).isEqualTo("_pk_id.*");
        assertThat(matomo.lifetimeSeconds()).isEqualTo(395 * DAY);
        assertThat(builtinOnly.suggest("_pk_ses.3.f00").orElseThrow().lifetimeSeconds()).isEqualTo(30 * MINUTE);
        assertThat(builtinOnly.suggest("_ga_ABC123").orElseThrow().matchedName()).isEqualTo("_ga_*");
        assertThat(builtinOnly.suggest("YSC").orElseThrow().lifetimeSeconds()).as("a session cookie").isNull();
    }

    @Test
    void aPatternAlsoMatchesTheNameWithNothingAfterItsFixedStart() {
        assertThat(builtinOnly.suggest("_gat").orElseThrow().matchedName()).isEqualTo("_gat*");
        assertThat(builtinOnly.suggest("_gat_UA-1234-1").orElseThrow().matchedName()).isEqualTo("_gat*");
    }

    @Test
    void theLongerPatternWinsOverAShorterOne() {
        assertThat(builtinOnly.suggest("_hjSession_123456").orElseThrow().matchedName()).isEqualTo("_hjSession_*");
        assertThat(builtinOnly.suggest("_hjSessionUser_123456").orElseThrow().matchedName())
                .isEqualTo("_hjSessionUser_*");
        assertThat(builtinOnly.suggest("_hjOptOut").orElseThrow().matchedName()).isEqualTo("_hj*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown_cookie", "_GA", "ga", "_pk_id", "", "   "})
    void suggestsNothingForNamesItDoesNotKnow(String name) {
        assertThat(builtinOnly.suggest(name)).isEmpty();
    }

    @Test
    void cookieNamesAreMatchedWithoutSurroundingBlanks() {
        assertThat(builtinOnly.suggest(" _gid ").orElseThrow().matchedName()).isEqualTo("_gid");
    }

    @Test
    void anExactNameWinsOverAnyPatternWhicheverCatalogueHoldsIt() {
        CookieCatalogue catalogue = new CookieCatalogue(
                List.of(entry("track*", true, CookieCatalogue.BUILTIN), entry("trackme", false, CookieCatalogue.BUILTIN)),
                List.of(entry("tracker", false, CookieCatalogue.OPEN_COOKIE_DATABASE),
                        entry("trackme", false, CookieCatalogue.OPEN_COOKIE_DATABASE)));

        assertThat(catalogue.suggest("tracker").orElseThrow().source()).isEqualTo(CookieCatalogue.OPEN_COOKIE_DATABASE);
        assertThat(catalogue.suggest("tracker").orElseThrow().matchedName()).isEqualTo("tracker");
        assertThat(catalogue.suggest("trackme").orElseThrow().source()).as("tie: ours").isEqualTo(CookieCatalogue.BUILTIN);
        assertThat(catalogue.suggest("tracking").orElseThrow().matchedName()).isEqualTo("track*");
    }

    @Test
    void betweenPatternsTheOneFixingMoreCharactersWinsAndTiesGoToTheBuiltInCatalogue() {
        CookieCatalogue catalogue = new CookieCatalogue(
                List.of(entry("ab*", true, CookieCatalogue.BUILTIN), entry("abcd*", true, CookieCatalogue.BUILTIN)),
                List.of(entry("abc", true, CookieCatalogue.OPEN_COOKIE_DATABASE),
                        entry("abcd", true, CookieCatalogue.OPEN_COOKIE_DATABASE)));

        assertThat(catalogue.suggest("abcx").orElseThrow().matchedName()).isEqualTo("abc*");
        assertThat(catalogue.suggest("abcx").orElseThrow().source()).isEqualTo(CookieCatalogue.OPEN_COOKIE_DATABASE);
        assertThat(catalogue.suggest("abcdx").orElseThrow().source()).isEqualTo(CookieCatalogue.BUILTIN);
        assertThat(catalogue.suggest("abx").orElseThrow().matchedName()).isEqualTo("ab*");
    }

    @Test
    void theBuiltInCatalogueCoversTheCookiesPortalsMeet() {
        List<CatalogueEntry> entries = BuiltinCatalogue.load();

        assertThat(entries).hasSizeGreaterThanOrEqualTo(40);
        assertThat(entries).extracting(CatalogueEntry::provider).contains("Matomo", "Google Analytics", "YouTube",
                "Vimeo", "OpenStreetMap", "Mapbox", "X (Twitter)", "Meta (Facebook)", "LinkedIn", "Hotjar",
                "Piano Analytics (AT Internet)", "Microsoft Clarity", "Opendatasoft");
        assertThat(entries).extracting(CatalogueEntry::category).contains(Category.values());
        Set<String> names = new HashSet<>();
        for (CatalogueEntry entry : entries) {
            assertThat(names.add(entry.pattern())).as("listed once: %s", entry.pattern()).isTrue();
            assertThat(entry.pattern()).as("a name a declaration accepts").matches(DeclarationDraft.COOKIE_NAME);
            assertThat(entry.purpose()).as(entry.pattern()).isNotBlank().doesNotContain("<");
            assertThat(entry.source()).isEqualTo(CookieCatalogue.BUILTIN);
        }
        assertThat(builtinOnly.suggest("mtm_consent").orElseThrow().category()).isEqualTo(Category.NECESSARY);
    }

    @ParameterizedTest(name = "\"{0}\" is {1} seconds")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "2 years | 63072000",
            "1 year | 31536000",
            "1 Year | 31536000",
            "1 year  | 31536000",
            "365 days | 31536000",
            "12 months | 31536000",
            "13 months | 34128000",
            "13 Months | 34128000",
            "6 months | 15724800",
            "1 month | 2592000",
            "1 day | 86400",
            "24 hours | 86400",
            "1440 Minutes | 86400",
            "30 minutes | 1800",
            "30 mins | 1800",
            "90 sec | 90",
            "1 second | 1",
            "2 weeks | 1209600",
            "10 years | 315360000",
            "2 years after last activity | 63072000",
            "13 months by default, modifiable | 34128000",
            "10 years from set/ update | 315360000",
            "1 year (in some countries, the period may be longer) | 31536000",
            "Session to 30 days | 2592000",
            "1 week to 1 year | 31536000",
            "60 days till 3650 days | 315360000",
            "session | null",
            "Session | null",
            "End of session (browser) | null",
            "session cookie | null",
            "Persistent | null",
            "forever | null",
            "Unlimited | null",
            "Varies | null",
            "Unknown | null",
            "Local Storage | null",
            "0 days | null",
            "10 Nov 2030 | null",
            "1 hour or longer | null",
            "30 minutes, 3w or 1y depending on value | null",
            "180 days after last activity or 10 years when opting out | null",
            "'14 days if you select “Remember Me” when logging in. Otherwise, Session.' | null",
            "'' | null"})
    void readsRetentionPeriods(String text, Long seconds) {
        assertThat(Retention.seconds(text)).isEqualTo(seconds);
    }

    @Test
    void sessionsAreToldFromUnknownLifetimes() {
        assertThat(Retention.isSession("Session")).isTrue();
        assertThat(Retention.isSession("End of session (browser)")).isTrue();
        assertThat(Retention.isSession("Persistent")).isFalse();
        assertThat(Retention.isSession("1 day")).isFalse();
    }

    @Test
    void readsTheOpenCookieDatabaseFormat() throws Exception {
        List<OpenCookieDatabase.Row> rows = sample();

        assertThat(rows).hasSize(13);
        OpenCookieDatabase.Row ga = rows.get(0);
        assertThat(ga.line()).isEqualTo(2);
        assertThat(ga.name()).isEqualTo("_ga");
        assertThat(ga.wildcard()).isFalse();
        assertThat(ga.category()).isEqualTo(Category.STATISTICS);
        assertThat(ga.description()).as("a comma inside quotes").isEqualTo("Counts distinct users, with a random client id");
        assertThat(ga.lifetimeSeconds()).isEqualTo(730 * DAY);
        assertThat(rows.get(1).wildcard()).isTrue();
        assertThat(rows.get(1).entry().pattern()).isEqualTo("_ga_*");
        assertThat(rows.get(6).description()).as("doubled quotes")
                .isEqualTo("Visitor id shared by the \"Experience Cloud\" solutions");
        OpenCookieDatabase.Row xsrf = rows.get(7);
        assertThat(xsrf.category()).as("Security").isEqualTo(Category.NECESSARY);
        assertThat(xsrf.provider()).as("no platform, no controller").isNull();
        assertThat(xsrf.lifetimeSeconds()).isNull();
        OpenCookieDatabase.Row scm = rows.get(8);
        assertThat(scm.name()).as("a name ending with * is a prefix").isEqualTo("SCM");
        assertThat(scm.wildcard()).isTrue();
        assertThat(rows.get(9).category()).as("Personalization").isEqualTo(Category.PREFERENCES);
        OpenCookieDatabase.Row auth = rows.get(10);
        assertThat(auth.category()).as("Necessary").isEqualTo(Category.NECESSARY);
        assertThat(auth.description()).contains("\n(several lines");
        assertThat(auth.lifetimeSeconds()).isEqualTo(30 * DAY);
        OpenCookieDatabase.Row chat = rows.get(11);
        assertThat(chat.line()).as("after a field over two lines").isEqualTo(14);
        assertThat(chat.name()).as("trimmed").isEqualTo("chat_state");
        assertThat(chat.category()).as("Functional").isEqualTo(Category.PREFERENCES);
        assertThat(chat.sourceCategory()).isEqualTo("Functional");
    }

    @Test
    void suggestsFromAnImportedCatalogue() throws Exception {
        CookieCatalogue catalogue = new CookieCatalogue(BuiltinCatalogue.load(),
                sample().stream().map(OpenCookieDatabase.Row::entry).toList());

        CookieCatalogue.Suggestion consent = catalogue.suggest("CookieConsent").orElseThrow();
        assertThat(consent.source()).isEqualTo(CookieCatalogue.OPEN_COOKIE_DATABASE);
        assertThat(consent.provider()).isEqualTo("Cookiebot");
        assertThat(consent.category()).isEqualTo(Category.PREFERENCES);
        assertThat(consent.lifetimeSeconds()).isEqualTo(365 * DAY);
        CookieCatalogue.Suggestion adobe = catalogue.suggest("AMCV_1234%40AdobeOrg").orElseThrow();
        assertThat(adobe.matchedName()).isEqualTo("AMCV_*");
        assertThat(adobe.category()).isEqualTo(Category.MARKETING);
        assertThat(catalogue.suggest("_gat_gtag_UA_1234_1").orElseThrow().matchedName())
                .as("the imported prefix fixes more characters than ours").isEqualTo("_gat_gtag_*");
        assertThat(catalogue.suggest("_ga").orElseThrow().source()).as("tie: ours").isEqualTo(CookieCatalogue.BUILTIN);
        assertThat(catalogue.suggest("_ga_XYZ").orElseThrow().source()).isEqualTo(CookieCatalogue.BUILTIN);
        assertThat(catalogue.suggest("_pk_id.1.abc").orElseThrow().source()).isEqualTo(CookieCatalogue.BUILTIN);
        assertThat(catalogue.suggest("XSRF-TOKEN").orElseThrow().provider()).isNull();
        assertThat(catalogue.suggest("sidebarPinned").orElseThrow().lifetimeSeconds()).as("capped at 400 days")
                .isEqualTo(400 * DAY);
    }

    @Test
    void namesEveryBadLineAndKeepsNothing() {
        String csv = HEADER
                + "1,Good,Analytics,good,,Fine,1 day,Good,,0\n"
                + "2,Short,Analytics,short,,Too few fields,1 day\n"
                + "3,Cat,Tracking,cat,,Unknown category,1 day,Cat,,0\n"
                + "4,Wild,Analytics,wild,,Bad wildcard flag,1 day,Wild,,yes\n"
                + "5,Nameless,Analytics,,,No name,1 day,Nameless,,0\n"
                + "6,Quote,Analytics,quo\"te,,Quote inside a bare field,1 day,Quote,,0\n"
                + "\n"
                + "7,Star,Analytics,a*b,,Star inside a name,1 day,Star,,0\n"
                + "8,Long,Analytics," + "x".repeat(201) + ",,Name too long,1 day,Long,,0\n"
                + "9,After,Analytics,\"after\"x,,Text after a closing quote,1 day,After,,0\n";

        assertThatThrownBy(() -> OpenCookieDatabase.parse(new StringReader(csv)))
                .isInstanceOf(CatalogueImportException.class)
                .satisfies(e -> assertThat(((CatalogueImportException) e).problems()).containsExactly(
                        "line 3: 7 fields where the header has 10",
                        "line 4: unknown category \"Tracking\" (expected Functional, Analytics, Marketing, Security, "
                                + "Personalization or Necessary)",
                        "line 5: \"Wildcard match\" is \"yes\", expected 0 or 1",
                        "line 6: no cookie name",
                        "line 7: a double quote inside a field that does not start with one",
                        "line 9: \"*\" may only end a cookie name: a*b",
                        "line 10: \"Cookie / Data Key name\" is longer than 200 characters",
                        "line 11: text after the closing double quote of a field"));
    }

    @Test
    void refusesAFieldWhoseQuoteIsNeverClosed() {
        String csv = HEADER + "1,Good,Analytics,good,,Fine,1 day,Good,,0\n"
                + "2,Open,Analytics,open,,\"Never closed,1 day,Open,,0\n"
                + "3,Next,Analytics,next,,Swallowed,1 day,Next,,0\n";

        assertThatThrownBy(() -> OpenCookieDatabase.parse(new StringReader(csv)))
                .isInstanceOf(CatalogueImportException.class)
                .satisfies(e -> assertThat(((CatalogueImportException) e).problems())
                        .containsExactly("line 3: a double-quoted field is never closed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "name,provider,category\nx,y,z\n", "ID,Platform,Category\n"})
    void refusesFilesThatAreNotOpenCookieDatabaseCatalogues(String csv) {
        assertThatThrownBy(() -> OpenCookieDatabase.parse(new StringReader(csv)))
                .isInstanceOf(CatalogueImportException.class)
                .satisfies(e -> assertThat(((CatalogueImportException) e).problems()).allMatch(p -> p.startsWith("line 1: ")));
    }

    @Test
    void refusesAFileWithoutCookies() {
        assertThatThrownBy(() -> OpenCookieDatabase.parse(new StringReader(HEADER)))
                .isInstanceOf(CatalogueImportException.class)
                .hasMessage("line 2: no cookie after the header");
    }

    @Test
    void readsCrLfLineEndsAndAByteOrderMark() throws Exception {
        String csv = "\uFEFF" + HEADER.replace("\n", "\r\n") + "1,P,Marketing,crlf,,\"Two\r\nlines\",1 day,P,,0\r\n"
                + "2,P,Marketing,next,,Next,2 days,P,,0\r\n";

        List<OpenCookieDatabase.Row> rows = OpenCookieDatabase.parse(new StringReader(csv));

        assertThat(rows).extracting(OpenCookieDatabase.Row::name).containsExactly("crlf", "next");
        assertThat(rows).extracting(OpenCookieDatabase.Row::line).containsExactly(2, 4);
        assertThat(rows.get(1).lifetimeSeconds()).isEqualTo(2 * DAY);
    }

    @Test
    void aBuiltInCatalogueWithAMistakeIsRefused() {
        assertThatThrownBy(() -> BuiltinCatalogue.parse(new StringReader(
                "name,provider,category,lifetime,purpose\nx,P,tracking,1 day,Why\n")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 2").hasMessageContaining("tracking");
        assertThatThrownBy(() -> BuiltinCatalogue.parse(new StringReader(
                "name,provider,category,lifetime,purpose\nx,P,statistics,a while,Why\n")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a while");
        assertThatThrownBy(() -> BuiltinCatalogue.parse(new StringReader(
                "name,provider,category,lifetime,purpose\na*b,P,statistics,1 day,Why\n")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a*b");
    }

    /** Look-ups stay fast with a catalogue of the real file's size (measured, printed; not a timing assertion). */
    @Test
    void looksUpInTimeIndependentOfTheCatalogueSize() {
        List<CatalogueEntry> many = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(entry("cookie_" + i + (i % 8 == 0 ? "_" : ""), i % 8 == 0, CookieCatalogue.OPEN_COOKIE_DATABASE));
        }
        CookieCatalogue catalogue = new CookieCatalogue(BuiltinCatalogue.load(), many);
        String[] names = {"_pk_id.1.abc", "_ga", "cookie_4097", "cookie_4000_x", "unknown_name_of_some_length"};
        for (int i = 0; i < 200_000; i++) {
            catalogue.suggest(names[i % names.length]);
        }
        int runs = 1_000_000;
        long start = System.nanoTime();
        int found = 0;
        for (int i = 0; i < runs; i++) {
            found += catalogue.suggest(names[i % names.length]).isPresent() ? 1 : 0;
        }
        long nanos = (System.nanoTime() - start) / runs;
        System.out.println("CookieCatalogue.suggest: " + nanos + " ns per look-up");
        assertThat(found).isEqualTo(runs / names.length * 4);
    }

    private static CatalogueEntry entry(String name, boolean prefix, String source) {
        String fixed = prefix && name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
        return new CatalogueEntry(fixed, prefix, "Provider of " + name, Category.STATISTICS, "Purpose", DAY, source);
    }

    private static List<OpenCookieDatabase.Row> sample() throws IOException, CatalogueImportException {
        InputStream in = CookieCatalogueTests.class.getResourceAsStream("/catalogue/open-cookie-database-sample.csv");
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return OpenCookieDatabase.parse(reader);
        }
    }
}
