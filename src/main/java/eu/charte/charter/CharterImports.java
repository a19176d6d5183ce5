package eu.charte.charter;

import eu.charte.charter.CharterImporter.ImportException;
import eu.charte.charter.CharterImporter.ImportedCharter;
import eu.charte.charter.CharterImporter.ImportedDeclaration;
import eu.charte.charter.CharterImporter.Problem;
import eu.charte.portal.Jurisdiction;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalConflictException;
import eu.charte.portal.PortalDraft;
import eu.charte.portal.PortalService;
import eu.charte.registry.Declaration;
import eu.charte.registry.DeclarationDraft;
import eu.charte.registry.DeclarationText;
import eu.charte.registry.RegistryProblem;
import eu.charte.registry.RegistryService;
import eu.charte.registry.Revision;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a charter into a portal, for the {@code import-charter} command and the back-office upload: reads it
 * ({@link CharterImporter}), checks every declaration, then replaces the portal's declarations and its text in the
 * charter's language and publishes a revision, in one transaction. On any problem nothing changes (not even the
 * portal, when the import was to create it) and {@link ImportException} names each line at fault.
 */
@Component
class CharterImports {

    /** What an operator must replace: a portal created from a charter has no known controller. */
    static final String PLACEHOLDER_CONTROLLER = "(to be completed: controller of this portal)";

    private static final Pattern DECLARATION_FIELD = Pattern.compile("declarations\\[(\\d+)]\\.?(.*)");
    private static final Set<String> GENERIC_TITLE_WORDS = Set.of("charte", "cookies", "cookie", "politique", "policy",
            "de", "des", "du", "d", "en", "matiere", "la", "le", "les", "l", "sur", "relative", "aux", "the", "our",
            "notice", "statement", "beleid", "cookiebeleid", "verklaring", "cookieverklaring", "richtlinie", "zur",
            "verwendung", "von", "van", "het", "gestion", "utilisation", "use", "of", "on", "and", "et", "privacy",
            "vie", "privee", "information", "informations", "hinweise", "zu", "charter");

    private final PortalService portals;
    private final RegistryService registry;
    private final CharterService charters;
    private final Validator validator;
    private final TransactionTemplate transactions;

    CharterImports(PortalService portals, RegistryService registry, CharterService charters, Validator validator,
            PlatformTransactionManager transactionManager) {
        this.portals = portals;
        this.registry = registry;
        this.charters = charters;
        this.validator = validator;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * What an import did.
     *
     * @param created whether the portal was created from the charter
     * @param hostTaken the charter's host name, when another portal has it (the created portal then has none)
     * @param differences where Charte's text rendering of the new revision differs from the document (empty when
     *     it gives back the same lines, and for HTML documents, which have no lines to compare)
     */
    record Outcome(Portal portal, Revision revision, ImportedCharter charter, boolean created, String hostTaken,
            List<Problem> differences) {
    }

    /** How to create the portal a charter is imported into; null fields are taken from the charter. */
    record NewPortal(String slug, String name, Jurisdiction jurisdiction) {
    }

    /**
     * Imports into an existing portal.
     *
     * @param language the charter's language, or null to tell it from the text (else the portal's default)
     * @param by who publishes the revision
     */
    Outcome importInto(Portal portal, String fileName, byte[] content, Language language, String by)
            throws ImportException {
        String text = CharterImporter.decode(content);
        CharterImporter.Format format = CharterImporter.Format.detect(fileName, text);
        Language effective = language != null ? language
                : CharterImporter.guessLanguage(text).filter(portal::offers).orElse(portal.defaultLanguage());
        if (!portal.offers(effective)) {
            throw new ImportException(Problem.of(1, "import.error.language", effective.code()));
        }
        ImportedCharter charter = CharterImporter.read(fileName, text, format, effective);
        List<DeclarationDraft> drafts = withExistingTexts(portal, charter);
        check(charter, drafts);
        Revision revision = inTransaction(charter, () -> registry.replace(portal, drafts, effective,
                charter.document(), by));
        return new Outcome(portal, revision, charter, false, null, differences(portal, revision, charter, text));
    }

