package eu.charte.banner;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code banner_settings} table; every method is scoped by the portal id passed first. */
@Repository
class BannerSettingsRepository {

    private final JdbcClient jdbc;

    BannerSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BannerSettings> find(long portalId) {
        return jdbc.sql("SELECT choice_lifetime_days, consent_mode, matomo FROM banner_settings WHERE portal_id = ?")
                .param(portalId)
                .query((rs, n) -> new BannerSettings(rs.getInt(1), rs.getBoolean(2), rs.getBoolean(3)))
                .optional();
    }

    void save(long portalId, BannerSettings s, Instant now) {
        int updated = jdbc.sql("""
                UPDATE banner_settings SET choice_lifetime_days = ?, consent_mode = ?, matomo = ?, updated_at = ?
                WHERE portal_id = ?""")
                .params(s.choiceLifetimeDays(), s.consentMode(), s.matomo(), Timestamp.from(now), portalId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO banner_settings (portal_id, choice_lifetime_days, consent_mode, matomo, updated_at)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(portalId, s.choiceLifetimeDays(), s.consentMode(), s.matomo(), Timestamp.from(now))
                    .update();
        }
    }
}
