package eu.charte.registry;

import eu.charte.platform.PlatformCookie;
import eu.charte.platform.PlatformCookies;
import eu.charte.portal.Jurisdiction;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.portal.PortalCreated;
import eu.charte.portal.PortalScope;
import eu.charte.portal.PortalService;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry module's facade: a portal's cookie declarations (the draft), its own charter texts, and its
 * published revisions. Every method is scoped to the portal passed first. Validation failures throw
 * {@link RegistryProblem} naming each field.
 */
@Service
@Order(15)
public class RegistryService implements ApplicationRunner {

    /** Who publishes the revisions Charte makes itself (a new portal's first revision). */
    public static final String SYSTEM = "charte";

    private final RegistryRepository repository;
    private final PlatformCookies platformCookies;
    private final MessageSource messages;
    private final Validator validator;
    private final ApplicationEventPublisher events;
    private final PortalService portals;
    private final Clock clock = Clock.systemUTC();

    RegistryService(RegistryRepository repository, PlatformCookies platformCookies, MessageSource messages,
            Validator validator, ApplicationEventPublisher events, PortalService portals) {
        this.repository = repository;
        this.platformCookies = platformCookies;
        this.messages = messages;
        this.validator = validator;
        this.events = events;
        this.portals = portals;
    }

    /** Every new portal starts with the platform's four necessary cookies, published as revision 1. */
    @EventListener
    void onPortalCreated(PortalCreated created) {
        Portal portal = portals.findBySlug(created.slug()).orElseThrow();
        start(portal);
    }

    /** Portals that have no revision yet (created before the registry existed) get their first one at start-up. */
    @Override
    public void run(ApplicationArguments args) {
        for (Portal portal : portals.list(PortalScope.everything())) {
            if (repository.latestNumber(portal.id()).isEmpty()) {
                start(portal);
            }
        }
    }

    private void start(Portal portal) {
        Instant now = clock.instant();
        if (repository.declarations(portal.id()).stream().noneMatch(d -> d.platformKind() != null)) {
            for (PlatformCookie cookie : platformCookies.all()) {
                repository.insert(portal.id(), cookie.kind(), platformDraft(cookie, Map.of()), now);
            }
        }
        publishNow(portal, SYSTEM, now);
    }

    /** The draft: the declarations as they are now, the platform's own resolved from its cookie data. */
    public List<Declaration> declarations(Portal portal) {
        return repository.declarations(portal.id()).stream().map(this::resolve).toList();
    }

    public Optional<Declaration> declaration(Portal portal, long id) {
        return declarations(portal).stream().filter(d -> d.id() == id).findFirst();
    }

    @Transactional
    public Declaration add(Portal portal, DeclarationDraft draft) {
        validate(portal, draft, false);
        long id = repository.insert(portal.id(), null, draft, clock.instant());
        return declaration(portal, id).orElseThrow();
    }

    /**
     * Changes a declaration. For the platform's own cookies only the texts can change: lifetime, category and
     * provider come from the platform's configuration, and a different name is refused (409).
     */
    @Transactional
    public Declaration update(Portal portal, long id, DeclarationDraft draft) {
        Declaration existing = declaration(portal, id).orElseThrow(() -> RegistryProblem.notFound(Long.toString(id)));
        DeclarationDraft effective = draft;
        if (existing.platformKind() != null) {
            if (draft.name() != null && !draft.name().equals(existing.name())) {
                throw RegistryProblem.conflict("name", "the platform's own cookies keep the name set in the platform's "
                        + "configuration");
            }
            effective = platformDraft(platformCookies.get(existing.platformKind()), draft.texts());
        }
        validate(portal, effective, existing.platformKind() != null);
        repository.update(portal.id(), id, effective, clock.instant());
        return declaration(portal, id).orElseThrow();
    }

    @Transactional
    public void delete(Portal portal, long id) {
        Declaration existing = declaration(portal, id).orElseThrow(() -> RegistryProblem.notFound(Long.toString(id)));
        if (existing.platformKind() != null) {
            throw RegistryProblem.conflict("id", "the platform's own cookies are always in use and stay declared");
        }
        repository.delete(portal.id(), id);
    }

    /** The portal's own charter text for a language, if it replaced Charte's. */
    public Optional<CharterDocument> document(Portal portal, Language language) {
        return Optional.ofNullable(repository.documents(portal.id()).get(language));
    }

