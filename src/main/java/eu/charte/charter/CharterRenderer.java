package eu.charte.charter;

import eu.charte.portal.Jurisdiction;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.registry.Category;
import eu.charte.registry.CharterDocument;
import eu.charte.registry.Declaration;
import eu.charte.registry.DeclarationText;
import eu.charte.registry.RegistryService;
import eu.charte.registry.Revision;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Builds a charter from a published revision: the portal's own text for the language if it has one, else Charte's
 * text written for the portal's jurisdiction; tables filled from the revision's declarations (a category with
 * declarations but no table in the text gets one, so no declared cookie is ever left out); then the notice.
 */
@Component
class CharterRenderer {

    static final List<CharterDocument.Column> ALL_COLUMNS = List.of(CharterDocument.Column.values());

    private final RegistryService registry;
    private final MessageSource messages;

    CharterRenderer(RegistryService registry, MessageSource messages) {
        this.registry = registry;
        this.messages = messages;
    }

    RenderedCharter render(Portal portal, Revision revision, Language language) {
        List<Declaration> declarations = registry.declarations(revision);
        CharterDocument own = revision.content().documents().get(language);
        CharterDocument document = own != null ? own : defaultDocument(portal, language, declarations);
        return new RenderedCharter(portal.slug(), portal.name(), portal.baseUrl().toString(), language,
                revision.number(), revision.publishedAt(), revision.hash(), own != null,
                blocks(document, declarations, language, portal.defaultLanguage()),
                notice(portal, revision, language), declarations);
    }

    /**
     * The document's blocks with its tables filled from the declarations; a category with declarations but no table
     * in the document gets one after the rest.
     *
     * @param fallback the language of texts missing in {@code language} (the portal's default)
     */
    List<RenderedCharter.Block> blocks(CharterDocument document, List<Declaration> declarations, Language language,
            Language fallback) {
        List<RenderedCharter.Block> blocks = new ArrayList<>();
        Set<Category> tabled = EnumSet.noneOf(Category.class);
        for (CharterDocument.Block block : document.blocks()) {
            if (block instanceof CharterDocument.Heading h) {
                blocks.add(new RenderedCharter.Heading(h.level(), h.text(), h.url()));
            } else if (block instanceof CharterDocument.Paragraph p) {
                blocks.add(new RenderedCharter.Paragraph(p.text()));
            } else if (block instanceof CharterDocument.Link l) {
                blocks.add(new RenderedCharter.Link(l.url()));
            } else if (block instanceof CharterDocument.CookieTable t) {
                tabled.add(t.category());
                blocks.add(table(t, declarations, language, fallback));
            }
        }
        for (Category category : Category.values()) {
            if (!tabled.contains(category) && declarations.stream().anyMatch(d -> d.category() == category)) {
                blocks.add(new RenderedCharter.Heading(3, text("charter.category." + category.code(), language), null));
                blocks.add(table(defaultTable(category, language), declarations, language, fallback));
            }
        }
        return blocks;
    }

