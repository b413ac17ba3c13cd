-- Rollups per grouping set: the overview asks for totals by platform (with its detail) and by community, never
-- their product, and the rollups by community × platform × detail hold about 108 groups a bucket on the
-- 1,000,000-post base, where platform × detail holds about 12 and community 9. The metric engine routes each grouping
-- set of a question on its own, to the rollup with the fewest dimensions that answers it, so a year's overview reads
-- about a fifth of the rows it read (2,279 before). Kept in each chunk's transaction, audited and rebuilt like every
-- rollup declared here; the rollup functions are V13's.
INSERT INTO read_model_rollups VALUES
    ('daily_by_platform', 'mv_daily_by_platform_rollup', 'day', 'day', '{platform,platform_detail}', NULL),
    ('weekly_by_platform', 'mv_weekly_by_platform_rollup', 'week', 'week', '{platform,platform_detail}', NULL),
    ('monthly_by_platform', 'mv_monthly_by_platform_rollup', 'month', 'month', '{platform,platform_detail}', NULL),
    ('weekly_by_community', 'mv_weekly_by_community_rollup', 'week', 'week', '{community_id}', NULL),
    ('monthly_by_community', 'mv_monthly_by_community_rollup', 'month', 'month', '{community_id}', NULL);

CREATE TABLE mv_daily_by_platform_rollup (
    day                       date   NOT NULL,
    platform                  text   NOT NULL,
    platform_detail           text   NOT NULL,
    submissions               bigint NOT NULL,
    submissions_removed       bigint NOT NULL,
    removals                  bigint NOT NULL,
    removals_report_flow      bigint NOT NULL,
    removals_legacy_fallback  bigint NOT NULL
);
CREATE TABLE mv_weekly_by_platform_rollup (LIKE mv_daily_by_platform_rollup);
ALTER TABLE mv_weekly_by_platform_rollup RENAME COLUMN day TO week;
CREATE TABLE mv_monthly_by_platform_rollup (LIKE mv_daily_by_platform_rollup);
ALTER TABLE mv_monthly_by_platform_rollup RENAME COLUMN day TO month;
CREATE TABLE mv_weekly_by_community_rollup (LIKE mv_daily_by_community_rollup);
ALTER TABLE mv_weekly_by_community_rollup RENAME COLUMN day TO week;
CREATE TABLE mv_monthly_by_community_rollup (LIKE mv_daily_by_community_rollup);
ALTER TABLE mv_monthly_by_community_rollup RENAME COLUMN day TO month;

SELECT create_rollup_views(name) FROM read_model_rollups
WHERE name IN ('daily_by_platform', 'weekly_by_platform', 'monthly_by_platform', 'weekly_by_community',
               'monthly_by_community') ORDER BY name;

INSERT INTO mv_daily_by_platform_rollup SELECT * FROM daily_by_platform_rollup_rule ORDER BY day;
INSERT INTO mv_weekly_by_platform_rollup SELECT * FROM weekly_by_platform_rollup_rule ORDER BY week;
INSERT INTO mv_monthly_by_platform_rollup SELECT * FROM monthly_by_platform_rollup_rule ORDER BY month;
INSERT INTO mv_weekly_by_community_rollup SELECT * FROM weekly_by_community_rollup_rule ORDER BY week;
INSERT INTO mv_monthly_by_community_rollup SELECT * FROM monthly_by_community_rollup_rule ORDER BY month;
CREATE UNIQUE INDEX mv_daily_by_platform_rollup_pk ON mv_daily_by_platform_rollup (day, platform, platform_detail);
CREATE UNIQUE INDEX mv_weekly_by_platform_rollup_pk
    ON mv_weekly_by_platform_rollup (week, platform, platform_detail);
CREATE UNIQUE INDEX mv_monthly_by_platform_rollup_pk
    ON mv_monthly_by_platform_rollup (month, platform, platform_detail);
CREATE UNIQUE INDEX mv_weekly_by_community_rollup_pk ON mv_weekly_by_community_rollup (week, community_id)
    NULLS NOT DISTINCT;
CREATE UNIQUE INDEX mv_monthly_by_community_rollup_pk ON mv_monthly_by_community_rollup (month, community_id)
    NULLS NOT DISTINCT;
ANALYZE mv_daily_by_platform_rollup, mv_weekly_by_platform_rollup, mv_monthly_by_platform_rollup,
        mv_weekly_by_community_rollup, mv_monthly_by_community_rollup;

