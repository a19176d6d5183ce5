package eu.charte.portal;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portal module's facade: finds, lists, creates and changes portals.
 * Look-ups are cached per node: a portal looked up more than {@code charte.cache-ttl} ago is read again in the
 * background at its next look-up, which still answers the old value, so an edit made on another node shows within
 * about that delay. If the database cannot be read, the last value is kept (for up to {@link #STALE_LIMIT}): a
 * database outage does not stop a node from answering for the portals it serves, and the consent API answers 503
 * within its 2 seconds instead of waiting for a connection (issue 4, section 9).
 */
@Service
public class PortalService {

    /** How long a node keeps answering with a portal it cannot read again. */
    static final Duration STALE_LIMIT = Duration.ofHours(1);

    private final PortalRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final LoadingCache<String, Optional<Portal>> bySlug;
    private final LoadingCache<String, Optional<Portal>> byHost;

    PortalService(PortalRepository repository, ApplicationEventPublisher events, PortalProperties properties,
            @Qualifier("applicationTaskExecutor") Executor refreshes) {
        this.repository = repository;
        this.events = events;
        this.clock = Clock.systemUTC();
        this.bySlug = cache(properties, refreshes, repository::findBySlug);
        this.byHost = cache(properties, refreshes, repository::findByHost);
    }

    private static LoadingCache<String, Optional<Portal>> cache(PortalProperties properties, Executor refreshes,
            CacheLoader<String, Optional<Portal>> loader) {
        return Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(properties.cacheTtl())
                .expireAfterWrite(STALE_LIMIT).executor(refreshes).build(loader);
    }

    public Optional<Portal> findBySlug(String slug) {
        return bySlug.get(slug);
    }

    /** @throws PortalNotFoundException when no portal has this slug */
    public Portal require(String slug) {
        return findBySlug(slug).orElseThrow(() -> new PortalNotFoundException(slug));
    }

    public Optional<Portal> findByHost(String host) {
        return byHost.get(host.toLowerCase(Locale.ROOT));
    }

    /** The portals within the scope, ordered by slug. */
    public List<Portal> list(PortalScope scope) {
        return repository.findAll().stream().filter(scope::includes).toList();
    }

    public boolean isEmpty() {
        return repository.isEmpty();
    }

    /** @throws PortalConflictException when the slug or a host name is taken */
    @Transactional
    public Portal create(PortalDraft draft) {
        PortalDraft normalised = normalise(draft);
        if (repository.findBySlug(normalised.slug()).isPresent()) {
            throw new PortalConflictException("slug", normalised.slug());
        }
        checkHostsFree(normalised, null);
        long id = repository.insert(normalised, clock.instant());
        Portal portal = repository.findBySlug(normalised.slug()).orElseThrow();
        invalidate();
        events.publishEvent(new PortalCreated(id, portal.slug()));
        return portal;
    }

    /** Changes a portal; its slug may not change (links and embedded banners use it). */
    @Transactional
    public Portal update(Portal portal, PortalDraft draft) {
        PortalDraft normalised = normalise(draft);
        if (!normalised.slug().equals(portal.slug())) {
            throw new PortalConflictException("slug", normalised.slug());
        }
        checkHostsFree(normalised, portal.id());
        repository.update(portal.id(), normalised, clock.instant());
        invalidate();
        return repository.findBySlug(portal.slug()).orElseThrow();
    }

    private void checkHostsFree(PortalDraft draft, Long self) {
        for (String host : draft.hosts()) {
            repository.portalIdOfHost(host).filter(owner -> !owner.equals(self))
                    .ifPresent(owner -> {
                        throw new PortalConflictException("hosts", host);
                    });
        }
    }

    private void invalidate() {
        bySlug.invalidateAll();
        byHost.invalidateAll();
    }

    private static PortalDraft normalise(PortalDraft d) {
        List<String> hosts = d.hosts().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        List<Language> languages = d.languages().stream().distinct().toList();
        String baseUrl = d.baseUrl().trim();
        return new PortalDraft(d.slug().trim(), d.name().trim(), baseUrl, hosts, languages, d.jurisdiction(),
                new PortalDraft.Controller(d.controller().organisation().trim(), d.controller().contact().trim()));
    }
}
