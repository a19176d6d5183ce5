package eu.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The four languages are kept in sync mechanically (style guide, habit 11; issue 2 section 7): every bundle family
 * under {@code messages/} ({@code <family>_fr.properties} ... {@code _en}) has its four languages with the same keys
 * and no empty text, no key is defined in two families, every family is on {@code spring.messages.basename}, every
 * key the templates and the code name exists in one of the families, and no template carries literal user-facing
 * text that would escape translation. Plain JUnit over the source files, no Spring.
 */
class MessageBundlesTests {

    private static final List<String> LANGUAGES = List.of("fr", "nl", "de", "en");
    private static final Path MESSAGES = Path.of("src", "main", "resources", "messages");
    private static final Path TEMPLATES = Path.of("src", "main", "resources", "templates");
    private static final Path JAVA = Path.of("src", "main", "java");
    private static final Path APPLICATION_PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    /** {@code registry_nl.properties}: family {@code registry}, language {@code nl}. */
    private static final Pattern BUNDLE_FILE = Pattern.compile("(.+)_([a-z]{2})\\.properties");

    /** Attributes a person reads or hears; a literal value needs a {@code th:} counterpart. */
    private static final List<String> USER_FACING_ATTRIBUTES = List.of("title", "alt", "placeholder", "aria-label",
            "aria-description", "aria-roledescription", "aria-placeholder", "aria-valuetext");
    /** Whitespace, punctuation and symbols ("·", "–", "(", "…") are not text to translate. */
    private static final Pattern NOT_TEXT = Pattern.compile("[\\s\\p{P}\\p{S}]+");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");
    private static final Pattern LITERAL_KEY = Pattern.compile("([A-Za-z][\\w.-]*)\\s*(\\(.*)?", Pattern.DOTALL);
    private static final Pattern KEY_PREFIX = Pattern.compile("'([A-Za-z][\\w.-]*\\.)'\\s*\\+.*", Pattern.DOTALL);
    /** A string literal in Java code shaped like a message key ({@code "account.token.created"}, {@code "error."}). */
    private static final Pattern JAVA_KEY = Pattern.compile("\"\\{?([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9_]+)*\\.?)}?\"");

    @Test
    void bundleFamiliesAreFoundAndEachHasTheFourLanguages() throws IOException {
        Map<String, Set<String>> languages = new TreeMap<>();
        for (Path file : bundleFiles()) {
            Matcher m = BUNDLE_FILE.matcher(file.getFileName().toString());
            if (m.matches()) {
                languages.computeIfAbsent(m.group(1), f -> new TreeSet<>()).add(m.group(2));
            }
        }
        assertThat(languages).as("bundle families under " + MESSAGES).containsKey("messages");
        languages.forEach((family, found) -> assertThat(found).as("languages of the bundle family " + family)
                .containsExactlyInAnyOrderElementsOf(LANGUAGES));
    }

