-- Per-portal banner settings. A portal without a row uses the defaults (choice kept 182 days, integrations off).
CREATE TABLE banner_settings (
    portal_id            BIGINT  NOT NULL REFERENCES portal (id) ON DELETE CASCADE,
    choice_lifetime_days INTEGER NOT NULL,
    consent_mode         BOOLEAN NOT NULL,
    matomo               BOOLEAN NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT banner_settings_pk PRIMARY KEY (portal_id),
    CONSTRAINT banner_settings_lifetime_ck CHECK (choice_lifetime_days BETWEEN 1 AND 395)
);
