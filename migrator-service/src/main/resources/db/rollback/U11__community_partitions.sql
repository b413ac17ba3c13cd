-- Reverses V11__community_partitions.sql: one row per month again, with the latest version of its communities'.
CREATE OR REPLACE FUNCTION touch_partitions(facts text, changed_in bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('INSERT INTO read_model_partitions (month, version) '
                   'SELECT DISTINCT (date_trunc(''month'', t, ''UTC'') AT TIME ZONE ''UTC'')::date, $1 '
                   'FROM (%s) f, LATERAL (VALUES (f.submitted_at), (f.effective_takedown_at)) AS times (t) '
                   'WHERE t IS NOT NULL '
                   'ON CONFLICT (month) DO UPDATE SET version = EXCLUDED.version', facts)
        USING changed_in;
END
$$;
REVOKE EXECUTE ON FUNCTION touch_partitions(text, bigint) FROM PUBLIC;
ALTER TABLE read_model_partitions RENAME TO read_model_community_partitions;
CREATE TABLE read_model_partitions (
    month    date   PRIMARY KEY,
    version  bigint NOT NULL
);
INSERT INTO read_model_partitions (month, version)
SELECT month, max(version) FROM read_model_community_partitions GROUP BY month;
DROP TABLE read_model_community_partitions;
GRANT SELECT ON read_model_partitions TO bi_reader;
