package eu.charte.account;

/** A user's role on one portal. Platform administrators hold every role on every portal. */
public enum Role {
    /** Manages the portal's data. */
    ADMIN,
    /** Reads the portal's data, changes nothing. */
    AUDITOR;

    public boolean mayWrite() {
        return this == ADMIN;
    }
}
