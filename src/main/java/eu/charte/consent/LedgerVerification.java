package eu.charte.consent;

import java.util.List;

/**
 * What {@link ConsentLedger#verify} found in a portal's chain.
 *
 * @param records how many records the ledger holds
 * @param headHash the chain head's hash: publish or keep it elsewhere to detect a rewrite of the whole chain
 * @param findings every record altered, removed or reordered; empty when the chain is intact
 */
public record LedgerVerification(String portal, long records, String headHash, List<Finding> findings) {

    public LedgerVerification {
        findings = List.copyOf(findings);
    }

    public boolean intact() {
        return findings.isEmpty();
    }

    public enum Kind { ALTERED, REMOVED, REORDERED, HEAD_MISSING }

    /** One problem, at the record with this sequence number. */
    public record Finding(long sequence, Kind kind, String detail) {
    }
}
