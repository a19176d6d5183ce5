-- Per-portal ledger settings (a portal without a row uses the defaults of charte.consent.*) and the log of
-- retention purges: each purge moves the chain's anchor, and this log says when, how far and from which hash.
CREATE TABLE consent_settings (
    portal_id      BIGINT  NOT NULL REFERENCES portal (id) ON DELETE CASCADE,
    retention_days INTEGER NOT NULL,
    store_ip       BOOLEAN NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT consent_settings_pk PRIMARY KEY (portal_id)
);

CREATE TABLE consent_purge (
    portal_id   BIGINT      NOT NULL REFERENCES portal (id) ON DELETE CASCADE,
    up_to_seq   BIGINT      NOT NULL,
    anchor_hash VARCHAR(64) NOT NULL,
    removed     BIGINT      NOT NULL,
    purged_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT consent_purge_pk PRIMARY KEY (portal_id, up_to_seq)
);
