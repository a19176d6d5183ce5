package eu.charte.scanner;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a finding says; the JSON {@code type}. */
enum FindingType {
    /** Seen, not in the registry (with the catalogue's suggestion). */
    UNDECLARED("undeclared", Severity.MEDIUM),
    /** A non-necessary cookie, storage key or third-party request before any choice. */
    BEFORE_CONSENT("before-consent", Severity.HIGH),
    /** A non-necessary cookie, storage key or third-party request that "refuse all" added. */
    AFTER_REFUSAL("after-refusal", Severity.HIGH),
    /** Declared, never seen in any profile. */
    DECLARED_NOT_SEEN("declared-not-seen", Severity.INFO),
    /** Lives longer than declared (+1 day), over 400 days, or over 13 months for a non-necessary cookie of a FR portal. */
    LIFETIME_EXCEEDS_DECLARED("lifetime-exceeds-declared", Severity.MEDIUM),
    /** A session or CSRF cookie without Secure, HttpOnly (session cookies) or SameSite. */
    INSECURE_ATTRIBUTES("insecure-attributes", Severity.MEDIUM),
    /** A page that could not load (TLS error, timeout, 5xx, redirect loop), or a banner that could not be answered. */
    PAGE_ERROR("page-error", Severity.LOW);

    private final String code;
    private final Severity severity;

    FindingType(String code, Severity severity) {
        this.code = code;
        this.severity = severity;
    }

    @JsonValue
    public String code() {
        return code;
    }

    Severity severity() {
        return severity;
    }
}
