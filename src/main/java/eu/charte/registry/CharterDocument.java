package eu.charte.registry;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A portal's own charter text in one language, as ordered blocks: headings, paragraphs, a link on its own line, and
 * cookie tables (one per category, whose rows come from the declarations). Imported charters are stored this way;
 * without one, Charte's own text in that language is used.
 */
public record CharterDocument(List<Block> blocks) {

    public CharterDocument {
        blocks = List.copyOf(blocks);
    }

    /** One block of a charter. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Heading.class, name = "heading"),
            @JsonSubTypes.Type(value = Paragraph.class, name = "paragraph"),
            @JsonSubTypes.Type(value = Link.class, name = "link"),
            @JsonSubTypes.Type(value = CookieTable.class, name = "table")})
    public sealed interface Block permits Heading, Paragraph, Link, CookieTable {
    }

    /** A heading of level 1 (title) to 6; {@code url} is a link written on the heading's own line, or null. */
    public record Heading(int level, String text, String url) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    /** A URL on its own line. */
    public record Link(String url) implements Block {
    }

    /** The table of one category's cookies, with its columns in order and their header labels. */
    public record CookieTable(Category category, List<Column> columns, List<String> labels) implements Block {
        public CookieTable {
            columns = List.copyOf(columns);
            labels = List.copyOf(labels);
        }
    }

    /** What a cookie table's column shows. */
    public enum Column {
        PROVIDER, SERVICE, NAME, PURPOSE, LIFETIME, PARTY;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Column of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