    @Transactional
    public void saveDocument(Portal portal, Language language, CharterDocument document) {
        repository.saveDocument(portal.id(), language, document, clock.instant());
    }

    @Transactional
    public void resetDocument(Portal portal, Language language) {
        repository.deleteDocument(portal.id(), language);
    }

    /**
     * Replaces all declarations and the portal's text for one language, then publishes: all or nothing.
     * Declarations whose name is one of the platform's cookies become (or stay) the platform's declaration, with
     * the given texts.
     */
    @Transactional
    public Revision replace(Portal portal, List<DeclarationDraft> drafts, Language language, CharterDocument document,
            String by) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            PlatformCookie platform = platformCookie(drafts.get(i).name());
            DeclarationDraft effective = platform == null ? drafts.get(i) : platformDraft(platform, drafts.get(i).texts());
            String prefix = "declarations[" + i + "].";
            violations(portal, effective, platform != null)
                    .forEach((field, message) -> errors.putIfAbsent(prefix + field, message));
        }
        if (!errors.isEmpty()) {
            throw RegistryProblem.invalid(errors);
        }
        Instant now = clock.instant();
        repository.deleteAll(portal.id());
        boolean[] seen = new boolean[PlatformCookie.Kind.values().length];
        for (DeclarationDraft draft : drafts) {
            PlatformCookie platform = platformCookie(draft.name());
            if (platform == null) {
                repository.insert(portal.id(), null, draft, now);
            } else if (!seen[platform.kind().ordinal()]) {
                seen[platform.kind().ordinal()] = true;
                repository.insert(portal.id(), platform.kind(), platformDraft(platform, draft.texts()), now);
            }
        }
        for (PlatformCookie cookie : platformCookies.all()) {
            if (!seen[cookie.kind().ordinal()]) {
                repository.insert(portal.id(), cookie.kind(), platformDraft(cookie, Map.of()), now);
            }
        }
        repository.saveDocument(portal.id(), language, document, now);
        return publishNow(portal, by, now);
    }

    /** Publishes the draft as revision N+1. Refused (409) when nothing changed since the latest revision. */
    @Transactional
    public Revision publish(Portal portal, String by) {
        Optional<Revision> latest = latest(portal);
        if (latest.isPresent() && latest.get().content().equals(draftContent(portal))) {
            throw RegistryProblem.conflict("revision", "nothing changed since revision " + latest.get().number());
        }
        return publishNow(portal, by, clock.instant());
    }

    public boolean hasUnpublishedChanges(Portal portal) {
        return latest(portal).map(r -> !r.content().equals(draftContent(portal))).orElse(true);
    }

    private Revision publishNow(Portal portal, String by, Instant now) {
        int number = repository.latestNumber(portal.id()).orElse(0) + 1;
        Revision.Content content = draftContent(portal);
        String snapshot = repository.toJson(content);
        String hash = sha256(snapshot);
        repository.insertRevision(portal.id(), number, now, by, snapshot, hash);
        events.publishEvent(new PolicyPublished(portal.id(), portal.slug(), number));
        return repository.revision(portal.id(), number).orElseThrow();
    }

    /** The stored draft, platform declarations unresolved (as snapshots keep them). */
    private Revision.Content draftContent(Portal portal) {
        return new Revision.Content(repository.declarations(portal.id()), repository.documents(portal.id()));
    }

    /** The number of the latest published revision: one indexed look-up, for hot paths. */
    public Optional<Integer> latestNumber(Portal portal) {
        return repository.latestNumber(portal.id());
    }

    public Optional<Revision> latest(Portal portal) {
        return repository.latestNumber(portal.id()).flatMap(n -> repository.revision(portal.id(), n));
    }

    public Optional<Revision> revision(Portal portal, int number) {
        return repository.revision(portal.id(), number);
    }

    /** The revision that was in force at that instant. */
    public Optional<Revision> revisionAt(Portal portal, Instant at) {
        return repository.revisionAt(portal.id(), at);
    }

    public List<Revision.Summary> revisions(Portal portal) {
        return repository.summaries(portal.id());
    }

    /** A revision's declarations, the platform's own resolved from the platform's cookie data. */
    public List<Declaration> declarations(Revision revision) {
        return revision.content().declarations().stream().map(this::resolve).toList();
    }

    /** What changed from revision {@code from} to revision {@code to}. */
    public RevisionDiff diff(Portal portal, int from, int to) {
        Revision a = revision(portal, from).orElseThrow(() -> RegistryProblem.notFound("revision " + from));
        Revision b = revision(portal, to).orElseThrow(() -> RegistryProblem.notFound("revision " + to));
        return RevisionDiff.between(declarations(a), declarations(b), a.content().documents(), b.content().documents());
    }

    /** The platform's own cookie of that (configured) name, if it is one. */
    private PlatformCookie platformCookie(String name) {
        return platformCookies.all().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private DeclarationDraft platformDraft(PlatformCookie cookie, Map<Language, DeclarationText> texts) {
        return new DeclarationDraft(platformCookies.provider(), cookie.name(), Category.NECESSARY, null,
                cookie.maxAge() == null ? null : cookie.maxAge().toSeconds(), List.of(),
                message("registry.platform.justification." + cookie.kind().key(), Language.EN),
                texts == null ? Map.of() : texts);
    }

    private DeclarationText platformText(PlatformCookie.Kind kind, Language language) {
        return new DeclarationText(message("platform.cookie." + kind.key() + ".service", language),
                message("platform.cookie." + kind.key() + ".purpose", language));
    }

    /** Name, lifetime, provider and default texts of the platform's cookies come from the platform's cookie data. */
    private Declaration resolve(Declaration d) {
        if (d.platformKind() == null) {
            return d;
        }
        PlatformCookie cookie = platformCookies.get(d.platformKind());
        Map<Language, DeclarationText> texts = new EnumMap<>(Language.class);
        for (Language language : Language.ALL) {
            texts.put(language, platformText(d.platformKind(), language));
        }
        texts.putAll(d.texts());
        return new Declaration(d.id(), d.platformKind(), platformCookies.provider(), cookie.name(), Category.NECESSARY,
                null, cookie.maxAge() == null ? null : cookie.maxAge().toSeconds(), List.of(),
                message("registry.platform.justification." + d.platformKind().key(), Language.EN), texts);
    }

    private void validate(Portal portal, DeclarationDraft draft, boolean known) {
        Map<String, String> errors = violations(portal, draft, known);
        if (!errors.isEmpty()) {
            throw RegistryProblem.invalid(errors);
        }
    }

    /**
     * Field rules, then the rules that depend on the portal.
     *
     * @param known an existing or platform declaration, which may carry a platform cookie's name
     */
    Map<String, String> violations(Portal portal, DeclarationDraft draft, boolean known) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<DeclarationDraft> v : validator.validate(draft)) {
            errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
        }
        Language language = Language.parse(
                org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage()).orElse(Language.EN);
        if (draft.texts() != null) {
            for (Language l : draft.texts().keySet()) {
                if (l != null && !portal.offers(l)) {
                    errors.putIfAbsent("texts", message("registry.texts.language", language));
                }
            }
            if (!draft.texts().containsKey(portal.defaultLanguage())) {
                errors.putIfAbsent("texts", message("registry.texts.default", language));
            }
        }
        if (draft.category() == Category.NECESSARY && draft.justification() == null) {
            errors.putIfAbsent("justification", message("registry.justification.required", language));
        }
        if (portal.jurisdiction() == Jurisdiction.FR && draft.category() != null && draft.category().needsConsent()
                && draft.lifetimeSeconds() != null
                && draft.lifetimeSeconds() > DeclarationDraft.FR_MAX_CONSENT_LIFETIME_SECONDS) {
            errors.putIfAbsent("lifetimeSeconds", message("registry.lifetime.fr", language));
        }
        if (draft.exemptAudienceMeasurement()
                && (portal.jurisdiction() != Jurisdiction.FR || draft.category() != Category.STATISTICS)) {
            errors.putIfAbsent("exemptAudienceMeasurement", message("registry.exempt.invalid", language));
        }
        if (!known && draft.name() != null && platformCookie(draft.name()) != null) {
            errors.putIfAbsent("name", message("registry.name.platform", language));
        }
        return errors;
    }

    private String message(String key, Language language) {
        return messages.getMessage(key, null, language.locale());
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
