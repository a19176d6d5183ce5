package eu.charte.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.registry.RegistryService;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * What a record refers to and must exist: the portal's published revision and the archived text set. Both never
 * change once they exist, so found ones are cached per node (no database trip per consent); missing ones are
 * looked up again each time, so a revision published or a text set archived a moment ago is found.
 */
@Component
class LedgerReferences {

    private final RegistryService registry;
    private final ConsentRepository repository;
    private final Cache<String, Boolean> revisions = Caffeine.newBuilder().maximumSize(100_000).build();
    private final Cache<String, Language> texts = Caffeine.newBuilder().maximumSize(100_000).build();
    private final LoadingCache<Long, LedgerSettings> settings;

    /**
     * A portal's settings are read again in the background at the first look-up after {@code charte.cache-ttl} (which
     * still answers the old value), so a node sees another node's change within about that delay; if the database
     * cannot be read, the last value is kept for up to an hour, so that an outage is answered 503 by the writer
     * within the API's 2 seconds rather than by a look-up waiting for a connection.
     */
    LedgerReferences(RegistryService registry, ConsentRepository repository, ConsentProperties properties,
            CacheProperties caching, @Qualifier("applicationTaskExecutor") Executor refreshes) {
        this.registry = registry;
        this.repository = repository;
        this.settings = Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(caching.cacheTtl())
                .expireAfterWrite(Duration.ofHours(1)).executor(refreshes).build(id -> repository.settings(id)
                        .orElse(new LedgerSettings(properties.retentionDays(), properties.storeIp())));
    }

    /** The portal's ledger settings (its own, or the defaults of charte.consent.*). */
    LedgerSettings settings(Portal portal) {
        return settings.get(portal.id());
    }

    /** The per-node cache setting shared with the other modules ({@code charte.cache-ttl}). */
    @ConfigurationProperties("charte")
    record CacheProperties(@DefaultValue("5s") Duration cacheTtl) {
    }

    void settingsChanged(Portal portal) {
        settings.invalidate(portal.id());
    }

    boolean revisionExists(Portal portal, int revision) {
        String key = portal.id() + ":" + revision;
        if (revisions.getIfPresent(key) != null) {
            return true;
        }
        boolean exists = registry.latestNumber(portal).filter(latest -> revision <= latest).isPresent();
        if (exists) {
            revisions.put(key, true);
        }
        return exists;
    }

    /** The language a text set was archived under, if it was archived for this portal. */
    Optional<Language> archivedLanguage(Portal portal, String hash) {
        String key = portal.id() + ":" + hash;
        Language cached = texts.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Language> found = repository.archivedLanguage(portal.id(), hash).map(Language::of);
        found.ifPresent(language -> texts.put(key, language));
        return found;
    }

    void archived(Portal portal, String hash, Language language) {
        texts.put(portal.id() + ":" + hash, language);
    }
}
