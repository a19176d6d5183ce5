package eu.charte.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageTests {

    @Test
    void readsCodesAndLanguageTagsInAnyCase() {
        assertThat(Language.parse("fr")).contains(Language.FR);
        assertThat(Language.parse("NL")).contains(Language.NL);
        assertThat(Language.parse("nl-BE")).contains(Language.NL);
        assertThat(Language.parse("de_AT")).contains(Language.DE);
        assertThat(Language.parse(" en-gb ")).contains(Language.EN);
        assertThat(Language.parse("En")).contains(Language.EN);
    }

    @Test
    void refusesAnythingElse() {
        for (String value : new String[] {null, "", "  ", "f", "fra", "frr", "es", "-fr", "_", "fr.", "français"}) {
            assertThat(Language.parse(value)).as(String.valueOf(value)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void ofAcceptsOnlyABareCode() {
        assertThat(Language.of("de")).isEqualTo(Language.DE);
        assertThat(Language.of(" DE ")).isEqualTo(Language.DE);
        assertThatThrownBy(() -> Language.of("de-BE")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Language.FR.code()).isEqualTo("fr");
    }
}
