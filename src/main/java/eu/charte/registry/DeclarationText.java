package eu.charte.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A declaration's texts in one language. Plain text: every format escapes it. */
public record DeclarationText(@NotBlank @Size(max = 300) String service, @NotBlank @Size(max = 1000) String purpose) {
}
