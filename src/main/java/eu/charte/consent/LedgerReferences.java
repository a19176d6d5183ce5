package eu.charte.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.charte.portal.Language;
import eu.charte.portal.Portal;
import eu.charte.registry.RegistryService;
import java.util.Optional;
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
    private final Cache<Long, LedgerSettings> settings;
    private final ConsentProperties properties;

    LedgerReferences(RegistryService registry, ConsentRepository repository, ConsentProperties properties) {
        this.registry = registry;
        this.repository = repository;
        this.properties = properties;
        // Settings change rarely; a node sees another node's change within this delay.
        this.settings = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(java.time.Duration.ofSeconds(10))
                .build();
    }

    /** The portal's ledger settings (its own, or the defaults of charte.consent.*). */
    LedgerSettings settings(Portal portal) {
        return settings.get(portal.id(), id -> repository.settings(id)
                .orElse(new LedgerSettings(properties.retentionDays(), properties.storeIp())));
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
