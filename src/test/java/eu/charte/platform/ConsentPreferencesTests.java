package eu.charte.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code cookies_preferences} value format (checklist rule 17: only per-purpose bits, version, random id). */
class ConsentPreferencesTests {

    private static final UUID ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11");

    @Test
    void formatsTheDocumentedCompactValue() {
        var prefs = new ConsentPreferences(ID, 3, Instant.ofEpochSecond(1763900000L), Map.of(
                ConsentPreferences.Category.PREFERENCES, false,
                ConsentPreferences.Category.STATISTICS, true,
                ConsentPreferences.Category.MARKETING, false));
        assertThat(prefs.format()).isEqualTo("1.6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11.3.1763900000.p0s1m0");
    }

    @Test
    void readsBackWhatItWrites() {
        var prefs = new ConsentPreferences(UUID.randomUUID(), 12, Instant.ofEpochSecond(1700000000L),
                Map.of(ConsentPreferences.Category.MARKETING, true));
        assertThat(ConsentPreferences.parse(prefs.format())).contains(prefs);
    }

    @Test
    void aRefusalIsStoredLikeAnAcceptance() {
        var refused = ConsentPreferences.parse("1.6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11.3.1763900000.p0s0m0").orElseThrow();
        assertThat(refused.decisions()).hasSize(3).containsValues(false);
        assertThat(refused.accepted(ConsentPreferences.Category.STATISTICS)).isFalse();
    }

    @Test
    void valueUsesOnlyCookieOctets() {
        String value = new ConsentPreferences(UUID.randomUUID(), 1, Instant.now(),
                Map.of(ConsentPreferences.Category.PREFERENCES, true)).format();
        assertThat(value).matches("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "garbage", "0.6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11.3.1763900000.p0s1m0",
            "2.6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11.3.1763900000.p0s1m0",
            "1.not-a-uuid.3.1763900000.p0s1m0",
            "1.6f1c2a7e-0d4b-1c1e-9a55-2b8e0f3d9c11.3.1763900000.p0s1m0",
            "1.6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11.-3.1763900000.p0s1m0",
            "1.6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11.3.1763900000.p0p1",
            "1.6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11.3.1763900000.x1",
            "1.6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11.3.1763900000.p2",
            "1.6F1C2A7E-0D4B-4C1E-9A55-2B8E0F3D9C11.3.1763900000.p0",
            "1.6f1c2a7e-0d4b-4c1e-9a55-2b8e0f3d9c11.3.1763900000.p0s1m0;evil"})
    void damagedOlderOrForgedValuesMeanNoChoiceYet(String value) {
        assertThat(ConsentPreferences.parse(value)).isEmpty();
    }

    @Test
    void nullMeansNoChoiceYet() {
        assertThat(ConsentPreferences.parse(null)).isEmpty();
    }
}
