package eu.charte.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A new account: e-mail address, initial password, and either platform administrator or portal memberships. */
public record NewAccount(
        @NotBlank @Email @Size(max = 320) String email,
        @NotBlank @Size(min = 12, max = 200) String password,
        boolean platformAdmin,
        @Size(max = 500) List<@NotNull @Valid Membership> memberships) {

    public NewAccount {
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
    }

    /** A role on the portal of the given slug. */
    public record Membership(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,63}") String portal, @NotNull Role role) {
    }
}
