-- Per-portal scanner settings: the schedule and the selectors of the portal's own banner buttons.
CREATE TABLE scan_setting (
    portal_id       BIGINT       NOT NULL REFERENCES portal (id) ON DELETE CASCADE,
    interval_days   INTEGER,
    next_run_at     TIMESTAMP WITH TIME ZONE,
    reject_selector VARCHAR(300),
    accept_selector VARCHAR(300),
    max_pages       INTEGER      NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT scan_setting_pk PRIMARY KEY (portal_id)
);
CREATE INDEX scan_setting_due_ix ON scan_setting (next_run_at);