    /** A family missing from the basename would never be read: its keys would show as missing at run time. */
    @Test
    void everyFamilyIsOnTheMessageSourceBasename() throws IOException {
        Properties application = load(APPLICATION_PROPERTIES);
        Set<String> basenames = Stream.of(application.getProperty("spring.messages.basename", "").split(","))
                .map(String::trim).filter(b -> !b.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> families = families().keySet().stream().map(f -> "messages/" + f)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(basenames).as("spring.messages.basename").containsAll(families);
    }

    @Test
    void everyLanguageHasExactlyTheSameKeys() throws IOException {
        Map<String, Set<String>> missing = new TreeMap<>();
        families().forEach((family, bundles) -> {
            Set<String> all = new TreeSet<>();
            bundles.values().forEach(p -> all.addAll(p.stringPropertyNames()));
            assertThat(all).as("keys in the bundle family " + family).isNotEmpty();
            bundles.forEach((language, bundle) -> {
                Set<String> lacking = new TreeSet<>(all);
                lacking.removeAll(bundle.stringPropertyNames());
                if (!lacking.isEmpty()) {
                    missing.put(family + "_" + language, lacking);
                }
            });
        });
        assertThat(missing).as("keys missing per bundle").isEmpty();
    }

    /** The message source reads the families in turn: a key in two of them would silently hide one text. */
    @Test
    void noKeyIsDefinedInTwoFamilies() throws IOException {
        Map<String, Set<String>> familiesOfKey = new TreeMap<>();
        families().forEach((family, bundles) -> bundles.values().forEach(bundle -> bundle.stringPropertyNames()
                .forEach(key -> familiesOfKey.computeIfAbsent(key, k -> new TreeSet<>()).add(family))));
        familiesOfKey.values().removeIf(f -> f.size() < 2);
        assertThat(familiesOfKey).as("keys defined in more than one bundle family").isEmpty();
    }

    @Test
    void noMessageIsEmpty() throws IOException {
        List<String> empty = new ArrayList<>();
        families().forEach((family, bundles) -> bundles.forEach((language, bundle) -> bundle.stringPropertyNames()
                .stream().sorted().filter(key -> bundle.getProperty(key).isBlank())
                .forEach(key -> empty.add(family + "_" + language + ": " + key))));
        assertThat(empty).as("empty messages").isEmpty();
    }

    @Test
    void noBundleDefinesAKeyTwice() throws IOException {
        List<String> duplicates = new ArrayList<>();
        for (String family : families().keySet()) {
            for (String language : LANGUAGES) {
                Set<String> seen = new TreeSet<>();
                Path file = bundleFile(family, language);
                for (String key : Files.exists(file) ? keysInFileOrder(file) : List.<String>of()) {
                    if (!seen.add(key)) {
                        duplicates.add(family + "_" + language + ": " + key);
                    }
                }
            }
        }
        assertThat(duplicates).as("keys defined twice (the last one silently wins)").isEmpty();
    }

    /** A key in a base bundle would hide a missing translation behind another language's text. */
    @Test
    void baseBundlesHoldNoText() throws IOException {
        assertThat(MESSAGES.resolve("messages.properties")).exists();
        for (String family : families().keySet()) {
            Path base = MESSAGES.resolve(family + ".properties");
            if (Files.exists(base)) {
                assertThat(load(base).stringPropertyNames()).as(base.toString()).isEmpty();
            }
        }
    }

    @Test
    void translationsUseTheSameArguments() throws IOException {
        List<String> differing = new ArrayList<>();
        families().forEach((family, bundles) -> {
            for (String key : new TreeSet<>(bundles.get("en").stringPropertyNames())) {
                Map<String, Set<String>> arguments = new LinkedHashMap<>();
                bundles.forEach((language, bundle) -> arguments.put(language, arguments(bundle.getProperty(key, ""))));
                if (arguments.values().stream().distinct().count() > 1) {
                    differing.add(family + ": " + key + " " + arguments);
                }
            }
        });
        assertThat(differing).as("messages whose translations take different arguments").isEmpty();
    }

    /**
     * Spring formats a message with {@link java.text.MessageFormat} only when it has arguments: there an apostrophe
     * must be doubled ({@code l''hôte}) or it swallows the text after it; without arguments, a doubled one shows twice.
     */
    @Test
    void apostrophesAreEscapedOnlyInMessagesWithArguments() throws IOException {
        List<String> wrong = new ArrayList<>();
        families().forEach((family, bundles) -> bundles.forEach((language, bundle) -> bundle.stringPropertyNames()
                .stream().sorted().forEach(key -> {
                    String text = bundle.getProperty(key);
                    boolean hasArguments = !arguments(text).isEmpty();
                    String withoutDoubled = text.replace("''", "");
                    String where = family + "_" + language + ": " + key;
                    if (hasArguments && withoutDoubled.contains("'")) {
                        wrong.add(where + " has arguments, so its apostrophes must be doubled: " + text);
                    } else if (!hasArguments && text.contains("''")) {
                        wrong.add(where + " has no argument, so its apostrophes must be single: " + text);
                    }
                })));
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyMessageKeyInTheTemplatesExistsInEveryLanguage() throws IOException {
        Map<String, Properties> bundles = unionOfFamilies();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path template : templates()) {
            String name = TEMPLATES.relativize(template).toString();
            for (String expression : messageExpressions(Files.readString(template, StandardCharsets.UTF_8))) {
                Matcher prefix = KEY_PREFIX.matcher(expression);
                Matcher literal = LITERAL_KEY.matcher(expression);
                if (expression.startsWith("${")) {
                    continue; // computed by a controller: see everyMessageKeyNamedInTheCodeExistsInEveryLanguage
                } else if (prefix.matches()) {
                    checked++;
                    bundles.forEach((language, bundle) -> {
                        if (bundle.stringPropertyNames().stream().noneMatch(k -> k.startsWith(prefix.group(1)))) {
                            problems.add(name + ": no key starts with '" + prefix.group(1) + "' in " + language);
                        }
                    });
                } else if (literal.matches()) {
                    checked++;
                    bundles.forEach((language, bundle) -> {
                        if (!bundle.containsKey(literal.group(1))) {
                            problems.add(name + ": #{" + literal.group(1) + "} is missing in " + language);
                        }
                    });
                } else {
                    problems.add(name + ": message expression this test cannot read: #{" + expression + "}");
                }
            }
        }
        assertThat(checked).as("message keys found in the templates").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    /** Keys the controllers name in code ({@code "account.token.created"}, {@code "{portal.slug.invalid}"}). */
    @Test
    void everyMessageKeyNamedInTheCodeExistsInEveryLanguage() throws IOException {
        Map<String, Properties> bundles = unionOfFamilies();
        Set<String> families = bundles.get("en").stringPropertyNames().stream()
                .map(k -> k.substring(0, k.indexOf('.') < 0 ? k.length() : k.indexOf('.')))
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        List<Path> sources;
        try (Stream<Path> files = Files.walk(JAVA)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path source : sources) {
            Matcher m = JAVA_KEY.matcher(Files.readString(source, StandardCharsets.UTF_8));
            while (m.find()) {
                String key = m.group(1);
                int dot = key.indexOf('.');
                if (dot < 0 || !families.contains(key.substring(0, dot))) {
                    continue;
                }
                checked++;
                for (var bundle : bundles.entrySet()) {
                    boolean present = key.endsWith(".")
                            ? bundle.getValue().stringPropertyNames().stream().anyMatch(k -> k.startsWith(key))
                            : bundle.getValue().containsKey(key);
                    if (!present) {
                        problems.add(JAVA.relativize(source) + ": \"" + key + "\" is missing in " + bundle.getKey());
                    }
                }
            }
        }
        assertThat(checked).as("message keys found in the code").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void templatesContainNoLiteralUserFacingText() throws IOException {
        List<String> literal = new ArrayList<>();
        List<Path> templates = templates();
        for (Path template : templates) {
            String name = TEMPLATES.relativize(template).toString();
            Document document = Jsoup.parse(Files.readString(template, StandardCharsets.UTF_8));
            for (Element element : document.getAllElements()) {
                if (!element.hasAttr("th:text") && !element.hasAttr("th:utext") && isText(element.ownText())) {
                    literal.add(name + ": <" + element.tagName() + "> \"" + element.ownText().trim() + "\"");
                }
                for (Attribute attribute : element.attributes()) {
                    String key = attribute.getKey().toLowerCase();
                    if (USER_FACING_ATTRIBUTES.contains(key) && isText(attribute.getValue())
                            && !hasThymeleafCounterpart(element, key)) {
                        literal.add(name + ": <" + element.tagName() + " " + key + "=\"" + attribute.getValue() + "\">");
                    }
                }
                if (element.tagName().equals("input") && element.attr("type").matches("(?i)submit|button|reset")
                        && isText(element.attr("value")) && !hasThymeleafCounterpart(element, "value")) {
                    literal.add(name + ": <input value=\"" + element.attr("value") + "\">");
                }
            }
        }
        assertThat(templates).as("templates under " + TEMPLATES).isNotEmpty();
        assertThat(literal).as("literal user-facing text: move it into the four message bundles").isEmpty();
    }

    @Test
    void literalTextDetectionIgnoresPunctuationButNotWords() {
        assertThat(isText("  ·  ")).isFalse();
        assertThat(isText("( – )")).isFalse();
        assertThat(isText("…")).isFalse();
        assertThat(isText("OK")).isTrue();
        assertThat(isText("Portalen")).isTrue();
        assertThat(isText("12")).isTrue();
    }

    @Test
    void literalTextDetectionFindsTextAndUntranslatedAttributes() {
        Document page = Jsoup.parse("""
                <p th:text="#{a}">prototype</p><p>Hello <b th:text="#{b}">x</b></p>
                <img alt="A logo"><img alt="x" th:alt="#{c}"><nav aria-label="x" th:attr="aria-label=#{d}"></nav>""");
        List<Element> elements = page.getAllElements();
        assertThat(elements.stream().filter(e -> !e.hasAttr("th:text") && isText(e.ownText())).map(Element::ownText))
                .containsExactly("Hello");
        assertThat(elements.stream().filter(e -> e.hasAttr("alt") && !hasThymeleafCounterpart(e, "alt")))
                .hasSize(1);
        assertThat(elements.stream().filter(e -> e.hasAttr("aria-label") && !hasThymeleafCounterpart(e, "aria-label")))
                .isEmpty();
    }

    private static boolean isText(String text) {
        return !NOT_TEXT.matcher(text).replaceAll("").isEmpty();
    }

    private static boolean hasThymeleafCounterpart(Element element, String attribute) {
        if (element.hasAttr("th:" + attribute)) {
            return true;
        }
        for (String kind : List.of("th:attr", "th:attrappend", "th:attrprepend")) {
            if (Pattern.compile("(^|,)\\s*" + Pattern.quote(attribute) + "\\s*=").matcher(element.attr(kind)).find()) {
                return true;
            }
        }
        return false;
    }

    /** The bodies of the {@code #{...}} expressions in a template, braces balanced. */
    static List<String> messageExpressions(String template) {
        List<String> expressions = new ArrayList<>();
        int start = template.indexOf("#{");
        while (start >= 0) {
            int depth = 1;
            int i = start + 2;
            while (i < template.length() && depth > 0) {
                char c = template.charAt(i);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                i++;
            }
            expressions.add(template.substring(start + 2, i - 1).trim());
            start = template.indexOf("#{", i);
        }
        return expressions;
    }

    private static Set<String> arguments(String message) {
        Set<String> indexes = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(message);
        while (m.find()) {
            indexes.add(m.group(1));
        }
        return indexes;
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    private static List<Path> bundleFiles() throws IOException {
        try (Stream<Path> files = Files.list(MESSAGES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".properties")).sorted().toList();
        }
    }

    private static Path bundleFile(String family, String language) {
        return MESSAGES.resolve(family + "_" + language + ".properties");
    }

    /** Every bundle family under {@link #MESSAGES}, with its bundles in the four languages (an absent one empty). */
    private static Map<String, Map<String, Properties>> families() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path file : bundleFiles()) {
            Matcher m = BUNDLE_FILE.matcher(file.getFileName().toString());
            if (m.matches() && LANGUAGES.contains(m.group(2))) {
                names.add(m.group(1));
            }
        }
        Map<String, Map<String, Properties>> families = new TreeMap<>();
        for (String family : names) {
            Map<String, Properties> bundles = new LinkedHashMap<>();
            for (String language : LANGUAGES) {
                Path file = bundleFile(family, language);
                bundles.put(language, Files.exists(file) ? load(file) : new Properties());
            }
            families.put(family, bundles);
        }
        return families;
    }

    /** Per language, the keys of all families together: what the message source can find. */
    private static Map<String, Properties> unionOfFamilies() throws IOException {
        Map<String, Properties> union = new LinkedHashMap<>();
        LANGUAGES.forEach(language -> union.put(language, new Properties()));
        for (Map<String, Properties> bundles : families().values()) {
            bundles.forEach((language, bundle) -> union.get(language).putAll(bundle));
        }
        return union;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** The keys of a properties file as written, duplicates included ({@link Properties} keeps only the last). */
    private static List<String> keysInFileOrder(Path file) throws IOException {
        List<String> keys = new ArrayList<>();
        boolean continuation = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String stripped = line.stripLeading();
            boolean continues = (line.length() - line.replaceAll("\\\\+$", "").length()) % 2 == 1;
            if (!continuation && !stripped.isEmpty() && !stripped.startsWith("#") && !stripped.startsWith("!")) {
                Matcher key = Pattern.compile("((?:\\\\.|[^=:\\s\\\\])+)").matcher(stripped);
                if (key.lookingAt()) {
                    keys.add(key.group(1).replaceAll("\\\\(.)", "$1"));
                }
            }
            continuation = continues;
        }
        return keys;
    }
}
