-- The consent ledger (consent module). Records are appended, never updated: each portal's records form a hash
-- chain (seq 1, 2, 3 ...; hash = SHA-256 of the previous hash and the record), whose head is consent_chain.

-- Every text set a banner showed, under its hash, so that each record resolves to the words the visitor saw.
CREATE TABLE consent_text (
    portal_id  BIGINT      NOT NULL REFERENCES portal (id) ON DELETE CASCADE,
    text_hash  VARCHAR(64) NOT NULL,
    revision   INTEGER     NOT NULL,
    language   VARCHAR(2)  NOT NULL,
    texts      TEXT        NOT NULL,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT consent_text_pk PRIMARY KEY (portal_id, text_hash)
);

-- The head of each portal's chain (locked by writers, so that several nodes append in one order) and its anchor:
-- the sequence number and hash of the last record purged by retention (0 and the zero hash before any purge).
CREATE TABLE consent_chain (
    portal_id   BIGINT      NOT NULL REFERENCES portal (id) ON DELETE CASCADE,
    last_seq    BIGINT      NOT NULL,
    last_hash   VARCHAR(64) NOT NULL,
    anchor_seq  BIGINT      NOT NULL,
    anchor_hash VARCHAR(64) NOT NULL,
    CONSTRAINT consent_chain_pk PRIMARY KEY (portal_id)
);

CREATE TABLE consent_record (
    portal_id   BIGINT       NOT NULL REFERENCES portal (id) ON DELETE CASCADE,
    seq         BIGINT       NOT NULL,
    consent_id  VARCHAR(36)  NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revision    INTEGER      NOT NULL,
    language    VARCHAR(2)   NOT NULL,
    action      VARCHAR(10)  NOT NULL,
    choices     VARCHAR(100) NOT NULL,
    text_hash   VARCHAR(64)  NOT NULL,
    source      VARCHAR(8)   NOT NULL,
    variant     VARCHAR(16)  NOT NULL,
    user_agent  VARCHAR(160),
    ip          VARCHAR(45),
    prev_hash   VARCHAR(64)  NOT NULL,
    hash        VARCHAR(64)  NOT NULL,
    CONSTRAINT consent_record_pk PRIMARY KEY (portal_id, seq)
);
CREATE INDEX consent_record_consent_ix ON consent_record (portal_id, consent_id);
CREATE INDEX consent_record_time_ix ON consent_record (portal_id, recorded_at);
