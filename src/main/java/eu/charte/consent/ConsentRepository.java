package eu.charte.consent;

import eu.charte.portal.Language;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The ledger's tables. Every method is scoped to one portal; records are inserted, read and purged, never updated. */
@Repository
class ConsentRepository {

    private static final String COLUMNS = "seq, consent_id, recorded_at, revision, language, action, choices, "
            + "text_hash, source, variant, user_agent, ip, prev_hash, hash";
    private static final int LOOKUPS_PER_QUERY = 64;
    private static final String LATEST_OF_ONE = "(SELECT " + COLUMNS + " FROM consent_record WHERE consent_id = ? "
            + "AND portal_id = ? ORDER BY seq DESC LIMIT 1)";
    /** The look-up of 1, 2, 4 ... {@link #LOOKUPS_PER_QUERY} ids, by the power of two. */
    private static final String[] LATEST_OF = java.util.stream.IntStream
            .rangeClosed(0, Integer.numberOfTrailingZeros(LOOKUPS_PER_QUERY))
            .mapToObj(power -> String.join(" UNION ALL ", Collections.nCopies(1 << power, LATEST_OF_ONE)))
            .toArray(String[]::new);
    /**
     * On PostgreSQL, the same look-up with the ids as one array: one statement for any number of ids, planned once
     * (a nested loop of index look-ups, with or without statistics).
     */
    private static final String LATEST_OF_ARRAY = "SELECT r.* FROM unnest(?::uuid[]) AS ids(id) CROSS JOIN LATERAL "
            + "(SELECT " + COLUMNS + " FROM consent_record WHERE consent_id = ids.id AND portal_id = ? "
            + "ORDER BY seq DESC LIMIT 1) r";
    /** The head locked and {@link #LATEST_OF_ARRAY} in one statement (PostgreSQL): one row per record found. */
    private static final String LOCK_AND_LATEST = "WITH head AS (SELECT last_seq, last_hash, anchor_seq, anchor_hash "
            + "FROM consent_chain WHERE portal_id = ? FOR UPDATE) SELECT h.last_seq, h.last_hash, h.anchor_seq, "
            + "h.anchor_hash, found.* FROM head h LEFT JOIN LATERAL (" + LATEST_OF_ARRAY + ") found ON true";
    private static final String INSERT = "INSERT INTO consent_record (portal_id, " + COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** On PostgreSQL, a batch as one statement whatever its size: one array per column. */
    private static final String INSERT_ARRAYS = "INSERT INTO consent_record (portal_id, " + COLUMNS + ") "
            + "SELECT ?, seq, consent_id, recorded_at::timestamptz, revision, language, action, choices, text_hash, "
            + "source, variant, user_agent, ip, prev_hash, hash FROM unnest(?::bigint[], ?::uuid[], ?::varchar[], "
            + "?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], "
            + "?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) AS batch(" + COLUMNS + ")";
    private static final String MOVE_HEAD = "UPDATE consent_chain SET last_seq = ?, last_hash = ? WHERE portal_id = ?";
    /** On PostgreSQL, the batch's insert and the head's move as one statement (a data-modifying WITH always runs). */
    private static final String APPEND_ARRAYS = "WITH appended AS (" + INSERT_ARRAYS + ") " + MOVE_HEAD;
    private static final TypeReference<LinkedHashMap<String, Boolean>> CHOICES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final RowMapper<ConsentRecord> records;
    private final RowMapper<Chain> chains = this::chain;
    /** Whether the database takes array parameters (PostgreSQL), found on first use. */
    private volatile Boolean arrays;

    ConsentRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.records = this::record;
    }

    /** The head of a chain and its anchor (where the remaining records start after a purge). */
    record Chain(long lastSeq, String lastHash, long anchorSeq, String anchorHash) {
    }

    /** Creates the portal's chain head if it has none yet; safe when several nodes do it at once. */
    void ensureChain(long portalId) {
        try {
            jdbc.update("INSERT INTO consent_chain (portal_id, last_seq, last_hash, anchor_seq, anchor_hash) "
                    + "SELECT ?, 0, ?, 0, ? WHERE NOT EXISTS (SELECT 1 FROM consent_chain WHERE portal_id = ?)",
                    portalId, LedgerChain.GENESIS, LedgerChain.GENESIS, portalId);
        } catch (DuplicateKeyException e) {
            // Another node created it in between: that is all we wanted.
        }
    }

    /** Locks the chain head until the transaction ends: appends and purges of a portal happen one at a time. */
    Chain lockChain(long portalId) {
        return jdbc.queryForObject("SELECT last_seq, last_hash, anchor_seq, anchor_hash FROM consent_chain "
                + "WHERE portal_id = ? FOR UPDATE", chains, portalId);
    }

    /**
     * The chain head, locked until the transaction ends, and the latest record of each of these consents.
     *
     * @param lookedUpUnderLock whether the records were read after the lock was taken; when false (PostgreSQL, where
     *     lock and look-up are one statement, one round trip less while the chain is locked) they were read from the
     *     snapshot the statement started with, which misses what another transaction committed after that moment
     *     and before the lock was granted: the caller must look again if the head shows such a commit
     */
    record Locked(Chain head, Map<UUID, ConsentRecord> latest, boolean lookedUpUnderLock) {
    }

    Locked lockAndLookUp(long portalId, Collection<UUID> consentIds) {
        if (!arrays()) {
            Chain head = lockChain(portalId);
            return new Locked(head, latest(portalId, consentIds), true);
        }
        Chain[] head = {null};
        Map<UUID, ConsentRecord> latest = new HashMap<>();
        jdbc.query(LOCK_AND_LATEST, (PreparedStatementSetter) ps -> {
            ps.setLong(1, portalId);
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", consentIds.toArray()));
            ps.setLong(3, portalId);
        }, (RowCallbackHandler) rs -> {
            if (head[0] == null) {
                head[0] = chain(rs, 0);
            }
            if (rs.getString("consent_id") != null) {
                ConsentRecord r = record(rs, 0);
                latest.put(r.consentId(), r);
            }
        });
        if (head[0] == null) {
            throw new IllegalStateException("portal " + portalId + " has no chain head");
        }
        return new Locked(head[0], latest, false);
    }

    Optional<Chain> chain(long portalId) {
        return jdbc.query("SELECT last_seq, last_hash, anchor_seq, anchor_hash FROM consent_chain WHERE portal_id = ?",
                chains, portalId).stream().findFirst();
    }

    /**
     * Appends records to the portal's chain and moves its head to the last of them (call with the head locked). On
     * PostgreSQL one statement (the insert as a data-modifying {@code WITH}, which runs in full even unread): one
     * round trip less per transaction.
     */
    void append(long portalId, List<ConsentRecord> batch, long lastSeq, String lastHash) {
        if (arrays()) {
            jdbc.update(APPEND_ARRAYS, ps -> {
                setArrays(ps, portalId, batch);
                ps.setLong(16, lastSeq);
                ps.setString(17, lastHash);
                ps.setLong(18, portalId);
            });
            return;
        }
        insert(portalId, batch);
        jdbc.update(MOVE_HEAD, lastSeq, lastHash, portalId);
    }

    /**
     * The latest record of each of these consents that has one: one indexed look-up per id (its newest record), all
     * in one statement on PostgreSQL (the ids as an array), {@link #LOOKUPS_PER_QUERY} at most per statement elsewhere
     * (padded to a power of two: a few statement shapes). Not an {@code IN} list: without statistics (a young ledger that
     * the database has not analysed yet) an {@code IN} list of dozens of ids is estimated at a large share of the
     * table and read by a full scan, ever slower as the ledger grows.
     */
    Map<UUID, ConsentRecord> latest(long portalId, Collection<UUID> consentIds) {
        Map<UUID, ConsentRecord> latest = new HashMap<>();
        RowCallbackHandler keep = rs -> {
            ConsentRecord r = record(rs, 0);
            latest.put(r.consentId(), r);
        };
        if (arrays()) {
            jdbc.query(LATEST_OF_ARRAY, (PreparedStatementSetter) ps -> {
                ps.setArray(1, ps.getConnection().createArrayOf("uuid", consentIds.toArray()));
                ps.setLong(2, portalId);
            }, keep);
            return latest;
        }
        List<UUID> ids = List.copyOf(consentIds);
        for (int from = 0; from < ids.size(); from += LOOKUPS_PER_QUERY) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUPS_PER_QUERY));
            // Padded to a power of two (the last id again): a handful of statement shapes, prepared once and reused.
            int lookups = Integer.highestOneBit(chunk.size()) == chunk.size() ? chunk.size()
                    : Integer.highestOneBit(chunk.size()) << 1;
            Object[] args = new Object[lookups * 2];
            for (int i = 0; i < lookups; i++) {
                args[2 * i] = chunk.get(Math.min(i, chunk.size() - 1));
                args[2 * i + 1] = portalId;
            }
            jdbc.query(LATEST_OF[Integer.numberOfTrailingZeros(lookups)], keep, args);
        }
        return latest;
    }

    /** The batch as {@link #INSERT_ARRAYS}'s parameters 1 to 15: the portal, then one array per column. */
    private static void setArrays(PreparedStatement ps, long portalId, List<ConsentRecord> batch) throws SQLException {
        Connection c = ps.getConnection();
        ps.setLong(1, portalId);
        ps.setArray(2, c.createArrayOf("bigint", batch.stream().map(ConsentRecord::sequence).toArray()));
        ps.setArray(3, c.createArrayOf("uuid", batch.stream().map(ConsentRecord::consentId).toArray()));
        ps.setArray(4, c.createArrayOf("varchar", column(batch, r -> r.recordedAt().toString())));
        ps.setArray(5, c.createArrayOf("integer", batch.stream().map(ConsentRecord::revision).toArray()));
        ps.setArray(6, c.createArrayOf("varchar", column(batch, r -> r.language().code())));
        ps.setArray(7, c.createArrayOf("varchar", column(batch, r -> r.action().code())));
        ps.setArray(8, c.createArrayOf("varchar", column(batch, r -> LedgerChain.choices(r.choices()))));
        ps.setArray(9, c.createArrayOf("varchar", column(batch, ConsentRecord::textHash)));
        ps.setArray(10, c.createArrayOf("varchar", column(batch, ConsentRecord::source)));
        ps.setArray(11, c.createArrayOf("varchar", column(batch, ConsentRecord::variant)));
        ps.setArray(12, c.createArrayOf("varchar", column(batch, ConsentRecord::userAgent)));
        ps.setArray(13, c.createArrayOf("varchar", column(batch, ConsentRecord::ip)));
        ps.setArray(14, c.createArrayOf("varchar", column(batch, ConsentRecord::previousHash)));
        ps.setArray(15, c.createArrayOf("varchar", column(batch, ConsentRecord::hash)));
    }

    /** The portable insert (H2): one JDBC batch of single-row inserts. */
    private void insert(long portalId, List<ConsentRecord> batch) {
        jdbc.batchUpdate(INSERT, batch, batch.size(), (ps, r) -> {
                    ps.setLong(1, portalId);
                    ps.setLong(2, r.sequence());
                    ps.setObject(3, r.consentId());
                    ps.setTimestamp(4, Timestamp.from(r.recordedAt()));
                    ps.setInt(5, r.revision());
                    ps.setString(6, r.language().code());
                    ps.setString(7, r.action().code());
                    ps.setString(8, LedgerChain.choices(r.choices()));
                    ps.setString(9, r.textHash());
                    ps.setString(10, r.source());
                    ps.setString(11, r.variant());
                    ps.setString(12, r.userAgent());
                    ps.setString(13, r.ip());
                    ps.setString(14, r.previousHash());
                    ps.setString(15, r.hash());
                });
    }

    /** A consent's records, oldest first. */
    List<ConsentRecord> history(long portalId, UUID consentId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM consent_record WHERE portal_id = ? AND consent_id = ? "
                + "ORDER BY seq", records, portalId, consentId);
    }

    /** Every record committed in [from, to), in chain order, one at a time (exports of any size). */
    void period(long portalId, Instant from, Instant to, Consumer<ConsentRecord> each) {
        jdbc.query(connection -> {
            var ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM consent_record WHERE portal_id = ? "
                    + "AND recorded_at >= ? AND recorded_at < ? ORDER BY seq");
            ps.setFetchSize(500);
            ps.setLong(1, portalId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            return ps;
        }, (ResultSet rs) -> {
            each.accept(record(rs, 0));
        });
    }

    /**
     * Every record of the portal in chain order, one at a time, with its sequence number; the record is null when
     * the row cannot even be read back (a field changed to something no record can hold). Call within a
     * transaction to stream on PostgreSQL.
     */
    void chainOrder(long portalId, java.util.function.BiConsumer<Long, ConsentRecord> each) {
        jdbc.query(connection -> {
            var ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM consent_record WHERE portal_id = ? "
                    + "ORDER BY seq");
            ps.setFetchSize(1000);
            ps.setLong(1, portalId);
            return ps;
        }, (ResultSet rs) -> {
            ConsentRecord r;
            try {
                r = record(rs, 0);
            } catch (RuntimeException e) {
                r = null;
            }
            each.accept(rs.getLong("seq"), r);
        });
    }

    long count(long portalId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE portal_id = ?", Long.class, portalId);
        return n == null ? 0 : n;
    }

    // Retention

    /** The sequence number of the first record committed at or after the instant, if any. */
    Optional<Long> firstSeqFrom(long portalId, Instant at) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MIN(seq) FROM consent_record WHERE portal_id = ? "
                + "AND recorded_at >= ?", Long.class, portalId, Timestamp.from(at)));
    }

    Optional<String> hashAt(long portalId, long seq) {
        return jdbc.queryForList("SELECT hash FROM consent_record WHERE portal_id = ? AND seq = ?", String.class,
                portalId, seq).stream().findFirst();
    }

    /** Deletes the records up to {@code seq}, makes the last of them the chain's anchor and logs the purge. */
    long purgeUpTo(long portalId, long seq, String anchorHash, Instant now) {
        int removed = jdbc.update("DELETE FROM consent_record WHERE portal_id = ? AND seq <= ?", portalId, seq);
        jdbc.update("UPDATE consent_chain SET anchor_seq = ?, anchor_hash = ? WHERE portal_id = ?", seq, anchorHash,
                portalId);
        jdbc.update("INSERT INTO consent_purge (portal_id, up_to_seq, anchor_hash, removed, purged_at) "
                + "VALUES (?, ?, ?, ?, ?)", portalId, seq, anchorHash, removed, Timestamp.from(now));
        return removed;
    }

    // Text archive

    /** Archives a text set unless it already is; true when it was new. */
    boolean archive(long portalId, String hash, int revision, Language language, String texts, Instant now) {
        try {
            return jdbc.update("INSERT INTO consent_text (portal_id, text_hash, revision, language, texts, first_seen) "
                    + "SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM consent_text WHERE portal_id = ? AND text_hash = ?)", portalId, hash, revision,
                    language.code(), texts, Timestamp.from(now), portalId, hash) == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The language under which a text set was archived, if it was. */
    Optional<String> archivedLanguage(long portalId, String hash) {
        return jdbc.queryForList("SELECT language FROM consent_text WHERE portal_id = ? AND text_hash = ?",
                String.class, portalId, hash).stream().findFirst();
    }

    Optional<ConsentTexts> texts(long portalId, String hash) {
        return jdbc.query("SELECT text_hash, revision, language, texts, first_seen FROM consent_text "
                + "WHERE portal_id = ? AND text_hash = ?", (rs, n) -> new ConsentTexts(rs.getString(1), rs.getInt(2),
                        Language.of(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant()), portalId, hash)
                .stream().findFirst();
    }

    // Settings

    Optional<LedgerSettings> settings(long portalId) {
        return jdbc.query("SELECT retention_days, store_ip FROM consent_settings WHERE portal_id = ?",
                (rs, n) -> new LedgerSettings(rs.getInt(1), rs.getBoolean(2)), portalId).stream().findFirst();
    }

    void saveSettings(long portalId, LedgerSettings settings, Instant now) {
        int updated = jdbc.update("UPDATE consent_settings SET retention_days = ?, store_ip = ?, updated_at = ? "
                + "WHERE portal_id = ?", settings.retentionDays(), settings.storeIp(), Timestamp.from(now), portalId);
        if (updated == 0) {
            jdbc.update("INSERT INTO consent_settings (portal_id, retention_days, store_ip, updated_at) "
                    + "VALUES (?, ?, ?, ?)", portalId, settings.retentionDays(), settings.storeIp(),
                    Timestamp.from(now));
        }
    }

    private Chain chain(ResultSet rs, int rowNum) throws SQLException {
        return new Chain(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4));
    }

    private static String[] column(List<ConsentRecord> batch, Function<ConsentRecord, String> value) {
        return batch.stream().map(value).toArray(String[]::new);
    }

    private boolean arrays() {
        Boolean known = arrays;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) c -> "PostgreSQL".equals(
                    c.getMetaData().getDatabaseProductName()));
            arrays = known;
        }
        return known;
    }

    private ConsentRecord record(ResultSet rs, int n) throws SQLException {
        return new ConsentRecord(rs.getLong("seq"), UUID.fromString(rs.getString("consent_id")),
                rs.getTimestamp("recorded_at").toInstant(), rs.getInt("revision"), Language.of(rs.getString("language")),
                ConsentAction.parse(rs.getString("action")).orElseThrow(), json.readValue(rs.getString("choices"), CHOICES),
                rs.getString("text_hash"), rs.getString("source"), rs.getString("variant"), rs.getString("user_agent"),
                rs.getString("ip"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