-- A rebuild (a bulk load's build among them) sums a rollup from one it rebuilt before it, where that one keeps every
-- bucket (no horizon) and every dimension it needs, and its buckets nest in its own (days in weeks and months, or the
-- same unit with more dimensions): a coarser rule groups the same events into groups of the finer rule's groups, so
-- the rows are the rule's rows. The daily and hourly rollups are built from the facts; the nine others are summed
-- from the smallest finer rollup (the weekly from the daily, the monthly by community from the monthly, …), where
-- each rule was a pass over the facts of its own (about a second each on the 1,000,000-post base). The audit still
-- compares every rollup with its own rule.
-- Finer units first, and at one unit more dimensions first: whatever a rollup is summed from is rebuilt before it.
CREATE FUNCTION rollup_rebuild_order(unit text) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
    SELECT array_position(ARRAY['hour', 'day', 'week', 'month'], unit)
$$;

CREATE FUNCTION rollup_rebuild_sql(r read_model_rollups) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT format('SELECT %1$s AS %2$I%3$s, sum(submissions)::bigint AS submissions, '
                       'sum(submissions_removed)::bigint AS submissions_removed, sum(removals)::bigint AS removals, '
                       'sum(removals_report_flow)::bigint AS removals_report_flow, '
                       'sum(removals_legacy_fallback)::bigint AS removals_legacy_fallback '
                       'FROM pg_temp.%4$I GROUP BY 1%3$s ORDER BY 1',
                       CASE WHEN s.unit = r.unit THEN quote_ident(s.time_column)
                            ELSE format('date_trunc(%L, %I::timestamp)::date', r.unit, s.time_column) END,
                       r.time_column,
                       (SELECT coalesce(string_agg(', ' || quote_ident(d), ''), '') FROM unnest(r.dimensions) d),
                       'rebuilt_' || s.name)
         FROM read_model_rollups s
         WHERE s.name <> r.name AND s.horizon IS NULL AND r.horizon IS NULL AND s.dimensions @> r.dimensions
           AND (s.unit = r.unit AND cardinality(s.dimensions) > cardinality(r.dimensions)
                OR s.unit = 'day' AND r.unit IN ('week', 'month'))
         ORDER BY rollup_rebuild_order(s.unit) DESC, cardinality(s.dimensions), s.name
         LIMIT 1),
        format('SELECT * FROM %I ORDER BY %I', r.name || '_rollup_rule', r.time_column))
$$;

CREATE OR REPLACE FUNCTION refresh_submission_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint := 0;
    new_version bigint;
    r read_model_rollups;
BEGIN
    LOCK TABLE mv_submission_facts IN SHARE ROW EXCLUSIVE MODE;
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', r.relation);
    END LOOP;

    DROP TABLE IF EXISTS pg_temp.rebuilt_facts;  -- a second rebuild in the same transaction
    CREATE TEMP TABLE rebuilt_facts ON COMMIT DROP AS SELECT * FROM submission_facts_rule;
    changed := changed + replace_differing_rows('mv_submission_facts', 'pg_temp.rebuilt_facts',
                                                't.submission_id = d.submission_id');
    FOR r IN SELECT * FROM read_model_rollups
             ORDER BY rollup_rebuild_order(unit), cardinality(dimensions) DESC, name LOOP
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', 'rebuilt_' || r.name);
        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS %s', 'rebuilt_' || r.name, rollup_rebuild_sql(r));
        changed := changed + replace_differing_rows(r.relation::regclass, ('pg_temp.rebuilt_' || r.name)::regclass,
            (SELECT string_agg(CASE WHEN k = 'community_id' THEN 'coalesce(t.community_id, -1) = coalesce(d.community_id, -1)'
                                    ELSE format('t.%1$I = d.%1$I', k) END, ' AND ')
             FROM unnest(r.time_column || r.dimensions) k));
    END LOOP;
    IF changed > 0 THEN
        UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp()
        RETURNING version INTO new_version;
        UPDATE read_model_partitions SET version = new_version;
        PERFORM touch_partitions('SELECT * FROM mv_submission_facts', new_version);
    END IF;
    RETURN changed;
END
$$;
REVOKE EXECUTE ON FUNCTION rollup_rebuild_sql(read_model_rollups), rollup_rebuild_order(text) FROM PUBLIC;
