package eu.charte.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The platform's cookie data: names, lifetimes and attributes come from one configuration (checklist rule 32). */
class PlatformCookiesTests {

    private static PlatformCookieProperties properties(boolean hostPrefix, String sessionName, Duration prefs) {
        return new PlatformCookieProperties("Opendatasoft", hostPrefix, sessionName, "django_language",
                Duration.ofDays(365), "csrftoken", "cookies_preferences", prefs);
    }

    @Test
    void defaultsAreTheFourNamesThePortalsChartersPublish() {
        var cookies = new PlatformCookies(properties(false, "sessionid", Duration.ofDays(180)));
        assertThat(cookies.all()).extracting(PlatformCookie::name)
                .containsExactly("sessionid", "django_language", "csrftoken", "cookies_preferences");
        assertThat(cookies.provider()).isEqualTo("Opendatasoft");
        assertThat(cookies.session().persistent()).isFalse();
        assertThat(cookies.session().httpOnly()).isTrue();
        assertThat(cookies.csrf().sameSite()).isEqualTo("Strict");
        assertThat(cookies.csrf().httpOnly()).as("scripts read it for X-CSRFToken").isFalse();
        assertThat(cookies.all()).allSatisfy(c -> {
            assertThat(c.secure()).isTrue();
            assertThat(c.path()).isEqualTo("/");
            assertThat(c.maxAge() == null || c.maxAge().compareTo(Duration.ofDays(400)) <= 0).isTrue();
        });
    }

    @Test
    void hostPrefixOptionRenamesEveryCookie() {
        var cookies = new PlatformCookies(properties(true, "sessionid", Duration.ofDays(180)));
        assertThat(cookies.all()).extracting(PlatformCookie::name).allMatch(n -> n.startsWith("__Host-"));
    }

    @Test
    void refusesNamesThatAreNotTokensAndLifetimesOverTheLimits() {
        assertThatThrownBy(() -> properties(false, "session id", Duration.ofDays(180)))
                .hasMessageContaining("not a valid cookie name");
        assertThatThrownBy(() -> properties(false, "sessionid", Duration.ofDays(400)))
                .hasMessageContaining("13 months");
    }
}
