-- The read-model version of the last change to each UTC month's facts, per community: an alert rule over a few
-- communities is read again only when their months changed, not whenever any community's did. The maximum over a
-- month's rows is what read_model_partitions kept before, so a reader over every community reads the same number.
ALTER TABLE read_model_partitions RENAME TO read_model_month_partitions;
CREATE TABLE read_model_partitions (
    month         date   NOT NULL,
    community_id  bigint,
    version       bigint NOT NULL
);
-- A submission without a community is its own partition (NULLS NOT DISTINCT): one row per month for all of them.
CREATE UNIQUE INDEX read_model_partitions_month_community_key ON read_model_partitions (month, community_id)
    NULLS NOT DISTINCT;
INSERT INTO read_model_partitions (month, community_id, version)
SELECT DISTINCT m.month, f.community_id, p.version
FROM mv_submission_facts f,
     LATERAL (VALUES (f.submitted_at), (f.effective_takedown_at)) AS times (t),
     LATERAL (SELECT (date_trunc('month', t, 'UTC') AT TIME ZONE 'UTC')::date AS month) m
     JOIN read_model_month_partitions p ON p.month = m.month
WHERE t IS NOT NULL;
DROP TABLE read_model_month_partitions;
GRANT SELECT ON read_model_partitions TO bi_reader;

CREATE OR REPLACE FUNCTION touch_partitions(facts text, changed_in bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('INSERT INTO read_model_partitions (month, community_id, version) '
                   'SELECT DISTINCT (date_trunc(''month'', t, ''UTC'') AT TIME ZONE ''UTC'')::date, f.community_id, $1 '
                   'FROM (%s) f, LATERAL (VALUES (f.submitted_at), (f.effective_takedown_at)) AS times (t) '
                   'WHERE t IS NOT NULL '
                   'ON CONFLICT (month, community_id) DO UPDATE SET version = EXCLUDED.version', facts)
        USING changed_in;
END
$$;
REVOKE EXECUTE ON FUNCTION touch_partitions(text, bigint) FROM PUBLIC;
ANALYZE read_model_partitions;
