-- Schema change only: the specific platform beside the broad group. Existing rows are filled by the separate
-- data repair V3 (the URL → platform rule lives in Java, in one place); V4 then makes the column mandatory.
ALTER TABLE submissions
    ADD COLUMN platform_detail text CHECK (platform_detail IN ('facebook', 'instagram', 'threads', 'whatsapp', 'x',
        'tiktok', 'youtube', 'telegram', 'reddit', 'other', 'unknown'));

-- Every data repair records what it changed, so it can be reviewed and reversed on its own.
CREATE TABLE data_repairs (
    version       text PRIMARY KEY,
    description   text        NOT NULL,
    rows_changed  bigint      NOT NULL,
    applied_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE data_repair_changes (
    version        text   NOT NULL REFERENCES data_repairs (version) ON DELETE CASCADE,
    submission_id  bigint NOT NULL,
    before         jsonb  NOT NULL,
    after          jsonb  NOT NULL,
    PRIMARY KEY (version, submission_id)
);
