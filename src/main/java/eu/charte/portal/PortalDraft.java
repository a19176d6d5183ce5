package eu.charte.portal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an administrator submits to create or change a portal (REST body and back-office form alike).
 * Field constraints give one message per bad field; cross-field rules are checked by {@link PortalService}.
 */
public record PortalDraft(
        @NotBlank @Size(max = 63) @Pattern(regexp = SLUG, message = "{portal.slug.invalid}") String slug,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 500) @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s]*)?", message = "{portal.baseUrl.invalid}") String baseUrl,
        @Size(max = 20) List<@NotBlank @Size(max = 253) @Pattern(regexp = HOST, message = "{portal.host.invalid}") String> hosts,
        @NotEmpty @Size(max = 4) List<@NotNull Language> languages,
        @NotNull Jurisdiction jurisdiction,
        @NotNull @Valid Controller controller) {

    static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
    /** A host name as requests carry it, without a port (requests are matched on the name alone). */
    static final String HOST = "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*";

    public PortalDraft {
        hosts = hosts == null ? List.of() : hosts;
    }

    /** The controller's identity, as submitted. */
    public record Controller(
            @NotBlank @Size(max = 200) String organisation,
            @NotBlank @Size(max = 320) String contact) {
    }

    static PortalDraft of(Portal portal) {
        return new PortalDraft(portal.slug(), portal.name(), portal.baseUrl().toString(), portal.hosts(),
                portal.languages(), portal.jurisdiction(),
                new Controller(portal.controller().organisation(), portal.controller().contact()));
    }
}
