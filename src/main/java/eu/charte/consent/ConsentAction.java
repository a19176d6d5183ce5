package eu.charte.consent;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a visitor did: the decision a ledger record keeps. */
public enum ConsentAction {
    ACCEPT_ALL, REJECT_ALL, CUSTOM, WITHDRAW, GPC;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConsentAction> parse(String code) {
        return Arrays.stream(values()).filter(a -> a.code().equals(code)).findFirst();
    }
}
