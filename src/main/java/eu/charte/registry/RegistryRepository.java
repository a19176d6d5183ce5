package eu.charte.registry;

import eu.charte.platform.PlatformCookie;
import eu.charte.portal.Language;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Declarations, charter documents and revisions; every method is scoped by the portal id passed first. */
@Repository
class RegistryRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RegistryRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Declaration> declarations(long portalId) {
        Map<Long, Map<Language, DeclarationText>> texts = new HashMap<>();
        jdbc.sql("SELECT declaration_id, language, service, purpose FROM cookie_declaration_text WHERE portal_id = ?")
                .param(portalId)
                .query(rs -> {
                    texts.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Language.class))
                            .put(Language.parse(rs.getString(2)).orElseThrow(),
                                    new DeclarationText(rs.getString(3), rs.getString(4)));
                });
        return jdbc.sql("""
                SELECT id, platform_kind, provider, name, category, third_party_domain, lifetime_seconds, hosts,
                       justification, exempt_audience_measurement
                FROM cookie_declaration WHERE portal_id = ? ORDER BY position, id""")
                .param(portalId)
                .query((rs, n) -> row(rs, texts.getOrDefault(rs.getLong("id"), Map.of())))
                .list();
    }

    private static Declaration row(ResultSet rs, Map<Language, DeclarationText> texts) throws SQLException {
        String kind = rs.getString("platform_kind");
        long lifetime = rs.getLong("lifetime_seconds");
        Long lifetimeSeconds = rs.wasNull() ? null : lifetime;
        String hosts = rs.getString("hosts");
        return new Declaration(rs.getLong("id"),
                kind == null ? null : PlatformCookie.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                rs.getString("provider"), rs.getString("name"), Category.of(rs.getString("category")),
                rs.getString("third_party_domain"), lifetimeSeconds,
                hosts.isBlank() ? List.of() : Arrays.asList(hosts.split(" ")),
                rs.getString("justification"), texts, rs.getBoolean("exempt_audience_measurement"));
    }

    long insert(long portalId, PlatformCookie.Kind kind, DeclarationDraft d, Instant now) {
        Integer position = jdbc.sql("SELECT COALESCE(MAX(position), 0) + 1 FROM cookie_declaration WHERE portal_id = ?")
                .param(portalId).query(Integer.class).single();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO cookie_declaration (portal_id, position, platform_kind, provider, name, category,
                    third_party_domain, lifetime_seconds, hosts, justification, exempt_audience_measurement,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(portalId, position, kind == null ? null : kind.key(), d.provider(), d.name(),
                        d.category().code(), d.thirdPartyDomain(), d.lifetimeSeconds(), String.join(" ", d.hosts()),
                        d.justification(), d.exemptAudienceMeasurement(), Timestamp.from(now), Timestamp.from(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        insertTexts(portalId, id, d.texts());
        return id;
    }

    boolean update(long portalId, long id, DeclarationDraft d, Instant now) {
        int updated = jdbc.sql("""
                UPDATE cookie_declaration SET provider = ?, name = ?, category = ?, third_party_domain = ?,
                    lifetime_seconds = ?, hosts = ?, justification = ?, exempt_audience_measurement = ?, updated_at = ?
                WHERE portal_id = ? AND id = ?""")
                .params(d.provider(), d.name(), d.category().code(), d.thirdPartyDomain(), d.lifetimeSeconds(),
                        String.join(" ", d.hosts()), d.justification(), d.exemptAudienceMeasurement(),
                        Timestamp.from(now), portalId, id)
                .update();
        if (updated == 1) {
            jdbc.sql("DELETE FROM cookie_declaration_text WHERE portal_id = ? AND declaration_id = ?")
                    .params(portalId, id).update();
            insertTexts(portalId, id, d.texts());
        }
        return updated == 1;
    }

    private void insertTexts(long portalId, long id, Map<Language, DeclarationText> texts) {
        texts.forEach((language, text) -> jdbc.sql("""
                INSERT INTO cookie_declaration_text (portal_id, declaration_id, language, service, purpose)
                VALUES (?, ?, ?, ?, ?)""")
                .params(portalId, id, language.code(), text.service(), text.purpose()).update());
    }

    boolean delete(long portalId, long id) {
        return jdbc.sql("DELETE FROM cookie_declaration WHERE portal_id = ? AND id = ?").params(portalId, id).update() == 1;
    }

    void deleteAll(long portalId) {
        jdbc.sql("DELETE FROM cookie_declaration WHERE portal_id = ?").param(portalId).update();
    }

    Map<Language, CharterDocument> documents(long portalId) {
        Map<Language, CharterDocument> documents = new EnumMap<>(Language.class);
        jdbc.sql("SELECT language, document FROM charter_document WHERE portal_id = ?").param(portalId)
                .query(rs -> {
                    documents.put(Language.parse(rs.getString(1)).orElseThrow(),
                            json.readValue(rs.getString(2), CharterDocument.class));
                });
        return documents;
    }

    void saveDocument(long portalId, Language language, CharterDocument document, Instant now) {
        jdbc.sql("DELETE FROM charter_document WHERE portal_id = ? AND language = ?")
                .params(portalId, language.code()).update();
        jdbc.sql("INSERT INTO charter_document (portal_id, language, document, updated_at) VALUES (?, ?, ?, ?)")
                .params(portalId, language.code(), json.writeValueAsString(document), Timestamp.from(now)).update();
    }

    void deleteDocument(long portalId, Language language) {
        jdbc.sql("DELETE FROM charter_document WHERE portal_id = ? AND language = ?")
                .params(portalId, language.code()).update();
    }

    Optional<Integer> latestNumber(long portalId) {
        return jdbc.sql("SELECT number FROM policy_revision WHERE portal_id = ? ORDER BY number DESC LIMIT 1")
                .param(portalId).query(Integer.class).optional();
    }

    void insertRevision(long portalId, int number, Instant at, String by, String snapshot, String hash) {
        jdbc.sql("""
                INSERT INTO policy_revision (portal_id, number, published_at, published_by, snapshot, snapshot_hash)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(portalId, number, Timestamp.from(at), by, snapshot, hash).update();
    }

    Optional<Revision> revision(long portalId, int number) {
        return jdbc.sql("""
                SELECT number, published_at, published_by, snapshot, snapshot_hash FROM policy_revision
                WHERE portal_id = ? AND number = ?""")
                .params(portalId, number).query((rs, n) -> revisionRow(portalId, rs)).optional();
    }

    /** The revision in force at that instant: the last one published at or before it. */
    Optional<Revision> revisionAt(long portalId, Instant at) {
        return jdbc.sql("""
                SELECT number, published_at, published_by, snapshot, snapshot_hash FROM policy_revision
                WHERE portal_id = ? AND number = (SELECT MAX(number) FROM policy_revision
                                                  WHERE portal_id = ? AND published_at <= ?)""")
                .params(portalId, portalId, Timestamp.from(at)).query((rs, n) -> revisionRow(portalId, rs)).optional();
    }

    List<Revision.Summary> summaries(long portalId) {
        return jdbc.sql("""
                SELECT number, published_at, published_by, snapshot_hash FROM policy_revision
                WHERE portal_id = ? ORDER BY number DESC""")
                .param(portalId)
                .query((rs, n) -> new Revision.Summary(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4)))
                .list();
    }

    private Revision revisionRow(long portalId, ResultSet rs) throws SQLException {
        return new Revision(portalId, rs.getInt("number"), rs.getTimestamp("published_at").toInstant(),
                rs.getString("published_by"), json.readValue(rs.getString("snapshot"), Revision.Content.class),
                rs.getString("snapshot_hash"));
    }

    String toJson(Object value) {
        return json.writeValueAsString(value);
    }
}
