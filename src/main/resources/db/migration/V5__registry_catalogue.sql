-- The known-cookie catalogue imported with import-cookie-db (Open Cookie Database CSV format). It belongs to the
-- platform, not to a portal, so it has no portal_id. Each import replaces every row in one transaction.
CREATE TABLE cookie_catalogue_entry (
    position         INTEGER       NOT NULL,
    source_id        VARCHAR(64)   NOT NULL,
    platform         VARCHAR(200)  NOT NULL,
    source_category  VARCHAR(32)   NOT NULL,
    category         VARCHAR(16)   NOT NULL,
    name             VARCHAR(200)  NOT NULL,
    wildcard         BOOLEAN       NOT NULL,
    cookie_domain    VARCHAR(500)  NOT NULL,
    description      VARCHAR(4000) NOT NULL,
    retention        VARCHAR(200)  NOT NULL,
    lifetime_seconds BIGINT,
    data_controller  VARCHAR(200)  NOT NULL,
    privacy_url      VARCHAR(1000) NOT NULL,
    CONSTRAINT cookie_catalogue_entry_pk PRIMARY KEY (position)
);
-- Look-ups by exact name, and by the fixed start of wildcard names.
CREATE INDEX cookie_catalogue_entry_name_ix ON cookie_catalogue_entry (name, wildcard);

-- One row: which import is current. Nodes compare the generation with the catalogue they hold in memory.
CREATE TABLE cookie_catalogue_import (
    id          INTEGER       NOT NULL,
    generation  BIGINT        NOT NULL,
    imported_at TIMESTAMP WITH TIME ZONE,
    source_file VARCHAR(1000) NOT NULL,
    row_count   INTEGER       NOT NULL,
    CONSTRAINT cookie_catalogue_import_pk PRIMARY KEY (id),
    CONSTRAINT cookie_catalogue_import_one CHECK (id = 1)
);
INSERT INTO cookie_catalogue_import (id, generation, imported_at, source_file, row_count) VALUES (1, 0, NULL, '', 0);
