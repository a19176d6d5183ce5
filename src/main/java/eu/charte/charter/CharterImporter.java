package eu.charte.charter;

import eu.charte.portal.Language;
import eu.charte.registry.Category;
import eu.charte.registry.CharterDocument;
import eu.charte.registry.CharterDocument.Column;
import eu.charte.registry.DeclarationDraft;
import eu.charte.registry.DeclarationText;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Reads an existing "Charte cookies" (plain text, Markdown or HTML) into what Charte stores: the portal's own text
 * for one language as {@link CharterDocument} blocks, and one {@link DeclarationDraft} per table row.
 *
 * <p>The document keeps every non-empty line of a text or Markdown charter, in order, as one block (heading,
 * paragraph, a URL alone on its line, or a table), so that the text rendering of the imported charter gives back
 * the same lines. The heading (or paragraph) before each table names its category; its header names the columns,
 * whose labels are kept as written. Rows may be tab-separated, Markdown pipe rows, rows aligned with runs of
 * spaces, or HTML table rows; blank lines inside a table and rule lines (dashes, pipes) are allowed.
 *
 * <p>Plain Java, no Spring context: every problem is collected with its line number and message key (bundle
 * {@code messages/import}), and {@link #read} throws {@link ImportException} listing them all, or returns the
 * charter. Nothing is stored here.
 */
final class CharterImporter {

    /** The formats a charter is read from. */
    enum Format {
        TEXT, MARKDOWN, HTML;

        /** From the file's extension, else from its content. */
        static Format detect(String fileName, String content) {
            String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                return MARKDOWN;
            }
            if (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".xhtml")) {
                return HTML;
            }
            if (name.endsWith(".txt") || name.endsWith(".text")) {
                return TEXT;
            }
            if (HTML_SNIFF.matcher(content).find()) {
                return HTML;
            }
            return MARKDOWN_HEADING.matcher(content).find() || content.lines().anyMatch(l -> PIPE_RULE.matcher(l).matches())
                    ? MARKDOWN : TEXT;
        }
    }

    /** A problem at a line of the document (1-based): a message key of {@code messages/import} and its arguments. */
    record Problem(int line, String code, List<Object> arguments) {

        Problem {
            arguments = List.copyOf(arguments);
        }

        static Problem of(int line, String code, Object... arguments) {
            return new Problem(Math.max(1, line), code, Arrays.asList(arguments));
        }

        MessageSourceResolvable resolvable() {
            return new DefaultMessageSourceResolvable(new String[] {code}, arguments.toArray());
        }
    }

    /** The document cannot be imported; {@link #problems()} says where and why, in line order. */
    static final class ImportException extends Exception {

        private final transient List<Problem> problems;

        ImportException(List<Problem> problems) {
            super(problems.stream().map(p -> p.line() + ": " + p.code() + " " + p.arguments()).toList().toString());
            this.problems = problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
        }

        ImportException(Problem problem) {
            this(List.of(problem));
        }

        List<Problem> problems() {
            return problems;
        }
    }

    /** A table row, read as a declaration. */
    record ImportedDeclaration(int line, DeclarationDraft draft) {
    }

    /**
     * What an import read.
     *
     * @param url the portal's URL as the charter gives it (on its own line or on a heading's), or null
     * @param title the first heading, or null
     */
    record ImportedCharter(Format format, Language language, String url, String title, CharterDocument document,
            List<ImportedDeclaration> declarations) {

        ImportedCharter {
            declarations = List.copyOf(declarations);
        }
    }

    static final int MAX_PROVIDER = 200;
    static final int MAX_NAME = 200;
    static final int MAX_SERVICE = 300;
    static final int MAX_PURPOSE = 1000;
    private static final int MAX_HEADING_LENGTH = 150;

    private static final Pattern HTML_SNIFF = Pattern.compile(
            "(?i)^\\s*(<!doctype html|<html[\\s>])|<(body|table|h[1-6]|p)[\\s>]");
    private static final Pattern MARKDOWN_HEADING = Pattern.compile("(?m)^#{1,6}\\s+\\S");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})(?:\\s+(.*?))?(?:\\s+#+)?\\s*$");
    private static final Pattern LINK_LINE = Pattern.compile("^<(https?://[^\\s<>]+)>$");
    private static final Pattern BARE_URL_LINE = Pattern.compile("^(https?://[^\\s<>]+)$");
    private static final Pattern TRAILING_LINK = Pattern.compile("^(.*\\S)\\s*<(https?://[^\\s<>]+)>$");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"')]+");
    /** Rule lines: only dashes, equals signs, underscores, stars, tildes, pipes, colons, pluses and spaces. */
    private static final Pattern RULE = Pattern.compile("^[\\s|:+]*(?:[-=_*~][\\s|:+]*){3,}$");
    private static final Pattern PIPE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)+\\|?\\s*$");
    private static final Pattern COOKIE_NAME = Pattern.compile(DeclarationDraft.COOKIE_NAME);
    private static final Pattern DOMAIN = Pattern.compile("(?i)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern LIFETIME = Pattern.compile("^(\\d{1,6})\\s*([a-z]+)\\.?$");
    private static final Pattern MARKDOWN_ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|<>~])");

    private final String source;
    private final Format format;
    private final Language language;
    private final List<Entry> entries = new ArrayList<>();
    private final List<ImportedDeclaration> declarations = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private final Map<Category, Integer> categories = new EnumMap<>(Category.class);
    private Table table;
    private int lastLine = 1;

    private CharterImporter(String source, Format format, Language language) {
        this.source = source;
        this.format = format;
        this.language = language;
    }

    /**
     * Reads a charter.
     *
     * @param source the document's name, quoted in the justification of its necessary cookies
     * @param text the document (see {@link #decode})
     * @param format its format, or null to detect it from {@code source} and {@code text}
     * @param language the language the charter is written in
     * @throws ImportException listing every problem, with its line, when the document cannot be imported whole
     */
    static ImportedCharter read(String source, String text, Format format, Language language) throws ImportException {
        Format effective = format == null ? Format.detect(source, text) : format;
        CharterImporter importer = new CharterImporter(source == null ? "charter" : source, effective, language);
        if (effective == Format.HTML) {
            importer.readHtml(text);
        } else {
            importer.readLines(text);
        }
        return importer.finish();
    }

    /** The bytes as UTF-8 text (a byte order mark dropped); malformed bytes are an error naming their line. */
    static String decode(byte[] bytes) throws ImportException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ImportException(Problem.of(line, "import.error.encoding"));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The language most of the document's words belong to, if any of Charte's languages shows at all. */
    static Optional<Language> guessLanguage(String text) {
        Map<Language, List<String>> words = Map.of(
                Language.FR, List.of("le", "la", "les", "des", "est", "et", "une", "pour", "vous", "sur", "du", "que",
                        "qui", "dans", "nous", "par", "ne", "pas", "au", "aux"),
                Language.NL, List.of("het", "een", "van", "en", "is", "voor", "op", "niet", "zijn", "wij", "uw", "met",
                        "worden", "deze", "die", "ook", "naar", "bij", "om", "te"),
                Language.DE, List.of("der", "die", "das", "und", "ist", "nicht", "sie", "zu", "den", "mit", "von",
                        "ein", "eine", "für", "werden", "dem", "wir", "ihre", "auf", "auch"),
                Language.EN, List.of("the", "and", "is", "of", "to", "you", "for", "are", "on", "we", "your", "with",
                        "that", "this", "be", "by", "our", "as", "it", "or"));
        Map<Language, Integer> scores = new EnumMap<>(Language.class);
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            words.forEach((language, list) -> {
                if (list.contains(word)) {
                    scores.merge(language, 1, Integer::sum);
                }
            });
        }
        return scores.entrySet().stream().filter(e -> e.getValue() >= 3)
                .max(Map.Entry.<Language, Integer>comparingByValue()
                        .thenComparing(e -> -e.getKey().ordinal()))
                .map(Map.Entry::getKey);
    }

    /**
     * The lines a charter is compared on: trimmed, empty lines, rule lines (dashes, pipes) and Markdown heading
     * marks dropped, the pipes of a pipe-table row read as cell separators, Markdown escapes read, runs of spaces
     * and tabs folded into one space.
     */
    static List<String> comparableLines(String text, boolean markdown) {
        return numberedLines(text, markdown).stream().map(NumberedLine::text).toList();
    }

    /** A line of a document as {@link #comparableLines} reads it, with its number in the document. */
    record NumberedLine(int line, String text) {
    }

    /** {@link #comparableLines}, each with its line number. */
    static List<NumberedLine> numberedLines(String text, boolean markdown) {
        List<NumberedLine> result = new ArrayList<>();
        String[] lines = text.split("\\r\\n|\\r|\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || RULE.matcher(line).matches()) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                line = heading.group(2) == null ? "" : heading.group(2);
            }
            if (line.startsWith("|") && line.length() > 1) {
                line = String.join(" ", splitPipes(line));
            }
            if (markdown) {
                line = unescape(line);
            }
            line = line.replaceAll("[ \\t]+", " ").strip();
            if (!line.isEmpty()) {
                result.add(new NumberedLine(i + 1, line));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Text and Markdown

    private void readLines(String text) {
        boolean markdown = format == Format.MARKDOWN;
        String[] lines = text.split("\\r\\n|\\r|\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lastLine = lines[i].isBlank() ? lastLine : i + 1;
        }
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (table != null) {
                if (isRule(line)) {
                    continue;
                }
                List<String> cells = table.split(lines[i], markdown);
                if (cells != null) {
                    addRow(number, cells);
                    continue;
                }
                if (table.separator != Separator.SPACES && Separator.of(lines[i]) == table.separator) {
                    problems.add(Problem.of(number, "import.error.row.cells", Separator.of(lines[i]).cells(lines[i],
                            markdown).size(), table.columns.size()));
                    continue;
                }
                table = null;
            }
            if (isRule(line)) {
                setextHeading(lines, i, line);
                continue;
            }
            if (markdown) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    if (heading.group(2) != null) {
                        addHeading(number, heading.group(1).length(), unescape(heading.group(2)));
                    }
                    continue;
                }
            }
            Matcher link = LINK_LINE.matcher(line);
            if (link.matches()) {
                entries.add(new Entry(number, new CharterDocument.Link(link.group(1))));
                continue;
            }
            Optional<Table> header = header(number, lines[i], markdown);
            if (header.isPresent()) {
                openTable(header.get());
                continue;
            }
            Separator separator = Separator.of(lines[i]);
            if (separator == Separator.TABS || separator == Separator.PIPES && line.startsWith("|")) {
                List<String> cells = separator.cells(lines[i], markdown);
                if (cells.size() >= 3) {
                    problems.add(Problem.of(number, "import.error.row.orphan", String.join(" | ", cells)));
                    continue;
                }
            }
            String content = markdown ? unescape(line) : line;
            if (!markdown && isTextHeading(lines, i, content)) {
                int level = entries.isEmpty() ? 1 : nextIsTableHeader(lines, i) ? 3 : 2;
                addHeading(number, level, content);
            } else {
                entries.add(new Entry(number, new CharterDocument.Paragraph(content)));
            }
        }
    }

    private void addHeading(int line, int level, String text) {
        Matcher trailing = TRAILING_LINK.matcher(text);
        if (trailing.matches()) {
            entries.add(new Entry(line, new CharterDocument.Heading(level, trailing.group(1).strip(), trailing.group(2))));
        } else {
            entries.add(new Entry(line, new CharterDocument.Heading(level, text.strip(), null)));
        }
    }

    /** A line of {@code ===} or {@code ---} right under a paragraph line makes it a heading (level 1 or 2). */
    private void setextHeading(String[] lines, int i, String rule) {
        boolean underlines = rule.matches("=+|-+") && i > 0 && !lines[i - 1].isBlank() && !entries.isEmpty();
        if (!underlines) {
            return;
        }
        Entry last = entries.get(entries.size() - 1);
        if (last.line() == i && last.block() instanceof CharterDocument.Paragraph p) {
            entries.remove(entries.size() - 1);
            addHeading(last.line(), rule.charAt(0) == '=' ? 1 : 2, p.text());
        } else if (last.line() == i && last.block() instanceof CharterDocument.Heading h && h.level() != 1) {
            entries.set(entries.size() - 1, new Entry(last.line(),
                    new CharterDocument.Heading(rule.charAt(0) == '=' ? 1 : 2, h.text(), h.url())));
        }
    }

    /**
     * In plain text, a heading is the first line, or a short line standing alone (blank lines around it) that does
     * not end like a sentence ("." "," ";" ":" "!"). A question ("Qu'est-ce qu'un cookie ?") is a heading.
     */
    private boolean isTextHeading(String[] lines, int i, String line) {
        if (entries.isEmpty()) {
            return line.length() <= MAX_HEADING_LENGTH && line.codePoints().anyMatch(Character::isLetter);
        }
        boolean alone = (i == 0 || lines[i - 1].isBlank()) && (i + 1 >= lines.length || lines[i + 1].isBlank()
                || nextIsTableHeader(lines, i));
        Matcher trailing = TRAILING_LINK.matcher(line);
        String text = trailing.matches() ? trailing.group(1).strip() : line;
        return alone && text.length() <= MAX_HEADING_LENGTH && text.codePoints().anyMatch(Character::isLetter)
                && !text.matches(".*[.,;:!]$") && !text.matches("^[-*•+>].*");
    }

    private boolean nextIsTableHeader(String[] lines, int i) {
        for (int j = i + 1; j < lines.length; j++) {
            if (!lines[j].isBlank()) {
                return headerColumns(Separator.of(lines[j]).cells(lines[j], format == Format.MARKDOWN)).size() >= 2
                        || headerColumns(Separator.SPACES.cells(lines[j], false)).size() >= 3;
            }
        }
        return false;
    }

    private Optional<Table> header(int line, String raw, boolean markdown) {
        Separator separator = Separator.of(raw);
        List<String> labels = separator == Separator.NONE ? List.of() : trimTrailingEmpty(separator.cells(raw, markdown));
        if (separator == Separator.NONE || headerColumns(labels).size() < 2) {
            separator = Separator.SPACES;
            labels = Separator.SPACES.cells(raw, false);
            if (labels.size() < 3 || headerColumns(labels).size() < 3) {
                return Optional.empty();
            }
        }
        if (!headerColumns(labels).containsValue(Column.NAME)) {
            return Optional.empty();
        }
        return Optional.of(table(line, labels, separator));
    }

    private static List<String> trimTrailingEmpty(List<String> cells) {
        List<String> result = new ArrayList<>(cells);
        while (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
            result.remove(result.size() - 1);
        }
        while (!result.isEmpty() && result.get(0).isEmpty()) {
            result.remove(0);
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------------------------
    // HTML

    private static final List<String> SKIPPED = List.of("script", "style", "nav", "header", "footer", "form", "noscript",
            "template", "button", "select", "svg", "img", "iframe", "head", "title", "meta", "link", "input", "label");
    private static final List<String> BLOCKS = List.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
            "li", "div", "section", "article", "main", "aside", "blockquote", "dl", "dt", "dd", "pre", "figure",
            "figcaption", "header", "footer", "nav", "address", "details", "summary", "hr", "body");

    private void readHtml(String html) {
        lastLine = (int) html.strip().lines().count();
        Document document = Jsoup.parse(html, "", Parser.htmlParser().setTrackPosition(true));
        Element root = document.selectFirst("main");
        walk(root != null ? root : document.body());
    }

    private void walk(Element container) {
        StringBuilder inline = new StringBuilder();
        int inlineLine = line(container);
        for (Node node : container.childNodes()) {
            if (node instanceof TextNode t) {
                if (!t.isBlank() && inline.isEmpty()) {
                    inlineLine = line(container);
                }
                inline.append(t.text());
                continue;
            }
            if (!(node instanceof Element e)) {
                continue;
            }
            String tag = e.normalName();
            if (SKIPPED.contains(tag) || e.hasClass("charter-notice") || e.hasClass("charter-formats")) {
                continue;
            }
            if (!BLOCKS.contains(tag) && !tag.equals("br")) {
                if (inline.isEmpty() || inline.toString().isBlank()) {
                    inlineLine = line(e);
                }
                inline.append(e.text());
                continue;
            }
            flushInline(inline, inlineLine);
            switch (tag) {
                case "br", "hr" -> {
                }
                case "h1", "h2", "h3", "h4", "h5", "h6" -> htmlHeading(e, tag.charAt(1) - '0');
                case "p", "dt", "dd", "figcaption", "address", "summary", "li" -> htmlParagraph(e);
                case "pre" -> {
                    int first = line(e);
                    String[] lines = e.wholeText().split("\\R");
                    for (int k = 0; k < lines.length; k++) {
                        if (!lines[k].isBlank()) {
                            entries.add(new Entry(first + k, new CharterDocument.Paragraph(lines[k].strip())));
                        }
                    }
                }
                case "table" -> htmlTable(e);
                default -> {
                    if (e.children().stream().anyMatch(c -> BLOCKS.contains(c.normalName()) || c.normalName().equals("br"))) {
                        walk(e);
                    } else {
                        htmlParagraph(e);
                    }
                }
            }
        }
        flushInline(inline, inlineLine);
    }

    private void flushInline(StringBuilder inline, int line) {
        String text = inline.toString().replaceAll("\\s+", " ").strip();
        inline.setLength(0);
        if (!text.isEmpty()) {
            textBlock(line, text);
        }
    }

    private void htmlParagraph(Element e) {
        if (e.children().stream().anyMatch(c -> c.normalName().equals("table") || c.normalName().equals("p")
                || c.normalName().equals("ul") || c.normalName().equals("ol"))) {
            walk(e);
            return;
        }
        String text = e.text().strip();
        if (!text.isEmpty()) {
            textBlock(line(e), text);
        }
    }

    /** A URL alone (in angle brackets or not) is the portal's link; anything else a paragraph. */
    private void textBlock(int line, String text) {
        String url = text.replaceAll("^<|>$", "");
        if (BARE_URL_LINE.matcher(url).matches()) {
            entries.add(new Entry(line, new CharterDocument.Link(url)));
        } else {
            entries.add(new Entry(line, new CharterDocument.Paragraph(text)));
        }
    }

    private void htmlHeading(Element e, int level) {
        String text = e.text().strip();
        String url = null;
        for (Element a : e.select("a[href]")) {
            String href = a.attr("href").strip();
            String anchor = a.text().strip().replaceAll("^<|>$", "");
            if (href.matches("https?://\\S+") && (anchor.equals(href) || anchor.isEmpty()
                    || anchor.equals(href.replaceAll("/$", "")))) {
                url = href;
                text = text.replace(a.text().strip(), "").replaceAll("[\\s<>]+$", "").strip();
            }
        }
        if (url == null) {
            Matcher trailing = TRAILING_LINK.matcher(text);
            if (trailing.matches()) {
                text = trailing.group(1).strip();
                url = trailing.group(2);
            }
        }
        if (!text.isEmpty()) {
            entries.add(new Entry(line(e), new CharterDocument.Heading(level, text, url)));
        } else if (url != null) {
            entries.add(new Entry(line(e), new CharterDocument.Link(url)));
        }
    }

    private void htmlTable(Element element) {
        List<Element> rows = element.select("tr").stream()
                .filter(tr -> tr.closest("table") == element).toList();
        if (rows.isEmpty()) {
            return;
        }
        Element caption = element.selectFirst("caption");
        if (caption != null && !caption.text().isBlank()) {
            entries.add(new Entry(line(caption), null, caption.text().strip()));
        }
        int headerIndex = 0;
        for (int k = 0; k < rows.size(); k++) {
            if (rows.get(k).parent() != null && rows.get(k).parent().normalName().equals("thead")) {
                headerIndex = k;
            }
        }
        Element headerRow = rows.get(headerIndex);
        List<String> labels = trimTrailingEmpty(headerRow.select("th, td").stream().map(c -> c.text().strip()).toList());
        if (headerColumns(labels).size() < 2 || !headerColumns(labels).containsValue(Column.NAME)) {
            problems.add(Problem.of(line(headerRow), "import.error.header.none", String.join(" | ", labels)));
            return;
        }
        openTable(table(line(headerRow), labels, Separator.NONE));
        for (Element row : rows.subList(headerIndex + 1, rows.size())) {
            List<String> cells = row.select("th, td").stream().map(c -> c.text().strip()).toList();
            if (cells.stream().allMatch(String::isEmpty)) {
                continue;
            }
            addRow(line(row), cells);
        }
        table = null;
    }

    private static int line(Node node) {
        return node.sourceRange().isTracked() ? Math.max(1, node.sourceRange().start().lineNumber()) : 1;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Tables and rows

    /** How a table's cells are separated. */
    private enum Separator {
        TABS, PIPES, SPACES, NONE;

        /** Tabs; or pipes, at least two (a Markdown row, with or without outer pipes); else none. */
        static Separator of(String line) {
            String s = line.strip();
            if (s.indexOf('\t') >= 0) {
                return TABS;
            }
            long pipes = s.replace("\\|", "").chars().filter(c -> c == '|').count();
            if (pipes >= 2) {
                return PIPES;
            }
            return NONE;
        }

        List<String> cells(String line, boolean markdown) {
            return switch (this) {
                case TABS -> Arrays.stream(line.strip().split("\t", -1)).map(String::strip)
                        .map(c -> markdown ? unescape(c) : c).toList();
                case PIPES -> splitPipes(line.strip()).stream().map(c -> markdown ? unescape(c) : c).toList();
                case SPACES -> Arrays.stream(SPACES_OR_TABS.split(line.strip())).map(String::strip).toList();
                case NONE -> List.of(line.strip());
            };
        }

        private static final Pattern SPACES_OR_TABS = Pattern.compile("(?: {2,}|\\t)+");
    }

    /** A table being read: its header and its category (null if none could be told). */
    private final class Table {
        final int line;
        final List<String> labels;
        final List<Column> columns;
        final Separator separator;
        Category category;
        String section;

        Table(int line, List<String> labels, List<Column> columns, Separator separator) {
            this.line = line;
            this.labels = labels;
            this.columns = columns;
            this.separator = separator;
        }

        /** The row's cells, or null when the line is not a row of this table. */
        List<String> split(String raw, boolean markdown) {
            Separator kind = Separator.of(raw);
            if (separator == Separator.SPACES) {
                List<String> cells = Separator.SPACES.cells(raw, false);
                return cells.size() == columns.size() ? cells : null;
            }
            if (kind != separator) {
                return null;
            }
            List<String> cells = kind.cells(raw, markdown);
            if (cells.size() == columns.size()) {
                return cells;
            }
            List<String> trimmed = trimTrailingEmpty(cells);
            if (trimmed.size() == columns.size()) {
                return trimmed;
            }
            List<String> collapsed = trimTrailingEmpty(cells.stream().filter(c -> !c.isEmpty()).toList());
            return collapsed.size() == columns.size() && kind == Separator.TABS ? collapsed : null;
        }
    }

    private Table table(int line, List<String> labels, Separator separator) {
        Map<Integer, Column> mapped = headerColumns(labels);
        List<Column> columns = new ArrayList<>();
        Map<Column, String> seen = new EnumMap<>(Column.class);
        for (int k = 0; k < labels.size(); k++) {
            Column column = mapped.get(k);
            if (column == null) {
                problems.add(Problem.of(line, "import.error.header.unknown", labels.get(k)));
                columns.add(null);
                continue;
            }
            if (seen.containsKey(column)) {
                problems.add(Problem.of(line, "import.error.header.duplicate", seen.get(column), labels.get(k),
                        columnName(column)));
            }
            seen.putIfAbsent(column, labels.get(k));
            columns.add(column);
        }
        for (Column required : List.of(Column.PROVIDER, Column.SERVICE, Column.NAME, Column.PURPOSE)) {
            if (!seen.containsKey(required)) {
                problems.add(Problem.of(line, "import.error.header.missing", columnName(required)));
            }
        }
        return new Table(line, labels, columns, separator);
    }

    private void openTable(Table opened) {
        table = opened;
        // The nearest heading (or caption) naming a category decides; else the nearest paragraph under that heading.
        List<Category> candidates = new ArrayList<>();
        for (int k = entries.size() - 1; k >= 0; k--) {
            Entry entry = entries.get(k);
            if (entry.block() instanceof CharterDocument.CookieTable) {
                break;
            }
            boolean heading = entry.caption() != null || entry.block() instanceof CharterDocument.Heading;
            String text = entry.caption() != null ? entry.caption()
                    : entry.block() instanceof CharterDocument.Heading h ? h.text()
                    : entry.block() instanceof CharterDocument.Paragraph p ? p.text() : null;
            List<Category> found = text == null ? List.of() : categoriesIn(text);
            if (heading && !found.isEmpty()) {
                candidates = found;
                opened.section = text;
                break;
            }
            if (!heading && !found.isEmpty() && candidates.isEmpty()) {
                candidates = found;
                opened.section = text;
            }
            if (entry.block() instanceof CharterDocument.Heading) {
                break;
            }
        }
        entries.removeIf(e -> e.caption() != null);
        Category chosen = candidates.stream().filter(c -> !categories.containsKey(c)).findFirst().orElse(null);
        if (candidates.isEmpty()) {
            problems.add(Problem.of(opened.line, "import.error.table.category"));
        } else if (chosen == null) {
            problems.add(Problem.of(opened.line, "import.error.table.categoryTaken",
                    categoryName(candidates.get(0)), categories.get(candidates.get(0))));
        } else {
            opened.category = chosen;
            categories.put(chosen, opened.line);
            List<Column> columns = opened.columns.stream().map(c -> c == null ? Column.NAME : c).toList();
            entries.add(new Entry(opened.line, new CharterDocument.CookieTable(chosen, columns, opened.labels)));
        }
    }

    private void addRow(int line, List<String> cells) {
        Table t = table;
        if (cells.size() != t.columns.size()) {
            problems.add(Problem.of(line, "import.error.row.cells", cells.size(), t.columns.size()));
            return;
        }
        Map<Column, String> values = new EnumMap<>(Column.class);
        for (int k = 0; k < cells.size(); k++) {
            if (t.columns.get(k) != null) {
                values.putIfAbsent(t.columns.get(k), cells.get(k).strip());
            }
        }
        int before = problems.size();
        String provider = required(line, values, Column.PROVIDER, MAX_PROVIDER);
        String service = required(line, values, Column.SERVICE, MAX_SERVICE);
        String name = required(line, values, Column.NAME, MAX_NAME);
        String purpose = required(line, values, Column.PURPOSE, MAX_PURPOSE);
        if (format == Format.MARKDOWN && name != null && name.matches("`[^`]+`")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        if (name != null && !name.isEmpty() && !COOKIE_NAME.matcher(name).matches()) {
            problems.add(Problem.of(line, "import.error.name.invalid", name));
        } else if (name != null && names.containsKey(name)) {
            problems.add(Problem.of(line, "import.error.name.duplicate", name, names.get(name)));
        } else if (name != null) {
            names.put(name, line);
        }
        Long lifetime = values.containsKey(Column.LIFETIME) ? lifetime(line, values.get(Column.LIFETIME)) : null;
        String domain = values.containsKey(Column.PARTY) ? thirdPartyDomain(line, values.get(Column.PARTY), provider)
                : null;
        if (problems.size() > before || t.category == null) {
            return;
        }
        String justification = t.category == Category.NECESSARY ? justification(line, t.section) : null;
        declarations.add(new ImportedDeclaration(line, new DeclarationDraft(provider, name, t.category, domain, lifetime,
                List.of(), justification, Map.of(language, new DeclarationText(service, purpose)))));
    }

    private String required(int line, Map<Column, String> values, Column column, int max) {
        String value = values.get(column);
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            problems.add(Problem.of(line, "import.error.cell.empty", columnName(column)));
        } else if (value.length() > max) {
            problems.add(Problem.of(line, "import.error.cell.tooLong", columnName(column), max));
        }
        return value;
    }

    /** Why a necessary cookie needs no consent: the charter it comes from said so; names the import. */
    private String justification(int line, String section) {
        String file = source.length() > 120 ? "…" + source.substring(source.length() - 119) : source;
        String heading = section == null ? "" : section.length() > 150 ? section.substring(0, 149) + "…" : section;
        String text = "Declared necessary by the portal's own charter, imported from " + file + " (line " + line
                + (heading.isEmpty() ? "" : ", under \"" + heading + "\"") + ").";
        return text.length() > 500 ? text.substring(0, 499) + "…" : text;
    }

    /** Session, or a number of minutes, hours, days, weeks, months (30 days; 13 months are 395 days) or years. */
    private Long lifetime(int line, String value) {
        String v = fold(value).replaceAll("\\s+", " ").strip();
        if (v.isEmpty()) {
            problems.add(Problem.of(line, "import.error.cell.empty", columnName(Column.LIFETIME)));
            return null;
        }
        if (v.matches(".*\\b(session|sessie|sitzung|sessions?ende|browsersitzung)\\b.*")) {
            return null;
        }
        Matcher m = LIFETIME.matcher(v);
        Long unit = m.matches() ? unitSeconds(m.group(2)) : null;
        if (unit == null) {
            problems.add(Problem.of(line, "import.error.lifetime", value));
            return null;
        }
        long n = Long.parseLong(m.group(1));
        long seconds = unit == 30L * 86_400 && n == 13 ? 395L * 86_400 : n * unit;
        if (seconds < 1 || seconds > DeclarationDraft.MAX_LIFETIME_SECONDS) {
            problems.add(Problem.of(line, "import.error.lifetime.range", value));
            return null;
        }
        return seconds;
    }

    private static Long unitSeconds(String unit) {
        long day = 86_400;
        return switch (unit) {
            case "s", "sec", "second", "seconds", "seconde", "secondes", "seconden", "sekunde", "sekunden" -> 1L;
            case "min", "mn", "minute", "minutes", "minuut", "minuten" -> 60L;
            case "h", "hr", "hrs", "hour", "hours", "heure", "heures", "uur", "uren", "std", "stunde", "stunden" -> 3600L;
            case "d", "j", "day", "days", "jour", "jours", "dag", "dagen", "tag", "tage", "tagen" -> day;
            case "w", "week", "weeks", "semaine", "semaines", "weken", "woche", "wochen" -> 7 * day;
            case "mois", "month", "months", "maand", "maanden", "monat", "monate", "monaten" -> 30 * day;
            case "an", "ans", "annee", "annees", "y", "yr", "yrs", "year", "years", "jaar", "jaren", "jahr", "jahre",
                    "jahren" -> 365 * day;
            default -> null;
        };
    }

    /** Null for a first-party cookie; the domain named in the cell for a third-party one. */
    private String thirdPartyDomain(int line, String value, String provider) {
        String v = fold(value);
        Matcher domain = DOMAIN.matcher(value);
        boolean hasDomain = domain.find();
        boolean third = v.matches(".*\\b(tiers|tierce|third|3rd|derde|derden|dritt\\w*|extern\\w*|externe?)\\b.*");
        boolean first = v.matches(".*\\b(interne?|internal|first|1st|eigen|erst\\w*|propre|premiere)\\b.*");
        if (third || (!first && hasDomain)) {
            if (!hasDomain) {
                problems.add(Problem.of(line, "import.error.party.domain", value));
                return null;
            }
            return domain.group().toLowerCase(Locale.ROOT).replaceAll("^\\.", "");
        }
        if (first) {
            return null;
        }
        problems.add(Problem.of(line, "import.error.party", value));
        return null;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Columns and categories

    /** Header labels mapped to columns, by index; labels that name no known column are absent. */
    static Map<Integer, Column> headerColumns(List<String> labels) {
        Map<Integer, Column> result = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            Optional<Column> column = column(labels.get(k));
            if (column.isPresent()) {
                result.put(k, column.get());
            }
        }
        return result;
    }

    private static final List<Map.Entry<Column, Pattern>> COLUMN_WORDS = List.of(
            Map.entry(Column.PARTY, words("tiers", "tierce", "party", "parties", "first", "third", "eigen", "derde",
                    "derden", "erst", "dritt", "drittanbieter", "origine", "origin", "herkunft", "herkomst", "interne")),
            Map.entry(Column.LIFETIME, words("duree", "lifetime", "expiration", "expiry", "expires", "retention",
                    "conservation", "bewaartermijn", "bewaarperiode", "looptijd", "duur", "vervaltijd", "vervaldatum",
                    "geldigheid", "speicherdauer", "laufzeit", "ablauf", "gultigkeit", "duration", "validite", "validity")),
            Map.entry(Column.PROVIDER, words("prestataire", "prestataires", "fournisseur", "provider", "providers",
                    "vendor", "editeur", "emetteur", "aanbieder", "leverancier", "verstrekker", "anbieter", "societe",
                    "company", "supplier", "dienstverlener", "organisation", "organization")),
            Map.entry(Column.PURPOSE, words("finalite", "finalites", "purpose", "purposes", "objectif", "objectifs",
                    "but", "doel", "doelen", "doeleinde", "doeleinden", "zweck", "zwecke", "usage", "utilite",
                    "description", "beschrijving", "beschreibung", "fonction", "function", "functie", "role")),
            Map.entry(Column.SERVICE, words("service", "services", "emplacement", "emplacements", "location",
                    "locatie", "plaats", "dienst", "diensten", "ort", "standort", "localisation", "page", "pages",
                    "fonctionnalite", "feature", "functionaliteit", "funktion")),
            Map.entry(Column.NAME, words("nom", "noms", "name", "names", "naam", "namen", "cookie", "cookies",
                    "traceur", "traceurs", "tracker")));

    static Optional<Column> column(String label) {
        String folded = fold(label);
        for (Map.Entry<Column, Pattern> entry : COLUMN_WORDS) {
            if (entry.getValue().matcher(folded).find()) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    private static final Pattern FUNCTIONAL = words("fonctionnel", "fonctionnels", "fonctionnelle", "fonctionnelles",
            "functional", "functionele", "functioneel", "funktional", "funktionale", "funktionalen", "funktionell");
    private static final List<Map.Entry<Category, Pattern>> CATEGORY_WORDS = List.of(
            Map.entry(Category.NECESSARY, prefixes("necessa", "indispensab", "essenti", "strict", "noodzak",
                    "notwendig", "nodig", "erforderlich", "techni", "unerlassl", "unbedingt", "fonctionnement", "werking",
                    "required", "requis", "obligatoire")),
            Map.entry(Category.PREFERENCES, prefixes("preferen", "voorkeur", "praferenz", "personnalis", "personalis",
                    "personaliz", "confort", "comfort", "komfort")),
            Map.entry(Category.STATISTICS, prefixes("statisti", "audience", "analyti", "analys", "mesure", "measur",
                    "meting", "performance", "prestatie", "bezoek", "reichweite", "frequentation")),
            Map.entry(Category.MARKETING, prefixes("marketing", "publicit", "advertis", "reclame", "werbung",
                    "ciblage", "target", "tiers", "tierce", "third", "derde", "dritt", "social", "sociaux", "reseaux",
                    "tracking")));

    /** The categories a heading names, first named first; "functional" reads as necessary, else preferences. */
    static List<Category> categoriesIn(String text) {
        String folded = fold(text);
        Map<Category, Integer> positions = new EnumMap<>(Category.class);
        for (Map.Entry<Category, Pattern> entry : CATEGORY_WORDS) {
            Matcher m = entry.getValue().matcher(folded);
            if (m.find()) {
                positions.put(entry.getKey(), m.start());
            }
        }
        Matcher functional = FUNCTIONAL.matcher(folded);
        if (functional.find()) {
            positions.merge(Category.NECESSARY, functional.start(), Math::min);
            positions.merge(Category.PREFERENCES, functional.start() + 1, Math::min);
        }
        return positions.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }

    private static Pattern words(String... words) {
        return Pattern.compile("\\b(" + String.join("|", words) + ")\\b");
    }

    private static Pattern prefixes(String... prefixes) {
        return Pattern.compile("\\b(" + String.join("|", prefixes) + ")");
    }

    /** Lower case, accents removed, punctuation as spaces: how labels and headings are matched. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replace('ß', 's').replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static MessageSourceResolvable columnName(Column column) {
        return new DefaultMessageSourceResolvable("import.column." + column.code());
    }

    private static MessageSourceResolvable categoryName(Category category) {
        return new DefaultMessageSourceResolvable("import.category." + category.code());
    }

    // ------------------------------------------------------------------------------------------------------------

    private ImportedCharter finish() throws ImportException {
        if (entries.stream().noneMatch(e -> e.block() instanceof CharterDocument.CookieTable)
                && problems.stream().noneMatch(p -> p.code().startsWith("import.error.table.")
                        || p.code().startsWith("import.error.header."))) {
            problems.add(Problem.of(lastLine, entries.isEmpty() ? "import.error.empty" : "import.error.noTable"));
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        List<CharterDocument.Block> blocks = entries.stream().map(Entry::block).toList();
        String url = null;
        for (CharterDocument.Block block : blocks) {
            if (block instanceof CharterDocument.Link l) {
                url = l.url();
            } else if (block instanceof CharterDocument.Heading h && h.url() != null) {
                url = h.url();
            }
            if (url != null) {
                break;
            }
        }
        if (url == null) {
            // A bare URL, kept as written so that the text reads the same, still names the portal.
            url = blocks.stream().map(b -> b instanceof CharterDocument.Paragraph p ? p.text()
                            : b instanceof CharterDocument.Heading h ? h.text() : "")
                    .map(URL::matcher).filter(Matcher::find).map(Matcher::group).findFirst().orElse(null);
        }
        String title = blocks.stream().filter(b -> b instanceof CharterDocument.Heading)
                .map(b -> ((CharterDocument.Heading) b).text()).findFirst().orElse(null);
        return new ImportedCharter(format, language, url, title, new CharterDocument(blocks), declarations);
    }

    private static boolean isRule(String line) {
        return RULE.matcher(line).matches();
    }

    static List<String> splitPipes(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (c == '\\' && k + 1 < line.length() && line.charAt(k + 1) == '|') {
                cell.append('|');
                k++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        if (line.startsWith("|")) {
            cells.remove(0);
        }
        if (line.endsWith("|") && !line.endsWith("\\|") && !cells.isEmpty()) {
            cells.remove(cells.size() - 1);
        }
        return cells;
    }

    /** Markdown backslash escapes read as the characters they stand for. */
    static String unescape(String text) {
        return MARKDOWN_ESCAPE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    /** A block with the line it starts on; or an HTML table's caption, which names its category but is no block. */
    private record Entry(int line, CharterDocument.Block block, String caption) {
        Entry(int line, CharterDocument.Block block) {
            this(line, block, null);
        }
    }
}