    /** Charte's own text, for the portal's jurisdiction. */
    CharterDocument defaultDocument(Portal portal, Language language, List<Declaration> declarations) {
        List<CharterDocument.Block> blocks = new ArrayList<>();
        blocks.add(new CharterDocument.Heading(1, text("charter.title", language), null));
        blocks.add(new CharterDocument.Paragraph(text("charter.intro", language)));
        blocks.add(new CharterDocument.Heading(2, text("charter.whatIs.title", language), null));
        blocks.add(new CharterDocument.Paragraph(text("charter.whatIs.text", language)));
        blocks.add(new CharterDocument.Heading(2, text("charter.kinds.title", language), null));
        blocks.add(new CharterDocument.Paragraph(text("charter.kinds.necessary", language)));
        String statistics = portal.jurisdiction() == Jurisdiction.FR ? "fr" : "consent";
        blocks.add(new CharterDocument.Paragraph(text("charter.kinds.statistics." + statistics, language)));
        blocks.add(new CharterDocument.Paragraph(text("charter.kinds.firstParty", language)));
        blocks.add(new CharterDocument.Paragraph(text("charter.kinds.thirdParty", language)));
        blocks.add(new CharterDocument.Heading(2, text("charter.platform.title", language), portal.baseUrl().toString()));
        for (Category category : Category.values()) {
            if (declarations.stream().anyMatch(d -> d.category() == category)) {
                blocks.add(new CharterDocument.Heading(3, text("charter.category." + category.code(), language), null));
                blocks.add(new CharterDocument.Paragraph(text("charter.category." + category.code() + ".consent",
                        language)));
                blocks.add(defaultTable(category, language));
                List<String> exempt = declarations.stream().filter(d -> d.category() == category)
                        .filter(Declaration::exemptAudienceMeasurement).map(Declaration::name).toList();
                if (!exempt.isEmpty()) {
                    // Checklist rule 23: the charter names the exempt tracker and the way to oppose it.
                    blocks.add(new CharterDocument.Paragraph(messages.getMessage("banner.charter.exempt",
                            new Object[] {String.join(", ", exempt)}, language.locale())));
                }
            }
        }
        return new CharterDocument(blocks);
    }

    private CharterDocument.CookieTable defaultTable(Category category, Language language) {
        return new CharterDocument.CookieTable(category, ALL_COLUMNS,
                ALL_COLUMNS.stream().map(c -> text("charter.column." + c.code(), language)).toList());
    }

    private RenderedCharter.Table table(CharterDocument.CookieTable table, List<Declaration> declarations,
            Language language, Language fallback) {
        List<List<String>> rows = declarations.stream().filter(d -> d.category() == table.category())
                .map(d -> table.columns().stream().map(c -> cell(c, d, language, fallback)).toList()).toList();
        return new RenderedCharter.Table(table.category(), table.labels(), rows);
    }

    private String cell(CharterDocument.Column column, Declaration d, Language language, Language fallback) {
        DeclarationText texts = d.text(language, fallback);
        return switch (column) {
            case PROVIDER -> d.provider();
            case SERVICE -> texts.service();
            case NAME -> d.name();
            case PURPOSE -> texts.purpose();
            case LIFETIME -> lifetime(d.lifetimeSeconds(), language);
            case PARTY -> d.firstParty() ? text("charter.party.first", language)
                    : text("charter.party.third", language, d.thirdPartyDomain());
        };
    }

    String lifetime(Long seconds, Language language) {
        if (seconds == null) {
            return text("charter.lifetime.session", language);
        }
        long days = seconds / 86_400;
        if (seconds % 86_400 != 0 || days == 0) {
            return seconds % 3600 == 0 ? text("charter.lifetime.hours", language, seconds / 3600)
                    : text("charter.lifetime.minutes", language, Math.max(1, seconds / 60));
        }
        if (days % 365 == 0) {
            return text("charter.lifetime.years", language, days / 365);
        }
        if (days % 30 == 0 || days == 395) {
            return text("charter.lifetime.months", language, days == 395 ? 13 : days / 30);
        }
        return text("charter.lifetime.days", language, days);
    }

    private List<RenderedCharter.Block> notice(Portal portal, Revision revision, Language language) {
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(revision.publishedAt());
        return List.of(
                new RenderedCharter.Heading(2, text("charter.controller.title", language), null),
                new RenderedCharter.Paragraph(text("charter.controller.text", language,
                        portal.controller().organisation(), portal.controller().contact())),
                new RenderedCharter.Heading(2, text("charter.consent.title", language), null),
                new RenderedCharter.Paragraph(text("charter.consent.text", language)),
                new RenderedCharter.Paragraph(text("charter.revision", language, revision.number(), date)));
    }

    private String text(String key, Language language, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, language.locale());
    }
}
