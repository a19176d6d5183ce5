package eu.charte.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Throttles repeated failed sign-ins, per e-mail address typed and per client address, in the database so that
 * every node sees the same counts. Keys are hashes, and counting is the same whether or not the account exists,
 * so a throttled answer tells nothing about the account.
 * An attempt is counted against its e-mail address before its password is checked (and the count cleared when it
 * succeeds), so that concurrent attempts cannot all pass the check before any failure is recorded.
 */
@Service
public class LoginThrottle {

    private final JdbcClient jdbc;
    private final AccountProperties.Login settings;
    private final Clock clock;

    @Autowired
    LoginThrottle(JdbcClient jdbc, AccountProperties properties) {
        this(jdbc, properties, Clock.systemUTC());
    }

    LoginThrottle(JdbcClient jdbc, AccountProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.settings = properties.login();
        this.clock = clock;
    }

    /**
     * How long this sign-in must wait, if it is throttled; otherwise the attempt is counted as a failure of its
     * e-mail address until {@link #recordSuccess} clears it.
     */
    @Transactional
    public Optional<Duration> retryAfter(String email, String clientAddress) {
        String account = accountKey(email);
        // Counting first locks the row until commit: concurrent attempts are counted one after the other.
        count(account);
        return longest(wait(account, settings.maxFailuresPerAccount() + 1),
                wait(addressKey(clientAddress), settings.maxFailuresPerAddress()));
    }

    /** Counts a failed sign-in against the client address (its e-mail address was counted by {@link #retryAfter}). */
    @Transactional
    public void recordFailure(String email, String clientAddress) {
        count(addressKey(clientAddress));
    }

    @Transactional
    public void recordSuccess(String email) {
        jdbc.sql("DELETE FROM login_throttle WHERE throttle_key = ?").param(accountKey(email)).update();
    }

    private Optional<Duration> wait(String key, int maxFailures) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT failures, window_start FROM login_throttle WHERE throttle_key = ?").param(key)
                .query((rs, n) -> {
                    Instant end = rs.getTimestamp(2).toInstant().plus(settings.window());
                    return rs.getInt(1) >= maxFailures && end.isAfter(now) ? Duration.between(now, end) : null;
                })
                .optional();
    }

    private void count(String key) {
        Instant now = clock.instant();
        Timestamp windowStart = Timestamp.from(now.minus(settings.window()));
        int updated = jdbc.sql("""
                UPDATE login_throttle SET
                  failures = CASE WHEN window_start > ? THEN failures + 1 ELSE 1 END,
                  window_start = CASE WHEN window_start > ? THEN window_start ELSE ? END
                WHERE throttle_key = ?""")
                .params(windowStart, windowStart, Timestamp.from(now), key).update();
        if (updated == 0) {
            // Not a caught duplicate-key error: on PostgreSQL that would abort the transaction.
            int inserted = jdbc.sql("""
                    INSERT INTO login_throttle (throttle_key, failures, window_start) VALUES (?, 1, ?)
                    ON CONFLICT DO NOTHING""")
                    .params(key, Timestamp.from(now)).update();
            if (inserted == 0) {
                jdbc.sql("UPDATE login_throttle SET failures = failures + 1 WHERE throttle_key = ?").param(key).update();
            }
        }
    }

    private static String accountKey(String email) {
        return AccountService.sha256("account:" + AccountService.normaliseEmail(email));
    }

    private static String addressKey(String address) {
        return AccountService.sha256("address:" + address);
    }

    @SafeVarargs
    private static Optional<Duration> longest(Optional<Duration>... waits) {
        Optional<Duration> result = Optional.empty();
        for (Optional<Duration> w : waits) {
            if (w.isPresent() && (result.isEmpty() || w.get().compareTo(result.get()) > 0)) {
                result = w;
            }
        }
        return result;
    }
}
