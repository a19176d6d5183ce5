package eu.charte.registry;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The imported known-cookie catalogue: platform data, not owned by a portal. */
@Repository
class CookieCatalogueRepository {

    private final JdbcTemplate jdbc;

    CookieCatalogueRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Increases with each import; nodes reload their in-memory catalogue when it changes. */
    long generation() {
        Long generation = jdbc.queryForObject("SELECT generation FROM cookie_catalogue_import WHERE id = 1", Long.class);
        return generation == null ? 0 : generation;
    }

    int count() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM cookie_catalogue_entry", Integer.class);
        return count == null ? 0 : count;
    }

    /** Replaces every row; call inside a transaction. The import row is updated first, so imports queue. */
    void replace(List<OpenCookieDatabase.Row> rows, String source, Instant now) {
        jdbc.update("""
                UPDATE cookie_catalogue_import SET generation = generation + 1, imported_at = ?, source_file = ?,
                    row_count = ? WHERE id = 1""", Timestamp.from(now), source, rows.size());
        jdbc.update("DELETE FROM cookie_catalogue_entry");
        jdbc.batchUpdate("""
                INSERT INTO cookie_catalogue_entry (position, source_id, platform, source_category, category, name,
                    wildcard, cookie_domain, description, retention, lifetime_seconds, data_controller, privacy_url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, 500, (ps, row) -> {
                    ps.setInt(1, row.line());
                    ps.setString(2, row.id());
                    ps.setString(3, row.platform());
                    ps.setString(4, row.sourceCategory());
                    ps.setString(5, row.category().code());
                    ps.setString(6, row.name());
                    ps.setBoolean(7, row.wildcard());
                    ps.setString(8, row.domain());
                    ps.setString(9, row.description());
                    ps.setString(10, row.retention());
                    if (row.lifetimeSeconds() == null) {
                        ps.setNull(11, Types.BIGINT);
                    } else {
                        ps.setLong(11, row.lifetimeSeconds());
                    }
                    ps.setString(12, row.controller());
                    ps.setString(13, row.privacyUrl());
                });
    }

    /** Every entry, in file order. */
    List<CatalogueEntry> entries() {
        return jdbc.query("""
                SELECT name, wildcard, platform, data_controller, category, description, lifetime_seconds
                FROM cookie_catalogue_entry ORDER BY position""", (rs, n) -> {
                    long lifetime = rs.getLong("lifetime_seconds");
                    Long lifetimeSeconds = rs.wasNull() ? null : lifetime;
                    return new CatalogueEntry(rs.getString("name"), rs.getBoolean("wildcard"),
                            OpenCookieDatabase.provider(rs.getString("platform"), rs.getString("data_controller")),
                            Category.of(rs.getString("category")), rs.getString("description"), lifetimeSeconds,
                            CookieCatalogue.OPEN_COOKIE_DATABASE);
                });
    }
}
