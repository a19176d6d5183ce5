package eu.charte.registry;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The known-cookie catalogue: given a cookie's name, suggests its provider, category, purpose and typical
 * lifetime. It joins Charte's built-in catalogue (common analytics, video, map, social and consent cookies, written
 * by us) and the catalogue last imported in the Open Cookie Database CSV format ({@code import-cookie-db}).
 * Platform data, not tenant-scoped: the same for every portal.
 *
 * <p>Which entry answers: an exact name wins over a pattern; between patterns, the one that fixes more characters
 * of the name ({@code _gat_gtag_} over {@code _gat}); on a tie, the built-in entry. Look-ups are served from memory
 * (one hash look-up per prefix of the name). Each node checks the imported catalogue's generation in the database
 * at most every {@code charte.cache-ttl} and reloads it when another process imported a new one; an import made
 * through this bean shows at once.
 */
@Service
public class CookieCatalogue {

    /** Source of suggestions from Charte's own catalogue. */
    public static final String BUILTIN = "builtin";
    /** Source of suggestions from the imported Open Cookie Database catalogue. */
    public static final String OPEN_COOKIE_DATABASE = "open-cookie-database";

    /**
     * What the catalogue knows about a cookie name.
     *
     * @param provider who sets the cookie; null when the catalogue does not say
     * @param purpose in English, as the catalogue words it
     * @param lifetimeSeconds the typical lifetime, at most 400 days (browsers cap cookies there); null for a session
     *     cookie or an unknown lifetime
     * @param source {@link #BUILTIN} or {@link #OPEN_COOKIE_DATABASE}
     * @param matchedName the catalogue's name that matched: the exact name, or a pattern ending with {@code *}
     */
    public record Suggestion(String provider, Category category, String purpose, Long lifetimeSeconds, String source,
            String matchedName) {
    }

    private static final Integer GENERATION = 0;

    private final CookieNameIndex builtin;
    private final Supplier<CookieNameIndex> imported;
    private final CookieCatalogueRepository repository;
    private final TransactionTemplate transactions;
    private final LoadingCache<Integer, Long> generation;
    private volatile Loaded loaded;

    private record Loaded(long generation, CookieNameIndex index) {
    }

    @Autowired
    CookieCatalogue(CookieCatalogueRepository repository, PlatformTransactionManager transactionManager,
            RegistryProperties properties) {
        this.builtin = new CookieNameIndex(BuiltinCatalogue.load());
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.generation = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl())
                .build(key -> repository.generation());
        this.imported = this::importedIndex;
    }

    /** A catalogue without a database, for tests: the built-in entries and the given imported ones. */
    CookieCatalogue(List<CatalogueEntry> builtin, List<CatalogueEntry> imported) {
        this.builtin = new CookieNameIndex(builtin);
        CookieNameIndex importedIndex = new CookieNameIndex(imported);
        this.imported = () -> importedIndex;
        this.repository = null;
        this.transactions = null;
        this.generation = null;
    }

    /** What the catalogue knows about a cookie of that name; empty when nothing matches. */
    public Optional<Suggestion> suggest(String cookieName) {
        if (cookieName == null || cookieName.isBlank()) {
            return Optional.empty();
        }
        String name = cookieName.strip();
        Optional<CookieNameIndex.Match> ours = builtin.match(name);
        Optional<CookieNameIndex.Match> theirs = imported.get().match(name);
        Optional<CookieNameIndex.Match> best;
        if (ours.isPresent() && theirs.isPresent()) {
            best = better(theirs.get(), ours.get()) ? theirs : ours;
        } else {
            best = ours.isPresent() ? ours : theirs;
        }
        return best.map(m -> capped(m.entry().suggestion()));
    }

    /**
     * Replaces the imported catalogue with a file in the Open Cookie Database CSV format, all or nothing.
     *
     * @param source the file's name, recorded with the import
     * @return how many rows were imported
     * @throws CatalogueImportException naming each bad line; the catalogue is then unchanged
     */
    public int importOpenCookieDatabase(Reader reader, String source) throws IOException, CatalogueImportException {
        List<OpenCookieDatabase.Row> rows = OpenCookieDatabase.parse(reader);
        transactions.executeWithoutResult(status -> repository.replace(rows, source, Clock.systemUTC().instant()));
        generation.invalidateAll();
        return rows.size();
    }

    /** How many entries the imported catalogue holds. */
    public int importedCount() {
        return repository.count();
    }

    /** Whether {@code a} answers better than {@code b}, which wins ties. */
    private static boolean better(CookieNameIndex.Match a, CookieNameIndex.Match b) {
        if (a.exact() != b.exact()) {
            return a.exact();
        }
        return a.specificity() > b.specificity();
    }

    private static Suggestion capped(Suggestion s) {
        if (s.lifetimeSeconds() == null || s.lifetimeSeconds() <= DeclarationDraft.MAX_LIFETIME_SECONDS) {
            return s;
        }
        return new Suggestion(s.provider(), s.category(), s.purpose(), DeclarationDraft.MAX_LIFETIME_SECONDS,
                s.source(), s.matchedName());
    }

    private CookieNameIndex importedIndex() {
        long current = generation.get(GENERATION);
        Loaded l = loaded;
        // Generations only grow: a catalogue loaded at a later generation than the one last read is current.
        if (l != null && l.generation() >= current) {
            return l.index();
        }
        synchronized (this) {
            l = loaded;
            if (l == null || l.generation() < current) {
                // The generation read before the rows labels them: if an import lands in between, the rows are
                // newer than their label and the next check reloads them, never the other way round.
                long before = repository.generation();
                l = new Loaded(before, new CookieNameIndex(repository.entries()));
                loaded = l;
            }
            return l.index();
        }
    }
}
