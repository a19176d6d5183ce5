package eu.charte.charter;

import eu.charte.portal.Language;
import eu.charte.registry.Category;
import eu.charte.registry.Declaration;
import java.time.Instant;
import java.util.List;

/**
 * A charter ready for any format: the document's blocks with cookie tables filled from a published revision, and
 * the notice Charte always adds (controller, how to change consent, revision).
 *
 * @param ownText whether the blocks are the portal's own text for this language rather than Charte's
 */
public record RenderedCharter(
        String portalSlug,
        String portalName,
        String baseUrl,
        Language language,
        int revision,
        Instant publishedAt,
        String revisionHash,
        boolean ownText,
        List<Block> blocks,
        List<Block> notice,
        List<Declaration> declarations) {

    public RenderedCharter {
        blocks = List.copyOf(blocks);
        notice = List.copyOf(notice);
        declarations = List.copyOf(declarations);
    }

    /** The title: the first heading. */
    public String title() {
        return blocks.stream().filter(b -> b instanceof Heading).map(b -> ((Heading) b).text()).findFirst().orElse("");
    }

    /** A block of a rendered charter. */
    public sealed interface Block permits Heading, Paragraph, Link, Table {
        /** For templates: "heading", "paragraph", "link" or "table". */
        String kind();
    }

    public record Heading(int level, String text, String url) implements Block {
        @Override
        public String kind() {
            return "heading";
        }
    }

    public record Paragraph(String text) implements Block {
        @Override
        public String kind() {
            return "paragraph";
        }
    }

    public record Link(String url) implements Block {
        @Override
        public String kind() {
            return "link";
        }
    }

    /** One category's cookies: header labels, then one row of cell texts per declaration. */
    public record Table(Category category, List<String> labels, List<List<String>> rows) implements Block {
        public Table {
            labels = List.copyOf(labels);
            rows = rows.stream().map(List::copyOf).toList();
        }

        @Override
        public String kind() {
            return "table";
        }
    }
}