    /** Creates the portal from the charter (its URL, title and language), then imports into it: all or nothing. */
    Outcome importCreating(NewPortal spec, String fileName, byte[] content, Language language, String by)
            throws ImportException {
        String text = CharterImporter.decode(content);
        CharterImporter.Format format = CharterImporter.Format.detect(fileName, text);
        Language effective = language != null ? language : CharterImporter.guessLanguage(text).orElse(Language.FR);
        ImportedCharter charter = CharterImporter.read(fileName, text, format, effective);
        if (charter.url() == null) {
            throw new ImportException(Problem.of(1, "import.error.noUrl"));
        }
        List<DeclarationDraft> drafts = charter.declarations().stream().map(ImportedDeclaration::draft).toList();
        check(charter, drafts);
        Jurisdiction jurisdiction = spec.jurisdiction() != null ? spec.jurisdiction() : Jurisdiction.BE;
        checkBeforeCreating(charter, jurisdiction);
        URI url = URI.create(charter.url());
        String baseUrl = url.getScheme() + "://" + url.getRawAuthority()
                + (url.getRawPath() == null || url.getRawPath().equals("/") ? "" : url.getRawPath().replaceAll("/$", ""));
        String host = url.getHost() == null ? null : url.getHost().toLowerCase(Locale.ROOT);
        boolean hostTaken = host != null && portals.findByHost(host).isPresent();
        PortalDraft draft = new PortalDraft(spec.slug(),
                spec.name() != null ? spec.name() : portalName(charter.title(), spec.slug()), baseUrl,
                host == null || hostTaken ? List.of() : List.of(host), List.of(effective),
                jurisdiction, new PortalDraft.Controller(PLACEHOLDER_CONTROLLER, PLACEHOLDER_CONTROLLER));
        List<Problem> invalid = new ArrayList<>();
        for (ConstraintViolation<PortalDraft> v : validator.validate(draft)) {
            invalid.add(Problem.of(1, "import.error.field", "portal." + v.getPropertyPath(), v.getMessage()));
        }
        if (!invalid.isEmpty()) {
            throw new ImportException(invalid);
        }
        Portal[] created = new Portal[1];
        Revision revision = inTransaction(charter, () -> {
            try {
                created[0] = portals.create(draft);
            } catch (PortalConflictException e) {
                throw new Rollback(List.of(Problem.of(1, "import.error.field", "portal." + e.field(),
                        e.getBody().getDetail())));
            }
            return registry.replace(created[0], drafts, effective, charter.document(), by);
        });
        Portal portal = created[0];
        return new Outcome(portal, revision, charter, true, hostTaken ? host : null,
                differences(portal, revision, charter, text));
    }

