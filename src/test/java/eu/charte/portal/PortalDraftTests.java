package eu.charte.portal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field rules of a portal draft. */
class PortalDraftTests {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    private static PortalDraft withHosts(List<String> hosts) {
        return new PortalDraft("a-portal", "A portal", "https://data.example.org", hosts, List.of(Language.FR),
                Jurisdiction.BE, new PortalDraft.Controller("Org", "dpo@example.org"));
    }

    @Test
    void acceptsPlainHostNames() {
        assertThat(validator.validate(withHosts(List.of("data.example.org", "localhost")))).isEmpty();
    }

    @Test
    void refusesHostNamesWithAPortSinceRequestsAreMatchedOnTheNameAlone() {
        assertThat(validator.validate(withHosts(List.of("data.example.org:8443"))))
                .extracting(v -> v.getPropertyPath().toString()).containsExactly("hosts[0].<list element>");
    }
}
