package eu.charte.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    record StoredAccount(long id, String email, String passwordHash, boolean platformAdmin) {
        AccountPrincipal principal() {
            return new AccountPrincipal(id, email, platformAdmin);
        }
    }

    record Membership(long portalId, Role role) {
    }

    record StoredToken(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {
    }

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single() == 0;
    }

    Optional<StoredAccount> findByEmail(String email) {
        return jdbc.sql("SELECT id, email, password_hash, platform_admin FROM account WHERE email = ?")
                .param(email)
                .query((rs, n) -> new StoredAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional();
    }

    Optional<StoredAccount> findById(long id) {
        return jdbc.sql("SELECT id, email, password_hash, platform_admin FROM account WHERE id = ?")
                .param(id)
                .query((rs, n) -> new StoredAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional();
    }

    List<StoredAccount> findAll() {
        return jdbc.sql("SELECT id, email, password_hash, platform_admin FROM account ORDER BY email")
                .query((rs, n) -> new StoredAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    long insert(String email, String passwordHash, boolean platformAdmin, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO account (email, password_hash, platform_admin, created_at, password_changed_at)
                VALUES (?, ?, ?, ?, ?)""")
                .params(email, passwordHash, platformAdmin, Timestamp.from(now), Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void updatePassword(long accountId, String passwordHash, Instant now) {
        jdbc.sql("UPDATE account SET password_hash = ?, password_changed_at = ? WHERE id = ?")
                .params(passwordHash, Timestamp.from(now), accountId).update();
    }

    void insertMembership(long accountId, long portalId, Role role) {
        jdbc.sql("INSERT INTO portal_membership (portal_id, account_id, role) VALUES (?, ?, ?)")
                .params(portalId, accountId, role.name()).update();
    }

    List<Membership> memberships(long accountId) {
        return jdbc.sql("SELECT portal_id, role FROM portal_membership WHERE account_id = ? ORDER BY portal_id")
                .param(accountId)
                .query((rs, n) -> new Membership(rs.getLong(1), Role.valueOf(rs.getString(2))))
                .list();
    }

    Optional<Role> roleOn(long accountId, long portalId) {
        return jdbc.sql("SELECT role FROM portal_membership WHERE account_id = ? AND portal_id = ?")
                .params(accountId, portalId).query(String.class).optional().map(Role::valueOf);
    }

    void insertToken(long accountId, String name, String hash, String prefix, Instant now) {
        jdbc.sql("""
                INSERT INTO api_token (account_id, name, token_hash, token_prefix, created_at)
                VALUES (?, ?, ?, ?, ?)""")
                .params(accountId, name, hash, prefix, Timestamp.from(now)).update();
    }

    List<StoredToken> activeTokens(long accountId) {
        return jdbc.sql("""
                SELECT id, name, token_prefix, created_at, last_used_at FROM api_token
                WHERE account_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC""")
                .param(accountId)
                .query((rs, n) -> new StoredToken(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    boolean revokeToken(long accountId, long tokenId, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(now), tokenId, accountId).update() == 1;
    }

    Optional<StoredAccount> accountOfToken(String hash) {
        return jdbc.sql("""
                SELECT a.id, a.email, a.password_hash, a.platform_admin FROM api_token t
                JOIN account a ON a.id = t.account_id
                WHERE t.token_hash = ? AND t.revoked_at IS NULL""")
                .param(hash)
                .query((rs, n) -> new StoredAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional();
    }

    void touchToken(String hash, Instant now) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE token_hash = ?").params(Timestamp.from(now), hash).update();
    }
}
