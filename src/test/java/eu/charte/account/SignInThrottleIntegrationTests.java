package eu.charte.account;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Repeated failed sign-ins are throttled with 429 and Retry-After, per e-mail address and per client address,
 * without revealing whether an account exists (issue 2 section 6).
 */
class SignInThrottleIntegrationTests extends IntegrationTestSupport {

    /** charte.login.max-failures-per-account, left at its default. */
    private static final int MAX_FAILURES_PER_ACCOUNT = 5;
    /** charte.login.window, left at its default (15 minutes). */
    private static final long WINDOW_SECONDS = 15 * 60;

    @Test
    void attemptAfterFiveFailuresIsThrottledEvenWithTheRightPassword() {
        String email = createUser("ADMIN", "data-bep");
        TestClient browser = client();
        for (int i = 1; i <= MAX_FAILURES_PER_ACCOUNT; i++) {
            TestClient.Response failed = attempt(browser, email, "wrong-password-" + i);
            assertThat(failed.status()).as("failed attempt %d", i).isEqualTo(302);
            assertThat(failed.header("Location").orElseThrow()).contains("/login?error");
        }

        TestClient.Response throttled = attempt(browser, email, PASSWORD);

        assertThat(throttled.status()).isEqualTo(429);
        assertRetryAfterWithinWindow(throttled);
        assertThat(browser.cookie("sessionid")).isEmpty();
        assertThat(client().get("/admin").status()).as("still not signed in").isEqualTo(302);
    }

    @Test
    void throttledAnswerIsTheSameWhetherOrNotTheAccountExists() {
        String existing = createUser("AUDITOR", "data-bep");
        String unknown = "nobody-" + UUID.randomUUID() + "@charte.test";
        TestClient browser = client();
        for (int i = 1; i <= MAX_FAILURES_PER_ACCOUNT; i++) {
            // Interleaved, so that both counting windows start at nearly the same time.
            TestClient.Response existingFailure = attempt(browser, existing, "wrong-password");
            TestClient.Response unknownFailure = attempt(browser, unknown, "wrong-password");
            assertThat(comparable(unknownFailure)).as("failure %d", i).isEqualTo(comparable(existingFailure));
        }

        TestClient.Response existingThrottled = attempt(browser, existing, PASSWORD);
        TestClient.Response unknownThrottled = attempt(browser, unknown, PASSWORD);

        assertThat(existingThrottled.status()).isEqualTo(429);
        assertThat(unknownThrottled.status()).isEqualTo(429);
        long existingWait = assertRetryAfterWithinWindow(existingThrottled);
        long unknownWait = assertRetryAfterWithinWindow(unknownThrottled);
        // The two windows started a few milliseconds apart, so the rounded seconds may straddle a second.
        assertThat(Math.abs(existingWait - unknownWait)).isLessThanOrEqualTo(1);
        assertThat(comparable(unknownThrottled)).isEqualTo(comparable(existingThrottled));
    }

    @Test
    void throttlingOneAccountLeavesOtherAccountsAlone() {
        String victim = createUser("ADMIN", "data-bep");
        String other = createUser("ADMIN", "data-bep");
        TestClient attacker = client();
        for (int i = 1; i <= MAX_FAILURES_PER_ACCOUNT; i++) {
            attempt(attacker, victim, "wrong-password");
        }
        assertThat(attempt(attacker, victim, PASSWORD).status()).isEqualTo(429);

        TestClient.Response otherSignIn = attempt(client(), other, PASSWORD);

        assertThat(otherSignIn.status()).isEqualTo(302);
        assertThat(otherSignIn.header("Location").orElseThrow()).doesNotContain("error");
        assertThat(otherSignIn.setCookie("sessionid")).isPresent();
    }

