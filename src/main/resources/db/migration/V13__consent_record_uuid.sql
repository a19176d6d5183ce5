-- A consent id is a UUID: stored as one (16 bytes, compared byte by byte) rather than as 36 characters compared
-- under the database's collation. Every new consent is looked up in, and added to, the index led by the consent id,
-- whose keys are random: smaller keys and cheaper comparisons on the ledger's busiest path.
ALTER TABLE consent_record ALTER COLUMN consent_id SET DATA TYPE UUID USING consent_id::uuid;
