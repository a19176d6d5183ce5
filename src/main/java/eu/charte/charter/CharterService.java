package eu.charte.charter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.registry.RegistryService;
import eu.charte.registry.Revision;
import eu.charte.registry.PolicyPublished;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The charter module's facade: renders a portal's published charter in a language and format. Renderings are
 * cached per portal, portal edit, revision, language and format; published revisions never change. The current
 * revision number is read from the database at most once a second per portal (and again at once on this node after
 * a publication commits), so every node serves a new revision within a second of its publication.
 */
@Service
public class CharterService {

    private final RegistryService registry;
    private final CharterRenderer renderer;
    private final CharterWriters writers;
    private final Cache<Key, RenderedCharter> rendered = Caffeine.newBuilder().maximumSize(2_000).build();
    private final Cache<Key, String> written = Caffeine.newBuilder().maximumSize(2_000).build();
    private final Cache<Long, Optional<Integer>> latest = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(1)).build();

    CharterService(RegistryService registry, CharterRenderer renderer, CharterWriters writers) {
        this.registry = registry;
        this.renderer = renderer;
        this.writers = writers;
    }

    private record Key(long portalId, Instant portalUpdatedAt, int revision, Language language, CharterFormat format) {
    }

    /** The latest published revision's charter, if the portal has published one. */
    public Optional<RenderedCharter> current(Portal portal, Language language) {
        return currentNumber(portal).flatMap(n -> revision(portal, n, language));
    }

    /** The number of the portal's latest published revision, at most a second old. */
    Optional<Integer> currentNumber(Portal portal) {
        return latest.get(portal.id(), id -> registry.latestNumber(portal));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void published(PolicyPublished event) {
        latest.invalidate(event.portalId());
    }

    /** A published revision's charter; the revision is read only when this rendering is not cached yet. */
    public Optional<RenderedCharter> revision(Portal portal, int number, Language language) {
        Key key = new Key(portal.id(), portal.updatedAt(), number, language, CharterFormat.HTML);
        RenderedCharter cached = rendered.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        return registry.revision(portal, number).map(r -> render(portal, r, language));
    }

    /** A cookie's lifetime in words, as the charter's tables say it ("Session", "13 mois", "2 ans"). */
    public String lifetime(Long seconds, Language language) {
        return renderer.lifetime(seconds, language);
    }

    /** The revision that was in force at that instant. */
    public Optional<Revision.Summary> revisionAt(Portal portal, Instant at) {
        return registry.revisionAt(portal, at)
                .map(r -> new Revision.Summary(r.number(), r.publishedAt(), r.publishedBy(), r.hash()));
    }

    public RenderedCharter render(Portal portal, Revision revision, Language language) {
        Key key = new Key(portal.id(), portal.updatedAt(), revision.number(), language, CharterFormat.HTML);
        return rendered.get(key, k -> renderer.render(portal, revision, language));
    }

    /**
     * The charter as text, Markdown or JSON: the document then the notice (controller, how to change consent,
     * revision), or the document only when {@code documentOnly} (what an import reads back).
     */
    public String write(Portal portal, RenderedCharter charter, CharterFormat format, boolean documentOnly) {
        if (format == CharterFormat.HTML) {
            throw new IllegalArgumentException("HTML is rendered by the page template");
        }
        if (documentOnly) {
            return format == CharterFormat.JSON ? writers.json(charter)
                    : format == CharterFormat.MARKDOWN ? writers.markdown(charter.blocks()) : writers.text(charter.blocks());
        }
        Key key = new Key(portal.id(), portal.updatedAt(), charter.revision(), charter.language(), format);
        return written.get(key, k -> switch (format) {
            case JSON -> writers.json(charter);
            case MARKDOWN -> writers.markdown(charter.blocks()) + writers.markdown(charter.notice());
            default -> writers.text(charter.blocks()) + writers.text(charter.notice());
        });
    }
}
