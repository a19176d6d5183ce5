package eu.charte.account;

import static org.assertj.core.api.Assertions.assertThat;

import eu.charte.IntegrationTestSupport;
import eu.charte.TestClient;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Changing one's password in the back office, {@code /admin/account} (issue 2 section 6). */
class PasswordChangeIntegrationTests extends IntegrationTestSupport {

    private static final String NEW_PASSWORD = "another-long-password";

    @Test
    void changedPasswordSignsInAndTheOldOneNoLonger() {
        String email = createUser("AUDITOR", "data-bep");
        TestClient user = signIn(email);

        TestClient.Response changed = changePassword(user, PASSWORD, NEW_PASSWORD, NEW_PASSWORD);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(status(changed)).isEqualTo("Your password was changed.");
        assertThat(signsIn(email, PASSWORD)).as("old password").isFalse();
        assertThat(signsIn(email, NEW_PASSWORD)).as("new password").isTrue();
    }

    @Test
    void wrongCurrentPasswordKeepsTheOldPassword() {
        String email = createUser("ADMIN", "scare");
        TestClient user = signIn(email);

        TestClient.Response refused = changePassword(user, "not-the-password", NEW_PASSWORD, NEW_PASSWORD);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(status(refused)).isEqualTo("The current password is wrong.");
        assertThat(signsIn(email, NEW_PASSWORD)).as("new password").isFalse();
        assertThat(signsIn(email, PASSWORD)).as("old password").isTrue();
    }

    @Test
    void unconfirmedNewPasswordKeepsTheOldPassword() {
        String email = createUser("ADMIN", "scare");
        TestClient user = signIn(email);

        TestClient.Response refused = changePassword(user, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "-typo");

        assertThat(status(refused)).isEqualTo("The two new passwords differ.");
        assertThat(signsIn(email, NEW_PASSWORD)).as("new password").isFalse();
        assertThat(signsIn(email, PASSWORD)).as("old password").isTrue();
    }

    @Test
    void passwordChangeWithoutCsrfTokenIsRefusedAndChangesNothing() {
        String email = createUser("AUDITOR", "scare");
        TestClient user = signIn(email);
        user.get("/admin/account");

        TestClient.Response refused = user.postFormRaw("/admin/account/password", Map.of("currentPassword", PASSWORD,
                "newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(signsIn(email, NEW_PASSWORD)).as("new password").isFalse();
        assertThat(signsIn(email, PASSWORD)).as("old password").isTrue();
    }

    private static TestClient.Response changePassword(TestClient user, String current, String newPassword,
            String confirm) {
        assertThat(user.get("/admin/account").status()).isEqualTo(200);
        return user.postForm("/admin/account/password?lang=en", Map.of("currentPassword", current,
                "newPassword", newPassword, "confirmPassword", confirm));
    }

    private static String status(TestClient.Response page) {
        Element status = Jsoup.parse(page.body()).selectFirst("main [role=status]");
        assertThat(status).as("status message on the page").isNotNull();
        return status.text();
    }

    /** Whether a fresh browser signs in with this password. */
    private boolean signsIn(String email, String password) {
        TestClient browser = client();
        TestClient.Response response = SignInThrottleIntegrationTests.attempt(browser, email, password);
        assertThat(response.status()).isEqualTo(302);
        boolean signedIn = !response.header("Location").orElseThrow().contains("error");
        assertThat(browser.cookie("sessionid").isPresent()).isEqualTo(signedIn);
        return signedIn;
    }
}
