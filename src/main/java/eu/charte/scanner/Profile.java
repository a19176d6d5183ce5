package eu.charte.scanner;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The three fresh browser profiles each page is visited in. A profile starts empty at the start of a scan and keeps
 * its cookies from page to page, as a visitor's browser does; the choice of the choice profiles is made once, on
 * the first page that loads.
 */
enum Profile {
    /** No interaction at all: what a visitor who never answers the banner gets. */
    NO_INTERACTION("no-interaction", null),
    /** "Refuse all" clicked on the first page. */
    REFUSE_ALL("refuse-all", "reject_all"),
    /** "Accept all" clicked on the first page. */
    ACCEPT_ALL("accept-all", "accept_all");

    private final String code;
    private final String action;

    Profile(String code, String action) {
        this.code = code;
        this.action = action;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The banner's {@code data-charte-action} this profile clicks; null for no interaction. */
    String action() {
        return action;
    }
}