    @Test
    void failuresCountForTheAddressWhateverItsCase() {
        String email = createUser("AUDITOR", "scare");
        TestClient browser = client();
        List<String> variants = List.of(email.toUpperCase(), " " + email, email, email.toUpperCase() + " ",
                Character.toUpperCase(email.charAt(0)) + email.substring(1));
        for (String variant : variants) {
            assertThat(attempt(browser, variant, "wrong-password").status()).isEqualTo(302);
        }

        assertThat(attempt(browser, email, PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void successfulSignInBeforeTheLimitResetsTheFailureCount() {
        String email = createUser("ADMIN", "scare");
        TestClient browser = client();
        for (int i = 1; i < MAX_FAILURES_PER_ACCOUNT; i++) {
            assertThat(attempt(browser, email, "wrong-password").status()).isEqualTo(302);
        }
        TestClient.Response success = attempt(browser, email, PASSWORD);
        assertThat(success.status()).isEqualTo(302);
        assertThat(success.header("Location").orElseThrow()).doesNotContain("error");
        assertThat(success.setCookie("sessionid")).isPresent();

        // Without the reset, these would be failures 5 to 8 and the sign-in below a 429.
        TestClient second = client();
        for (int i = 1; i < MAX_FAILURES_PER_ACCOUNT; i++) {
            TestClient.Response failed = attempt(second, email, "wrong-password");
            assertThat(failed.status()).as("failed attempt %d after the reset", i).isEqualTo(302);
        }
        TestClient.Response again = attempt(second, email, PASSWORD);
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.header("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void concurrentFailedSignInsGetNoMoreAttemptsThanTheLimit() throws Exception {
        String email = createUser("AUDITOR", "scare");
        int parallel = 20;
        List<TestClient> browsers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            TestClient browser = client();
            assertThat(browser.get("/login").status()).isEqualTo(200);
            browsers.add(browser);
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (TestClient browser : browsers) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return attempt(browser, email, "wrong-password").status();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsOnly(302, 429);
        assertThat(statuses.stream().filter(s -> s == 302).count()).as("password checks made, in %s", statuses)
                .isLessThanOrEqualTo(MAX_FAILURES_PER_ACCOUNT);
        assertThat(attempt(client(), email, PASSWORD).status()).isEqualTo(429);
    }

    /** With a per-client-address limit of 3, in an application of its own (the limit is shared by every test). */
    @Nested
    @TestPropertySource(properties = "charte.login.max-failures-per-address=3")
    class PerClientAddress extends IntegrationTestSupport {

        @Test
        void failuresFromOneClientAddressThrottleEveryAccountSignInFromIt() {
            TestClient browser = client();
            for (int i = 1; i <= 3; i++) {
                // A different address each time, so that no per-account limit is reached.
                TestClient.Response failed = attempt(browser, "someone-" + i + "-" + UUID.randomUUID() + "@charte.test",
                        "wrong-password");
                assertThat(failed.status()).as("failed attempt %d", i).isEqualTo(302);
            }

            TestClient.Response throttled = attempt(client(), ADMIN_EMAIL, PASSWORD);

            assertThat(throttled.status()).isEqualTo(429);
            assertRetryAfterWithinWindow(throttled);
            assertThat(throttled.setCookie("sessionid")).isEmpty();
        }
    }

    /** One sign-in attempt through the form, as a browser would post it (loading the form first if needed). */
    static TestClient.Response attempt(TestClient browser, String email, String password) {
        if (browser.cookie("csrftoken").isEmpty()) {
            assertThat(browser.get("/login").status()).isEqualTo(200);
        }
        return browser.postForm("/login", Map.of("username", email, "password", password));
    }

    private static long assertRetryAfterWithinWindow(TestClient.Response response) {
        String retryAfter = response.header("Retry-After").orElseThrow(() -> new AssertionError("no Retry-After"));
        assertThat(retryAfter).matches("[1-9][0-9]*");
        long seconds = Long.parseLong(retryAfter);
        assertThat(seconds).isBetween(1L, WINDOW_SECONDS + 1);
        return seconds;
    }

    /** What a client can observe of a response, apart from its date, cookies and Retry-After. */
    private static Map<String, Object> comparable(TestClient.Response response) {
        Map<String, Object> seen = new TreeMap<>();
        seen.put("status", response.status());
        response.raw().headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (!List.of("date", "set-cookie", "retry-after").contains(lower)) {
                seen.put("header " + lower, values);
            }
        });
        seen.put("body", response.body());
        return seen;
    }
}
