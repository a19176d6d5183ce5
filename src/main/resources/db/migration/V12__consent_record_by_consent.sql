-- Looking a consent up (its latest decision, its proof) must never walk the portal's whole chain. Led by the
-- consent id, which is all but unique, this index is the one the planner picks even before it has statistics on a
-- young ledger; with seq last, a consent's records come out in chain order.
DROP INDEX consent_record_consent_ix;
CREATE INDEX consent_record_consent_ix ON consent_record (consent_id, portal_id, seq);
