package eu.charte.charter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import eu.charte.charter.CharterImporter.Format;
import eu.charte.charter.CharterImporter.ImportException;
import eu.charte.charter.CharterImporter.ImportedCharter;
import eu.charte.charter.CharterImporter.Problem;
import eu.charte.portal.Language;
import eu.charte.registry.Category;
import eu.charte.registry.CharterDocument;
import eu.charte.registry.Declaration;
import eu.charte.registry.CharterDocument.Column;
import eu.charte.registry.DeclarationDraft;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading existing charters (issue 3, section 4), plain JUnit on the fixtures in {@code src/test/resources/charters}:
 * charters of other portals and wordings, in French, Dutch, German and English, as text, Markdown (tab-separated
 * and pipe tables) and HTML. Every text and Markdown fixture round-trips: what Charte stores, written back as text,
 * gives the same non-empty lines in the same order (trimmed, Markdown heading marks and rule lines dropped, spaces
 * and tabs folded). Broken documents are refused with the line and the reason of each problem.
 */
class CharterImporterTests {

    static final Path FIXTURES = Path.of("src", "test", "resources", "charters");
    private static final List<String> LANGUAGES = List.of("fr", "nl", "de", "en");

    private final ResourceBundleMessageSource messages = messages();

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("messages/messages", "messages/import");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    static Stream<String> lineFixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt") || n.endsWith(".md"))
                    .sorted().toList().stream();
        }
    }

    @Test
    void thereAreTextAndMarkdownFixturesInSeveralLanguages() throws IOException {
        assertThat(lineFixtures().toList()).contains("portail-namur.txt", "open-data-gent.md", "lakeside-portal.md",
                "stadtportal-eupen.txt");
    }

    @ParameterizedTest
    @MethodSource("lineFixtures")
    void everyFixtureGivesBackItsLinesWhenWrittenAsText(String fixture) throws Exception {
        String text = Files.readString(FIXTURES.resolve(fixture));
        Language language = CharterImporter.guessLanguage(text).orElseThrow();

        ImportedCharter charter = CharterImporter.read(fixture, text, null, language);

        boolean markdown = fixture.endsWith(".md");
        assertThat(comparable(renderText(charter, messages), false)).isEqualTo(comparable(text, markdown));
    }

    @ParameterizedTest
    @CsvSource({"portail-namur.txt, fr", "open-data-gent.md, nl", "lakeside-portal.md, en",
            "stadtportal-eupen.txt, de", "portail-liege.html, fr"})
    void tellsTheLanguageOfACharter(String fixture, String language) throws IOException {
        assertThat(CharterImporter.guessLanguage(Files.readString(FIXTURES.resolve(fixture))))
                .contains(Language.of(language));
    }

    @Test
    void readsAPlainTextCharterWithTheUrlOnItsOwnLineAndBlankLinesInTheTable() throws Exception {
        ImportedCharter charter = read("portail-namur.txt", Language.FR);

        assertThat(charter.format()).isEqualTo(Format.TEXT);
        assertThat(charter.url()).isEqualTo("https://opendata.namur.example");
        assertThat(charter.title()).isEqualTo("Politique d'utilisation des cookies");
        List<CharterDocument.Block> blocks = charter.document().blocks();
        assertThat(blocks.get(0)).isEqualTo(new CharterDocument.Heading(1, "Politique d'utilisation des cookies", null));
        assertThat(blocks).contains(new CharterDocument.Heading(2, "Qu'est-ce qu'un cookie ?", null),
                new CharterDocument.Link("https://opendata.namur.example"),
                new CharterDocument.Heading(3, "Cookies strictement nécessaires", null),
                new CharterDocument.Paragraph("Dernière mise à jour : mars 2025."));
        assertThat(tables(charter)).extracting(CharterDocument.CookieTable::category, CharterDocument.CookieTable::labels)
                .containsExactly(
                        tuple(Category.NECESSARY, List.of("Prestataire", "Service et emplacement", "Nom du cookie",
                                "Finalités")),
                        tuple(Category.STATISTICS, List.of("Prestataire", "Service et emplacement", "Nom du cookie",
                                "Finalités")));
        assertThat(tables(charter).get(0).columns())
                .containsExactly(Column.PROVIDER, Column.SERVICE, Column.NAME, Column.PURPOSE);
        assertThat(charter.declarations()).extracting(d -> d.draft().name(), d -> d.draft().category(),
                CharterImporter.ImportedDeclaration::line).containsExactly(
                tuple("sessionid", Category.NECESSARY, 23),
                tuple("django_language", Category.NECESSARY, 25),
                tuple("csrftoken", Category.NECESSARY, 26),
                tuple("cookies_preferences", Category.NECESSARY, 29),
                tuple("_pk_id.*", Category.STATISTICS, 36),
                tuple("_pk_ses.*", Category.STATISTICS, 37));
        DeclarationDraft pk = charter.declarations().get(4).draft();
        assertThat(pk.provider()).isEqualTo("Ville de Namur (Matomo)");
        assertThat(pk.texts().get(Language.FR).service()).isEqualTo("Statistiques de fréquentation (front office)");
        assertThat(pk.texts().get(Language.FR).purpose()).isEqualTo("Distinguer les visiteurs pour compter les visites");
        assertThat(pk.texts()).containsOnlyKeys(Language.FR);
        assertThat(pk.lifetimeSeconds()).isNull();
        assertThat(pk.thirdPartyDomain()).isNull();
        assertThat(pk.justification()).isNull();
        assertThat(charter.declarations().get(0).draft().justification())
                .contains("portail-namur.txt").contains("line 23").contains("Cookies strictement nécessaires");
    }

    @Test
    void readsMarkdownHeadingLevelsAndTheUrlOnTheHeadingLine() throws Exception {
        ImportedCharter charter = read("open-data-gent.md", Language.NL);

        assertThat(charter.format()).isEqualTo(Format.MARKDOWN);
        assertThat(charter.url()).isEqualTo("https://data.gent.example");
        assertThat(charter.document().blocks().stream().filter(b -> b instanceof CharterDocument.Heading)
                .map(b -> (CharterDocument.Heading) b).toList()).containsExactly(
                new CharterDocument.Heading(1, "Cookiebeleid", null),
                new CharterDocument.Heading(2, "Wat is een cookie?", null),
                new CharterDocument.Heading(2, "Waarvoor dienen de cookies op het platform", "https://data.gent.example"),
                new CharterDocument.Heading(3, "Noodzakelijke cookies", null),
                new CharterDocument.Heading(3, "Statistische cookies", null));
        assertThat(charter.document().blocks()).contains(
                new CharterDocument.Paragraph("Een cookie is een klein tekstbestand dat een website via uw browser op "
                        + "uw toestel bewaart."),
                new CharterDocument.Paragraph("Sommige cookies zijn nodig, voor andere vragen wij eerst uw toestemming."));
        assertThat(tables(charter).get(1).columns())
                .containsExactly(Column.PROVIDER, Column.SERVICE, Column.NAME, Column.PURPOSE, Column.LIFETIME);
        assertThat(charter.declarations()).extracting(d -> d.draft().name(), d -> d.draft().lifetimeSeconds())
                .containsExactly(tuple("sessionid", null), tuple("django_language", null), tuple("csrftoken", null),
                        tuple("cookies_preferences", null), tuple("_pk_id.*", 395L * 86_400), tuple("_pk_ses.*", 1800L));
        assertThat(charter.declarations().get(0).draft().texts().get(Language.NL).purpose())
                .isEqualTo("De gebruiker herkennen van pagina tot pagina.");
    }

    @Test
    void readsMarkdownPipeTablesWithLifetimeAndThirdPartyColumns() throws Exception {
        ImportedCharter charter = read("lakeside-portal.md", Language.EN);

        assertThat(charter.title()).isEqualTo("Cookie policy of the Lakeside open data portal");
        assertThat(tables(charter)).extracting(CharterDocument.CookieTable::category)
                .containsExactly(Category.NECESSARY, Category.STATISTICS, Category.MARKETING);
        assertThat(tables(charter).get(2).labels()).containsExactly("Provider", "Service and location", "Cookie name",
                "Purposes", "Lifetime", "First or third party");
        assertThat(tables(charter).get(2).columns()).containsExactly(Column.PROVIDER, Column.SERVICE, Column.NAME,
                Column.PURPOSE, Column.LIFETIME, Column.PARTY);
        assertThat(charter.declarations()).extracting(d -> d.draft().name(), d -> d.draft().category(),
                d -> d.draft().lifetimeSeconds(), d -> d.draft().thirdPartyDomain()).containsExactly(
                tuple("sessionid", Category.NECESSARY, null, null),
                tuple("django_language", Category.NECESSARY, 365L * 86_400, null),
                tuple("csrftoken", Category.NECESSARY, null, null),
                tuple("cookies_preferences", Category.NECESSARY, 180L * 86_400, null),
                tuple("_pk_id.*", Category.STATISTICS, 395L * 86_400, null),
                tuple("_pk_ses.*", Category.STATISTICS, 1800L, null),
                tuple("VISITOR_INFO1_LIVE", Category.MARKETING, 180L * 86_400, "youtube.com"));
    }

    @Test
    void readsAnHtmlCharter() throws Exception {
        ImportedCharter charter = read("portail-liege.html", Language.FR);

        assertThat(charter.format()).isEqualTo(Format.HTML);
        assertThat(charter.url()).isEqualTo("https://opendata.liege.example");
        assertThat(comparable(renderText(charter, messages), false)).containsExactly(
                "Charte cookies",
                "Afin de vous proposer le meilleur service possible, ce portail utilise des cookies.",
                "Qu'est-ce qu'un cookie ?",
                "Un cookie est un petit fichier que votre navigateur conserve pour un site web.",
                "Les cookies nécessaires ne requièrent pas de consentement.",
                "Les cookies statistiques requièrent votre consentement.",
                "À quoi servent les cookies sur la plateforme <https://opendata.liege.example>",
                "Nom du prestataire Service et emplacement Nom du cookie Finalités",
                "Opendatasoft Authentification (front et back office) sessionid Se souvenir de l'utilisateur d'une "
                        + "page à une autre.",
                "Opendatasoft Sélection de la langue (front et back office) django_language Se souvenir de la langue "
                        + "du visiteur",
                "Opendatasoft API (CSRF) (front et back office) csrftoken Récupérer des données via des appels API",
                "Opendatasoft Choix concernant vos préférences sur les cookies cookies_preferences Se souvenir du "
                        + "choix opéré par le visiteur concernant les cookies",
                "Cookies statistiques",
                "Nom du prestataire Service et emplacement Nom du cookie Finalités Durée de conservation",
                "Ville de Liège (Matomo) Mesure d'audience (front office) _pk_id.* Distinguer les visiteurs 13 mois");
        assertThat(tables(charter)).extracting(CharterDocument.CookieTable::category)
                .containsExactly(Category.NECESSARY, Category.STATISTICS);
        assertThat(charter.declarations()).extracting(CharterImporter.ImportedDeclaration::line)
                .containsExactly(27, 28, 29, 30, 36);
    }

    @Test
    void readsTheSameCharterAlikeFromTextMarkdownAndHtml() throws Exception {
        String table = String.join("\n",
                "Nom du prestataire\tService et emplacement\tNom du cookie\tFinalités",
                "Opendatasoft\tAuthentification\tsessionid\tSe souvenir de l'utilisateur");
        String text = "Charte cookies\n\nCookies nécessaires\n\n" + table + "\n";
        String markdown = "# Charte cookies\n\n### Cookies nécessaires\n\n"
                + "| Nom du prestataire | Service et emplacement | Nom du cookie | Finalités |\n|---|---|---|---|\n"
                + "| Opendatasoft | Authentification | sessionid | Se souvenir de l'utilisateur |\n";
        String html = "<h1>Charte cookies</h1><h3>Cookies nécessaires</h3><table><tr><th>Nom du prestataire</th>"
                + "<th>Service et emplacement</th><th>Nom du cookie</th><th>Finalités</th></tr><tr><td>Opendatasoft</td>"
                + "<td>Authentification</td><td>sessionid</td><td>Se souvenir de l'utilisateur</td></tr></table>";

        List<ImportedCharter> charters = new ArrayList<>();
        for (String document : List.of(text, markdown, html)) {
            charters.add(CharterImporter.read("upload", document, null, Language.FR));
        }

        assertThat(charters).extracting(ImportedCharter::format).containsExactly(Format.TEXT, Format.MARKDOWN, Format.HTML);
        assertThat(charters).extracting(c -> c.declarations().get(0).draft().texts())
                .allSatisfy(texts -> assertThat(texts).isEqualTo(charters.get(0).declarations().get(0).draft().texts()));
        assertThat(charters).extracting(c -> comparable(renderText(c, messages), false)).allSatisfy(lines ->
                assertThat(lines).isEqualTo(comparable(renderText(charters.get(0), messages), false)));
    }

    @Test
    void detectsTheFormatFromTheExtensionThenTheContent() {
        assertThat(Format.detect("a.md", "plain")).isEqualTo(Format.MARKDOWN);
        assertThat(Format.detect("a.HTML", "plain")).isEqualTo(Format.HTML);
        assertThat(Format.detect("a.txt", "# looks like markdown")).isEqualTo(Format.TEXT);
        assertThat(Format.detect("upload", "<!DOCTYPE html><html><body><p>x</p>")).isEqualTo(Format.HTML);
        assertThat(Format.detect("upload", "## Charte cookies\n\ntext")).isEqualTo(Format.MARKDOWN);
        assertThat(Format.detect("upload", "Charte cookies\n\n<https://example.org>\n")).isEqualTo(Format.TEXT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels; NECESSARY",
            "Cookies strictement nécessaires; NECESSARY",
            "Noodzakelijke cookies; NECESSARY",
            "Cookies die nodig zijn voor de werking van het platform; NECESSARY",
            "Für den Betrieb der Plattform notwendige Cookies; NECESSARY",
            "Strictly necessary cookies; NECESSARY",
            "Cookies fonctionnels; NECESSARY",
            "Cookies de préférences; PREFERENCES",
            "Voorkeurscookies; PREFERENCES",
            "Präferenz-Cookies; PREFERENCES",
            "Preference cookies; PREFERENCES",
            "Cookies de mesure d'audience; STATISTICS",
            "Cookies statistiques; STATISTICS",
            "Statistische cookies; STATISTICS",
            "Statistik-Cookies; STATISTICS",
            "Analytics cookies; STATISTICS",
            "Cookies publicitaires; MARKETING",
            "Cookies tiers (vidéos, cartes); MARKETING",
            "Marketingcookies en inhoud van derden; MARKETING",
            "Marketing-Cookies und Inhalte Dritter; MARKETING",
            "Third-party content; MARKETING",
            "Advertising cookies; MARKETING"})
    void mapsSectionHeadingsToCategories(String heading, Category category) {
        assertThat(CharterImporter.categoriesIn(heading)).first().isEqualTo(category);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Nom du prestataire; PROVIDER", "Prestataire; PROVIDER", "Aanbieder; PROVIDER", "Anbieter; PROVIDER",
            "Provider; PROVIDER",
            "Service et emplacement; SERVICE", "Dienst en locatie; SERVICE", "Dienst und Ort; SERVICE",
            "Service and location; SERVICE",
            "Nom du cookies; NAME", "Nom du cookie; NAME", "Naam van de cookie; NAME", "Name des Cookies; NAME",
            "Cookie name; NAME", "Cookie; NAME",
            "Finalités; PURPOSE", "Doeleinden; PURPOSE", "Zwecke; PURPOSE", "Purposes; PURPOSE",
            "Durée de conservation; LIFETIME", "Bewaartermijn; LIFETIME", "Speicherdauer; LIFETIME",
            "Lifetime; LIFETIME", "Expiration; LIFETIME",
            "Interne ou tiers; PARTY", "Eigen of derde; PARTY", "Erst- oder Drittanbieter; PARTY",
            "First or third party; PARTY"})
    void mapsHeaderLabelsToColumns(String label, Column column) {
        assertThat(CharterImporter.column(label)).contains(column);
    }

    @Test
    void refusesARowWithTheWrongNumberOfCellsNamingItsLine() {
        assertThat(problems("broken/row-cells.txt", Language.FR))
                .containsExactly(tuple(11, "import.error.row.cells"));
        assertThat(messageOf("broken/row-cells.txt", Language.FR, Locale.ENGLISH))
                .containsExactly("11: This row has 3 cells, but the table header has 4.");
    }

    @Test
    void refusesSomethingThatIsNotOneCookieName() {
        assertThat(problems("broken/bad-name.md", Language.EN)).containsExactly(tuple(8, "import.error.name.invalid"));
    }

    @Test
    void refusesATableWhoseCategoryCannotBeTold() {
        assertThat(problems("broken/no-category.txt", Language.FR))
                .containsExactly(tuple(7, "import.error.table.category"));
    }

    @Test
    void refusesAColumnItCannotTell() {
        assertThat(problems("broken/unknown-column.txt", Language.FR))
                .containsExactly(tuple(5, "import.error.header.unknown"));
        assertThat(messageOf("broken/unknown-column.txt", Language.FR, Locale.FRENCH)).containsExactly(
                "5: Impossible de savoir ce que contient la colonne « Remarques » (attendu : prestataire, service et "
                        + "emplacement, nom du cookie, finalités, durée, interne ou tiers).");
    }

    @Test
    void refusesUnreadableLifetimesEmptyCellsAndLifetimesBrowsersRefuse() {
        assertThat(problems("broken/bad-cells.md", Language.EN)).containsExactly(
                tuple(9, "import.error.lifetime"), tuple(10, "import.error.cell.empty"),
                tuple(11, "import.error.lifetime.range"));
        assertThat(messageOf("broken/bad-cells.md", Language.EN, Locale.ENGLISH)).contains("10: The purposes is empty.");
    }

    @Test
    void refusesRowsBeforeAnyHeaderASecondTableOfAKindAndACookieListedTwice() {
        assertThat(problems("broken/orphan-and-tables.txt", Language.FR)).containsExactly(
                tuple(3, "import.error.row.orphan"), tuple(17, "import.error.table.categoryTaken"),
                tuple(18, "import.error.name.duplicate"));
    }

    @Test
    void refusesADocumentWithoutCookieTable() {
        assertThat(problems("broken/no-table.txt", Language.FR)).containsExactly(tuple(3, "import.error.noTable"));
    }

    @Test
    void refusesBytesThatAreNotUtf8NamingTheirLine() {
        byte[] latin1 = "Charte cookies\n\nQu'est-ce qu'un cookie ? Un fichier enregistré.\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> CharterImporter.decode(latin1)).isInstanceOfSatisfying(ImportException.class,
                e -> assertThat(e.problems()).extracting(Problem::line, Problem::code)
                        .containsExactly(tuple(3, "import.error.encoding")));
    }

    @Test
    void dropsAByteOrderMark() throws ImportException {
        assertThat(CharterImporter.decode("\uFEFFCharte".getBytes(StandardCharsets.UTF_8))).isEqualTo("Charte");
    }

    @Test
    void readsMarkdownEscapesInCookieNames() throws Exception {
        String markdown = "# Cookies\n\n## Statistics cookies\n\n| Provider | Service | Cookie name | Purposes |\n"
                + "|---|---|---|---|\n| Matomo | Statistics | \\_pk\\_id.\\* | Count visits |\n"
                + "| Matomo | Statistics | `_pk_ses.*` | Group the pages of a visit |\n";

        ImportedCharter charter = CharterImporter.read("escaped.md", markdown, null, Language.EN);

        assertThat(charter.declarations()).extracting(d -> d.draft().name()).containsExactly("_pk_id.*", "_pk_ses.*");
    }

    @Test
    void readsPipeTablesWithoutOuterPipesAndABareUrl() throws Exception {
        String markdown = "# Cookie notice\n\nSee https://data.example.org for the portal.\n\n## Statistics cookies\n\n"
                + "Provider | Service and location | Cookie name | Purposes\n--- | --- | --- | ---\n"
                + "Matomo | Statistics | _pk_id.* | Count visits\n\nEnd of the notice.\n";

        ImportedCharter charter = CharterImporter.read("loose.md", markdown, null, Language.EN);

        assertThat(charter.url()).isEqualTo("https://data.example.org");
        assertThat(charter.declarations()).extracting(d -> d.draft().provider(), d -> d.draft().name())
                .containsExactly(tuple("Matomo", "_pk_id.*"));
        assertThat(charter.document().blocks()).last().isEqualTo(new CharterDocument.Paragraph("End of the notice."));
    }

    @Test
    void readsTablesAlignedWithSpaces() throws Exception {
        String text = "Cookie policy\n\nStrictly necessary cookies\n\n"
                + "Provider       Service and location   Cookie name   Purposes\n"
                + "Opendatasoft   Sign-in                sessionid     Remember the user\n"
                + "Opendatasoft   API                    csrftoken     Fetch data\n";

        ImportedCharter charter = CharterImporter.read("aligned.txt", text, null, Language.EN);

        assertThat(charter.declarations()).extracting(d -> d.draft().name()).containsExactly("sessionid", "csrftoken");
        assertThat(comparable(renderText(charter, messages), false)).isEqualTo(comparable(text, false));
    }

    @Test
    void theImportBundlesHaveTheSameKeysInEveryLanguageAndNoEmptyText() throws IOException {
        Map<String, Properties> bundles = new java.util.LinkedHashMap<>();
        for (String language : LANGUAGES) {
            bundles.put(language, load(language));
        }
        Set<String> all = new TreeSet<>();
        bundles.values().forEach(b -> all.addAll(b.stringPropertyNames()));
        for (var bundle : bundles.entrySet()) {
            assertThat(bundle.getValue().stringPropertyNames()).as(bundle.getKey()).containsExactlyInAnyOrderElementsOf(all);
            assertThat(bundle.getValue().values()).as(bundle.getKey()).allSatisfy(v -> assertThat((String) v).isNotBlank());
        }
    }

    /** With arguments, MessageFormat reads an apostrophe as a quote: it must be doubled there, and only there. */
    @Test
    void theImportBundlesDoubleApostrophesOnlyInMessagesWithArguments() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String language : LANGUAGES) {
            load(language).forEach((key, value) -> {
                String text = (String) value;
                boolean arguments = Pattern.compile("\\{\\d").matcher(text).find();
                if (arguments && text.replace("''", "").contains("'") || !arguments && text.contains("''")) {
                    wrong.add(language + ": " + key);
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyMessageKeyTheImportNamesExistsInEveryLanguage() throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("\"(import\\.[a-zA-Z.]+)\"").matcher(String.join("\n",
                Files.readString(Path.of("src/main/java/eu/charte/charter/CharterImporter.java")),
                Files.readString(Path.of("src/main/java/eu/charte/charter/CharterImports.java")),
                Files.readString(Path.of("src/main/java/eu/charte/charter/CharterImportController.java")),
                Files.readString(Path.of("src/main/resources/templates/charter/import.html"))
                        .replaceAll("#\\{(import\\.[a-zA-Z.]+)[}(]", "\"$1\"")));
        while (m.find()) {
            keys.add(m.group(1).replaceAll("\\.$", ""));
        }
        assertThat(keys).hasSizeGreaterThan(20);
        for (String language : LANGUAGES) {
            Set<String> present = load(language).stringPropertyNames();
            assertThat(keys).as(language).allSatisfy(k -> assertThat(present.contains(k)
                    || present.stream().anyMatch(p -> p.startsWith(k + "."))).as(k).isTrue());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static ImportedCharter read(String fixture, Language language) throws Exception {
        return CharterImporter.read(fixture, Files.readString(FIXTURES.resolve(fixture)), null, language);
    }

    private static List<org.assertj.core.groups.Tuple> problems(String fixture, Language language) {
        try {
            read(fixture, language);
        } catch (ImportException e) {
            return e.problems().stream().map(p -> tuple(p.line(), p.code())).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(fixture + " was imported");
    }

    private List<String> messageOf(String fixture, Language language, Locale locale) {
        try {
            read(fixture, language);
        } catch (ImportException e) {
            return e.problems().stream().map(p -> p.line() + ": " + messages.getMessage(p.resolvable(), locale)).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(fixture + " was imported");
    }

    private static List<CharterDocument.CookieTable> tables(ImportedCharter charter) {
        return charter.document().blocks().stream().filter(b -> b instanceof CharterDocument.CookieTable)
                .map(b -> (CharterDocument.CookieTable) b).toList();
    }

    private static Properties load(String language) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Path.of("src/main/resources/messages/import_" + language + ".properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /**
     * The imported charter written as text the way Charte writes a published revision's document: its blocks, each
     * table filled with the declarations of its category, in order.
     */
    /** The text the renderer makes of an import (without a database: the drafts as declarations). */
    static String renderText(ImportedCharter charter, ResourceBundleMessageSource messages) {
        List<Declaration> declarations = charter.declarations().stream().map(CharterImporter.ImportedDeclaration::draft)
                .map(d -> new Declaration(0, null, d.provider(), d.name(), d.category(), d.thirdPartyDomain(),
                        d.lifetimeSeconds(), d.hosts(), d.justification(), d.texts()))
                .toList();
        List<RenderedCharter.Block> blocks = new CharterRenderer(null, messages)
                .blocks(charter.document(), declarations, charter.language(), charter.language());
        return new CharterWriters(JsonMapper.builder().build()).text(blocks);
    }

    /**
     * The round trip's comparison rule, written independently of the importer: non-empty lines, trimmed, Markdown
     * heading marks and table rule lines (dashes, pipes) dropped, the pipes of a pipe-table row read as cell
     * separators, Markdown backslash escapes read, runs of spaces and tabs folded.
     */
    static List<String> comparable(String text, boolean markdown) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\\r?\\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.matches("[|:\\s]*-{3,}[-|:\\s]*")) {
                continue;
            }
            line = line.replaceFirst("^#{1,6}\\s+", "");
            if (line.startsWith("|")) {
                line = line.replaceAll("^\\|", "").replaceAll("\\|$", "").replace("|", " ");
            }
            if (markdown) {
                line = line.replaceAll("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|<>~])", "$1");
            }
            lines.add(line.replaceAll("[ \\t]+", " ").strip());
        }
        return lines;
    }
}