    /**
     * The imported declarations, keeping what the registry has in other languages for a cookie of the same name,
     * since an import replaces one language's text only.
     */
    private List<DeclarationDraft> withExistingTexts(Portal portal, ImportedCharter charter) throws ImportException {
        Map<String, Declaration> existing = new HashMap<>();
        for (Declaration d : registry.declarations(portal)) {
            existing.putIfAbsent(d.name(), d);
        }
        Language language = charter.language();
        Language fallback = portal.defaultLanguage();
        List<DeclarationDraft> drafts = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (ImportedDeclaration imported : charter.declarations()) {
            DeclarationDraft d = imported.draft();
            Map<Language, DeclarationText> texts = new EnumMap<>(Language.class);
            Declaration before = existing.get(d.name());
            if (before != null && before.platformKind() == null) {
                before.texts().forEach((l, t) -> {
                    if (portal.offers(l)) {
                        texts.put(l, t);
                    }
                });
            } else if (before != null && before.texts().containsKey(fallback)) {
                // The platform's own cookies: their default-language text is needed to accept another language's.
                texts.put(fallback, before.texts().get(fallback));
            }
            texts.putAll(d.texts());
            if (!texts.containsKey(fallback)) {
                problems.add(Problem.of(imported.line(), "import.error.defaultText", d.name(), fallback.code()));
            }
            drafts.add(new DeclarationDraft(d.provider(), d.name(), d.category(), d.thirdPartyDomain(),
                    d.lifetimeSeconds(), d.hosts(), d.justification(), texts));
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        return drafts;
    }

    /** The field rules of every declaration, each problem at its row's line. */
    private void check(ImportedCharter charter, List<DeclarationDraft> drafts) throws ImportException {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            int line = charter.declarations().get(i).line();
            for (ConstraintViolation<DeclarationDraft> v : validator.validate(drafts.get(i))) {
                problems.add(Problem.of(line, "import.error.field", v.getPropertyPath().toString(), v.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
    }

    /**
     * The registry's rule that depends on a new portal's settings, checked before creating it: the registry checks it
     * again, but a refusal after the portal was created would leave it in this node's portal cache for a moment.
     */
    private static void checkBeforeCreating(ImportedCharter charter, Jurisdiction jurisdiction) throws ImportException {
        List<Problem> problems = new ArrayList<>();
        for (ImportedDeclaration d : charter.declarations()) {
            Long lifetime = d.draft().lifetimeSeconds();
            if (jurisdiction == Jurisdiction.FR && d.draft().category().needsConsent() && lifetime != null
                    && lifetime > DeclarationDraft.FR_MAX_CONSENT_LIFETIME_SECONDS) {
                problems.add(Problem.of(d.line(), "import.error.field", "lifetimeSeconds",
                        new DefaultMessageSourceResolvable("registry.lifetime.fr")));
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
    }

    /** Runs the change in one transaction; the registry's refusals become problems at the rows' lines. */
    private Revision inTransaction(ImportedCharter charter, java.util.function.Supplier<Revision> change)
            throws ImportException {
        try {
            return transactions.execute(status -> {
                try {
                    return change.get();
                } catch (RegistryProblem e) {
                    throw new Rollback(problems(charter, e));
                }
            });
        } catch (Rollback e) {
            throw new ImportException(e.problems);
        }
    }

    private static List<Problem> problems(ImportedCharter charter, RegistryProblem e) {
        List<Problem> problems = new ArrayList<>();
        e.errors().forEach((field, message) -> {
            Matcher m = DECLARATION_FIELD.matcher(field);
            int index = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            int line = index >= 0 && index < charter.declarations().size() ? charter.declarations().get(index).line() : 1;
            problems.add(Problem.of(line, "import.error.field", m.matches() ? m.group(2) : field, message));
        });
        return problems;
    }

    /**
     * Where the text rendering of the published revision differs from the document, compared as the round trip
     * promises: the same non-empty lines in the same order (see {@link CharterImporter#comparableLines}).
     */
    private List<Problem> differences(Portal portal, Revision revision, ImportedCharter charter, String text) {
        if (charter.format() == CharterImporter.Format.HTML) {
            return List.of();
        }
        Optional<RenderedCharter> rendered = charters.revision(portal, revision.number(), charter.language());
        if (rendered.isEmpty()) {
            return List.of();
        }
        boolean markdown = charter.format() == CharterImporter.Format.MARKDOWN;
        List<CharterImporter.NumberedLine> input = CharterImporter.numberedLines(text, markdown);
        List<String> output = CharterImporter.comparableLines(
                charters.write(portal, rendered.get(), CharterFormat.TEXT, true), false);
        return diff(input, output);
    }

    /** The lines only one side has (longest common subsequence), a removal next to an addition as one change. */
    static List<Problem> diff(List<CharterImporter.NumberedLine> input, List<String> output) {
        int n = input.size();
        int m = output.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = input.get(i).text().equals(output.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Problem> problems = new ArrayList<>();
        int i = 0;
        int j = 0;
        int lastLine = n == 0 ? 1 : input.get(n - 1).line();
        while (i < n || j < m) {
            if (i < n && j < m && input.get(i).text().equals(output.get(j))) {
                i++;
                j++;
            } else if (i < n && j < m && lcs[i + 1][j + 1] == lcs[i][j]) {
                problems.add(Problem.of(input.get(i).line(), "import.warning.differs", output.get(j), input.get(i).text()));
                i++;
                j++;
            } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                problems.add(Problem.of(i < n ? input.get(i).line() : lastLine, "import.warning.extra", output.get(j)));
                j++;
            } else {
                problems.add(Problem.of(input.get(i).line(), "import.warning.missing", input.get(i).text()));
                i++;
            }
        }
        return problems;
    }

    /** The charter's title when it names the portal; a generic one ("Charte cookies") gives the slug. */
    static String portalName(String title, String slug) {
        if (title == null || title.isBlank()) {
            return slug;
        }
        String folded = CharterImporter.fold(title);
        boolean generic = folded.isEmpty()
                || java.util.Arrays.stream(folded.split(" ")).allMatch(GENERIC_TITLE_WORDS::contains);
        return generic ? slug : title.length() > 200 ? title.substring(0, 200).strip() : title;
    }

    /** Carries problems out of the transaction, rolling it back. */
    private static final class Rollback extends RuntimeException {
        private final transient List<Problem> problems;

        Rollback(List<Problem> problems) {
            super(null, null, false, false);
            this.problems = problems;
        }
    }
}
