package eu.charte.charter;

import eu.charte.registry.Declaration;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a charter as plain text, Markdown or JSON. Texts are data, never markup: Markdown escapes what a renderer
 * would read as HTML or formatting, so a {@code <script>} in any text stays text.
 */
@Component
class CharterWriters {

    private final JsonMapper json;

    CharterWriters(JsonMapper json) {
        this.json = json;
    }

    /** One line per heading, paragraph and link; a table is its labels, then one line per row, tab-separated. */
    String text(List<RenderedCharter.Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (RenderedCharter.Block block : blocks) {
            if (block instanceof RenderedCharter.Heading h) {
                out.append(oneLine(h.text())).append(h.url() == null ? "" : " <" + h.url() + ">").append("\n\n");
            } else if (block instanceof RenderedCharter.Paragraph p) {
                out.append(p.text().strip()).append("\n\n");
            } else if (block instanceof RenderedCharter.Link l) {
                out.append('<').append(l.url()).append(">\n\n");
            } else if (block instanceof RenderedCharter.Table t) {
                out.append(t.labels().stream().map(CharterWriters::cell).collect(Collectors.joining("\t"))).append('\n');
                for (List<String> row : t.rows()) {
                    out.append(row.stream().map(CharterWriters::cell).collect(Collectors.joining("\t"))).append('\n');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    String markdown(List<RenderedCharter.Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (RenderedCharter.Block block : blocks) {
            if (block instanceof RenderedCharter.Heading h) {
                out.append("#".repeat(Math.max(1, Math.min(6, h.level())))).append(' ').append(escape(oneLine(h.text())))
                        .append(h.url() == null ? "" : " <" + h.url() + ">").append("\n\n");
            } else if (block instanceof RenderedCharter.Paragraph p) {
                out.append(escape(p.text().strip())).append("\n\n");
            } else if (block instanceof RenderedCharter.Link l) {
                out.append('<').append(l.url()).append(">\n\n");
            } else if (block instanceof RenderedCharter.Table t) {
                out.append(row(t.labels())).append('\n');
                out.append(t.labels().stream().map(l -> "---").collect(Collectors.joining(" | ", "| ", " |"))).append('\n');
                for (List<String> r : t.rows()) {
                    out.append(row(r)).append('\n');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    String json(RenderedCharter charter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("portal", charter.portalSlug());
        body.put("name", charter.portalName());
        body.put("baseUrl", charter.baseUrl());
        body.put("language", charter.language());
        body.put("revision", charter.revision());
        body.put("publishedAt", charter.publishedAt());
        body.put("revisionHash", charter.revisionHash());
        body.put("ownText", charter.ownText());
        body.put("title", charter.title());
        body.put("blocks", charter.blocks());
        body.put("notice", charter.notice());
        body.put("declarations", declarations(charter.declarations()));
        return json.writeValueAsString(body);
    }

    /** Each declaration with every field, those without a value as null (a session cookie, a first-party one). */
    private List<JsonNode> declarations(List<Declaration> declarations) {
        return declarations.stream().map(d -> {
            ObjectNode node = json.valueToTree(d);
            for (RecordComponent component : Declaration.class.getRecordComponents()) {
                if (!node.has(component.getName())) {
                    node.putNull(component.getName());
                }
            }
            return (JsonNode) node;
        }).toList();
    }

    private static String row(List<String> cells) {
        return cells.stream().map(c -> escape(cell(c)).replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |"));
    }

    private static String cell(String value) {
        return oneLine(value).replace('\t', ' ');
    }

    private static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** Markdown-escapes characters that would start markup; HTML never passes through. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
