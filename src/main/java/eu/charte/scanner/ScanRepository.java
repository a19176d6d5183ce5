package eu.charte.scanner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Scans and scanner settings; every method is scoped to a portal id. */
@Repository
class ScanRepository {

    private static final String COLUMNS = "id, status, trigger_kind, requested_by, requested_at, started_at, "
            + "finished_at, revision, finding_count, highest_severity, error";

    private final JdbcClient jdbc;

    ScanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long portalId, String trigger, String by, Instant now, String options) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO scan (portal_id, status, trigger_kind, requested_by, requested_at, options)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(portalId, ScanStatus.QUEUED.name(), trigger, by, Timestamp.from(now), options)
                .update(keys, "id");
        return keys.getKeyAs(Number.class) != null ? keys.getKeyAs(Number.class).longValue()
                : ((Number) keys.getKeys().get("id")).longValue();
    }

    void started(long portalId, long id, Instant at) {
        jdbc.sql("UPDATE scan SET status = ?, started_at = ? WHERE portal_id = ? AND id = ? AND status = ?")
                .params(ScanStatus.RUNNING.name(), Timestamp.from(at), portalId, id, ScanStatus.QUEUED.name())
                .update();
    }

    void finished(long portalId, long id, ScanStatus status, Instant at, Integer revision, String report,
            Integer findings, Severity highest, String error) {
        jdbc.sql("""
                UPDATE scan SET status = ?, finished_at = ?, revision = ?, report = ?, finding_count = ?,
                highest_severity = ?, error = ? WHERE portal_id = ? AND id = ?""")
                .params(status.name(), Timestamp.from(at), revision, report, findings,
                        highest == null ? null : highest.name(), error == null ? null : truncate(error), portalId, id)
                .update();
    }

    Optional<ScanRecord> find(long portalId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scan WHERE portal_id = ? AND id = ?").params(portalId, id)
                .query(ScanRepository::record).optional();
    }

    Optional<String> report(long portalId, long id) {
        return jdbc.sql("SELECT report FROM scan WHERE portal_id = ? AND id = ?").params(portalId, id)
                .query(String.class).optional();
    }

    Optional<String> options(long portalId, long id) {
        return jdbc.sql("SELECT options FROM scan WHERE portal_id = ? AND id = ?").params(portalId, id)
                .query(String.class).optional();
    }

    List<ScanRecord> history(long portalId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scan WHERE portal_id = ? ORDER BY id DESC LIMIT ?")
                .params(portalId, limit).query(ScanRepository::record).list();
    }

    /** The last finished scan with a report before this one. */
    Optional<Long> previousDone(long portalId, long id) {
        return jdbc.sql("SELECT MAX(id) FROM scan WHERE portal_id = ? AND id < ? AND status = ?")
                .params(portalId, id, ScanStatus.DONE.name()).query(Long.class).optional();
    }

    /**
     * Fails the scans that can no longer finish: running since before {@code runningSince} (longer than any scan
     * may take) or queued since before {@code queuedSince}, left by a node that stopped.
     */
    int failAbandoned(Instant runningSince, Instant queuedSince, Instant now) {
        return jdbc.sql("""
                UPDATE scan SET status = ?, finished_at = ?, error = ?
                WHERE (status = ? AND started_at < ?) OR (status = ? AND requested_at < ?)""")
                .params(ScanStatus.FAILED.name(), Timestamp.from(now), "interrupted: the server running it stopped",
                        ScanStatus.RUNNING.name(), Timestamp.from(runningSince), ScanStatus.QUEUED.name(),
                        Timestamp.from(queuedSince))
                .update();
    }

    Optional<ScanSettings> settings(long portalId) {
        return jdbc.sql("""
                SELECT interval_days, next_run_at, reject_selector, accept_selector, max_pages
                FROM scan_setting WHERE portal_id = ?""").param(portalId)
                .query((rs, n) -> new ScanSettings((Integer) rs.getObject("interval_days"),
                        instant(rs, "next_run_at"), rs.getString("reject_selector"), rs.getString("accept_selector"),
                        rs.getInt("max_pages")))
                .optional();
    }

    void saveSettings(long portalId, ScanSettings s, Instant now) {
        jdbc.sql("DELETE FROM scan_setting WHERE portal_id = ?").param(portalId).update();
        jdbc.sql("""
                INSERT INTO scan_setting (portal_id, interval_days, next_run_at, reject_selector, accept_selector,
                max_pages, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(portalId, s.intervalDays(), s.nextRunAt() == null ? null : Timestamp.from(s.nextRunAt()),
                        s.rejectSelector(), s.acceptSelector(), s.maxPages(), Timestamp.from(now))
                .update();
    }

    /** Portals whose scheduled scan is due. */
    List<Long> due(Instant now) {
        return jdbc.sql("SELECT portal_id FROM scan_setting WHERE next_run_at IS NOT NULL AND next_run_at <= ?")
                .param(Timestamp.from(now)).query(Long.class).list();
    }

    /** Moves the portal's next scheduled scan, if it was still {@code expected} (one node wins the tick). */
    boolean reschedule(long portalId, Instant expected, Instant next) {
        return jdbc.sql("UPDATE scan_setting SET next_run_at = ? WHERE portal_id = ? AND next_run_at = ?")
                .params(Timestamp.from(next), portalId, Timestamp.from(expected)).update() == 1;
    }

    private static ScanRecord record(ResultSet rs, int n) throws SQLException {
        String highest = rs.getString("highest_severity");
        return new ScanRecord(rs.getLong("id"), ScanStatus.valueOf(rs.getString("status")),
                rs.getString("trigger_kind"), rs.getString("requested_by"), instant(rs, "requested_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), (Integer) rs.getObject("revision"),
                (Integer) rs.getObject("finding_count"), highest == null ? null : Severity.valueOf(highest),
                rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
