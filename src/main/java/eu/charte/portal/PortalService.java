package eu.charte.portal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portal module's facade: finds, lists, creates and changes portals.
 * Look-ups are cached per node for {@code charte.cache-ttl}, so an edit made on another node shows within it.
 */
@Service
public class PortalService {

    private final PortalRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Cache<String, Optional<Portal>> bySlug;
    private final Cache<String, Optional<Portal>> byHost;

    PortalService(PortalRepository repository, ApplicationEventPublisher events, PortalProperties properties) {
        this.repository = repository;
        this.events = events;
        this.clock = Clock.systemUTC();
        this.bySlug = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.cacheTtl()).build();
        this.byHost = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.cacheTtl()).build();
    }

    public Optional<Portal> findBySlug(String slug) {
        return bySlug.get(slug, repository::findBySlug);
    }

    /** @throws PortalNotFoundException when no portal has this slug */
    public Portal require(String slug) {
        return findBySlug(slug).orElseThrow(() -> new PortalNotFoundException(slug));
    }

    public Optional<Portal> findByHost(String host) {
        return byHost.get(host.toLowerCase(Locale.ROOT), repository::findByHost);
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
