package eu.charte.portal;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class PortalRepository {

    private static final String SELECT = """
            SELECT id, slug, name, base_url, languages, jurisdiction, controller_name, controller_contact,
                   created_at, updated_at
            FROM portal""";

    private final JdbcClient jdbc;

    PortalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Portal> findBySlug(String slug) {
        return jdbc.sql(SELECT + " WHERE slug = ?").param(slug).query(this::row).optional().map(this::withHosts);
    }

    Optional<Portal> findByHost(String host) {
        return jdbc.sql(SELECT + " WHERE id = (SELECT portal_id FROM portal_host WHERE host = ?)")
                .param(host).query(this::row).optional().map(this::withHosts);
    }

    List<Portal> findAll() {
        Map<Long, List<String>> hosts = jdbc.sql("SELECT portal_id, host FROM portal_host ORDER BY host")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return jdbc.sql(SELECT + " ORDER BY slug").query(this::row).list().stream()
                .map(p -> copyWithHosts(p, hosts.getOrDefault(p.id(), List.of())))
                .toList();
    }

    boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM portal").query(Long.class).single() == 0;
    }

    Optional<Long> portalIdOfHost(String host) {
        return jdbc.sql("SELECT portal_id FROM portal_host WHERE host = ?").param(host).query(Long.class).optional();
    }

    long insert(PortalDraft draft, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO portal (slug, name, base_url, languages, jurisdiction, controller_name,
                                    controller_contact, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(draft.slug(), draft.name(), draft.baseUrl(), codes(draft.languages()),
                        draft.jurisdiction().name(), draft.controller().organisation(), draft.controller().contact(),
                        Timestamp.from(now), Timestamp.from(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        insertHosts(id, draft.hosts());
        return id;
    }

    void update(long id, PortalDraft draft, Instant now) {
        jdbc.sql("""
                UPDATE portal SET slug = ?, name = ?, base_url = ?, languages = ?, jurisdiction = ?,
                                  controller_name = ?, controller_contact = ?, updated_at = ?
                WHERE id = ?""")
                .params(draft.slug(), draft.name(), draft.baseUrl(), codes(draft.languages()),
                        draft.jurisdiction().name(), draft.controller().organisation(), draft.controller().contact(),
                        Timestamp.from(now), id)
                .update();
        jdbc.sql("DELETE FROM portal_host WHERE portal_id = ?").param(id).update();
        insertHosts(id, draft.hosts());
    }

    private void insertHosts(long portalId, List<String> hosts) {
        for (String host : hosts) {
            jdbc.sql("INSERT INTO portal_host (portal_id, host) VALUES (?, ?)").params(portalId, host).update();
        }
    }

    private static String codes(List<Language> languages) {
        return languages.stream().map(Language::code).collect(Collectors.joining(","));
    }

    private Portal row(ResultSet rs, int n) throws SQLException {
        List<Language> languages = Arrays.stream(rs.getString("languages").split(","))
                .map(code -> Language.parse(code).orElseThrow()).toList();
        return new Portal(rs.getLong("id"), rs.getString("slug"), rs.getString("name"),
                URI.create(rs.getString("base_url")), List.of(), languages,
                Jurisdiction.valueOf(rs.getString("jurisdiction")),
                new Portal.DataController(rs.getString("controller_name"), rs.getString("controller_contact")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private Portal withHosts(Portal portal) {
        return copyWithHosts(portal, jdbc.sql("SELECT host FROM portal_host WHERE portal_id = ? ORDER BY host")
                .param(portal.id()).query(String.class).list());
    }

    private static Portal copyWithHosts(Portal p, List<String> hosts) {
        return new Portal(p.id(), p.slug(), p.name(), p.baseUrl(), hosts, p.languages(), p.jurisdiction(),
                p.controller(), p.createdAt(), p.updatedAt());
    }
}
