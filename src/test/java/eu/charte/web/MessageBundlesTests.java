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
 * The four languages are kept in sync mechanically (style guide, habit 11; issue 2 section 7): the bundles have the
 * same keys and no empty text, every key the templates and the code name exists, and no template carries literal
 * user-facing text that would escape translation. Plain JUnit over the source files, no Spring.
 */
class MessageBundlesTests {

    private static final List<String> LANGUAGES = List.of("fr", "nl", "de", "en");
    private static final Path MESSAGES = Path.of("src", "main", "resources", "messages");
    private static final Path TEMPLATES = Path.of("src", "main", "resources", "templates");
    private static final Path JAVA = Path.of("src", "main", "java");

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
    void everyLanguageHasExactlyTheSameKeys() throws IOException {
        Map<String, Properties> bundles = bundles();
        Set<String> all = new TreeSet<>();
        bundles.values().forEach(p -> all.addAll(p.stringPropertyNames()));
        Map<String, Set<String>> missing = new TreeMap<>();
        bundles.forEach((language, bundle) -> {
            Set<String> lacking = new TreeSet<>(all);
            lacking.removeAll(bundle.stringPropertyNames());
            if (!lacking.isEmpty()) {
                missing.put(language, lacking);
            }
        });
        assertThat(all).as("keys in the bundles").isNotEmpty();
        assertThat(missing).as("keys missing per language").isEmpty();
    }

    @Test
    void noMessageIsEmpty() throws IOException {
        List<String> empty = new ArrayList<>();
        bundles().forEach((language, bundle) -> bundle.stringPropertyNames().stream().sorted()
                .filter(key -> bundle.getProperty(key).isBlank())
                .forEach(key -> empty.add(language + ": " + key)));
        assertThat(empty).as("empty messages").isEmpty();
    }

    @Test
    void noBundleDefinesAKeyTwice() throws IOException {
        List<String> duplicates = new ArrayList<>();
        for (String language : LANGUAGES) {
            Set<String> seen = new TreeSet<>();
            for (String key : keysInFileOrder(bundleFile(language))) {
                if (!seen.add(key)) {
                    duplicates.add(language + ": " + key);
                }
            }
        }
        assertThat(duplicates).as("keys defined twice (the last one silently wins)").isEmpty();
    }

    /** A key in the base bundle would hide a missing translation behind another language's text. */
    @Test
    void baseBundleHoldsNoText() throws IOException {
        assertThat(load(MESSAGES.resolve("messages.properties")).stringPropertyNames()).isEmpty();
    }

    @Test
    void translationsUseTheSameArguments() throws IOException {
        Map<String, Properties> bundles = bundles();
        List<String> differing = new ArrayList<>();
        for (String key : new TreeSet<>(bundles.get("en").stringPropertyNames())) {
            Map<String, Set<String>> arguments = new LinkedHashMap<>();
            bundles.forEach((language, bundle) -> arguments.put(language, arguments(bundle.getProperty(key, ""))));
            if (arguments.values().stream().distinct().count() > 1) {
                differing.add(key + " " + arguments);
            }
        }
        assertThat(differing).as("messages whose translations take different arguments").isEmpty();
    }

    /**
     * Spring formats a message with {@link java.text.MessageFormat} only when it has arguments: there an apostrophe
     * must be doubled ({@code l''hôte}) or it swallows the text after it; without arguments, a doubled one shows twice.
     */
    @Test
    void apostrophesAreEscapedOnlyInMessagesWithArguments() throws IOException {
        List<String> wrong = new ArrayList<>();
        bundles().forEach((language, bundle) -> bundle.stringPropertyNames().stream().sorted().forEach(key -> {
            String text = bundle.getProperty(key);
            boolean hasArguments = !arguments(text).isEmpty();
            String withoutDoubled = text.replace("''", "");
            if (hasArguments && withoutDoubled.contains("'")) {
                wrong.add(language + ": " + key + " has arguments, so its apostrophes must be doubled: " + text);
            } else if (!hasArguments && text.contains("''")) {
                wrong.add(language + ": " + key + " has no argument, so its apostrophes must be single: " + text);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyMessageKeyInTheTemplatesExistsInEveryLanguage() throws IOException {
        Map<String, Properties> bundles = bundles();
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
        Map<String, Properties> bundles = bundles();
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

    private static Path bundleFile(String language) {
        return MESSAGES.resolve("messages_" + language + ".properties");
    }

    private static Map<String, Properties> bundles() throws IOException {
        Map<String, Properties> bundles = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            bundles.put(language, load(bundleFile(language)));
        }
        return bundles;
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
