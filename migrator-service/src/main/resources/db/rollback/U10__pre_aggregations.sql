-- Reverses V10__pre_aggregations.sql: the read model keeps the daily and hourly rollups only, as V6 made them.
CREATE OR REPLACE VIEW daily_rollup_rule AS
SELECT (e.at AT TIME ZONE 'UTC')::date AS day, f.community_id, f.platform, f.platform_detail,
       sum(e.submissions)::bigint AS submissions, sum(e.submissions_removed)::bigint AS submissions_removed,
       sum(e.removals)::bigint AS removals, sum(e.removals_report_flow)::bigint AS removals_report_flow,
       sum(e.removals_legacy_fallback)::bigint AS removals_legacy_fallback
FROM mv_submission_facts f,
     LATERAL submission_fact_events(f.submitted_at, f.effective_takedown_at, f.takedown_source) e
GROUP BY 1, 2, 3, 4;

CREATE OR REPLACE VIEW hourly_rollup_rule AS
SELECT date_trunc('hour', e.at, 'UTC') AS hour, f.community_id, f.platform, f.platform_detail,
       sum(e.submissions)::bigint AS submissions, sum(e.submissions_removed)::bigint AS submissions_removed,
       sum(e.removals)::bigint AS removals, sum(e.removals_report_flow)::bigint AS removals_report_flow,
       sum(e.removals_legacy_fallback)::bigint AS removals_legacy_fallback
FROM mv_submission_facts f,
     LATERAL submission_fact_events(f.submitted_at, f.effective_takedown_at, f.takedown_source) e
WHERE e.at >= hourly_rollup_horizon()
GROUP BY 1, 2, 3, 4;

CREATE OR REPLACE VIEW daily_rollup_now AS
SELECT day, community_id, platform, platform_detail, submissions, submissions_removed, removals,
       removals_report_flow, removals_legacy_fallback
FROM mv_daily_rollup
UNION ALL
SELECT (submitted_at AT TIME ZONE 'UTC')::date, community_id, platform, platform_detail, 0, -1, 0, 0, 0
FROM mv_submission_facts
WHERE effective_takedown_at IS NOT NULL AND NOT taken_down_by_now(effective_takedown_at);

CREATE OR REPLACE VIEW hourly_rollup_now AS
SELECT hour, community_id, platform, platform_detail, submissions, submissions_removed, removals,
       removals_report_flow, removals_legacy_fallback
FROM mv_hourly_rollup
UNION ALL
SELECT date_trunc('hour', submitted_at, 'UTC'), community_id, platform, platform_detail, 0, -1, 0, 0, 0
FROM mv_submission_facts
WHERE effective_takedown_at IS NOT NULL AND NOT taken_down_by_now(effective_takedown_at)
  AND submitted_at >= hourly_rollup_horizon();

CREATE OR REPLACE FUNCTION apply_submission_facts(submission_ids bigint[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint;
    days date[];
    hours timestamptz[];
BEGIN
    -- One writer of the read model at a time (until commit): each reads the facts it replaces, and two replacing the
    -- same ones would both take their contribution out of the rollups. 'rmf' in ASCII; the migration lock is 'mig'.
    PERFORM pg_advisory_xact_lock(7499110);
    WITH fresh AS MATERIALIZED (
        SELECT * FROM submission_facts_rule WHERE submission_id = ANY (submission_ids)
    ), stale AS MATERIALIZED (
        SELECT * FROM mv_submission_facts WHERE submission_id = ANY (submission_ids)
    ), leaving AS MATERIALIZED (
        SELECT * FROM stale EXCEPT ALL SELECT * FROM fresh
    ), arriving AS MATERIALIZED (
        SELECT * FROM fresh EXCEPT ALL SELECT * FROM stale
    ), removed AS (
        DELETE FROM mv_submission_facts f USING leaving l
        WHERE f.submission_id = l.submission_id
          AND NOT EXISTS (SELECT 1 FROM arriving a WHERE a.submission_id = l.submission_id)
    ), written AS (
        INSERT INTO mv_submission_facts SELECT * FROM arriving
        ON CONFLICT (submission_id) DO UPDATE SET legacy_id = EXCLUDED.legacy_id,
            community_id = EXCLUDED.community_id, community_slug = EXCLUDED.community_slug,
            platform = EXCLUDED.platform, platform_detail = EXCLUDED.platform_detail, status = EXCLUDED.status,
            submitted_at = EXCLUDED.submitted_at, effective_takedown_at = EXCLUDED.effective_takedown_at,
            takedown_source = EXCLUDED.takedown_source, report_count = EXCLUDED.report_count,
            category_codes = EXCLUDED.category_codes, hashtag_count = EXCLUDED.hashtag_count,
            analysis_score = EXCLUDED.analysis_score
    ), events AS MATERIALIZED (
        SELECT -1 AS sign, l.community_id, l.platform, l.platform_detail, e.*
        FROM leaving l, LATERAL submission_fact_events(l.submitted_at, l.effective_takedown_at, l.takedown_source) e
        UNION ALL
        SELECT 1, a.community_id, a.platform, a.platform_detail, e.*
        FROM arriving a, LATERAL submission_fact_events(a.submitted_at, a.effective_takedown_at, a.takedown_source) e
    ), daily AS (
        INSERT INTO mv_daily_rollup AS d
        SELECT (at AT TIME ZONE 'UTC')::date, community_id, platform, platform_detail, sum(sign * submissions),
               sum(sign * submissions_removed), sum(sign * removals), sum(sign * removals_report_flow),
               sum(sign * removals_legacy_fallback)
        FROM events
        GROUP BY 1, 2, 3, 4
        HAVING (sum(sign * submissions), sum(sign * submissions_removed), sum(sign * removals),
                sum(sign * removals_report_flow), sum(sign * removals_legacy_fallback)) <> (0, 0, 0, 0, 0)
        ON CONFLICT (day, community_id, platform, platform_detail) DO UPDATE SET
            submissions = d.submissions + EXCLUDED.submissions,
            submissions_removed = d.submissions_removed + EXCLUDED.submissions_removed,
            removals = d.removals + EXCLUDED.removals,
            removals_report_flow = d.removals_report_flow + EXCLUDED.removals_report_flow,
            removals_legacy_fallback = d.removals_legacy_fallback + EXCLUDED.removals_legacy_fallback
        RETURNING d.day
    ), hourly AS (
        INSERT INTO mv_hourly_rollup AS h
        SELECT date_trunc('hour', at, 'UTC'), community_id, platform, platform_detail, sum(sign * submissions),
               sum(sign * submissions_removed), sum(sign * removals), sum(sign * removals_report_flow),
               sum(sign * removals_legacy_fallback)
        FROM events
        WHERE at >= hourly_rollup_horizon()
        GROUP BY 1, 2, 3, 4
        HAVING (sum(sign * submissions), sum(sign * submissions_removed), sum(sign * removals),
                sum(sign * removals_report_flow), sum(sign * removals_legacy_fallback)) <> (0, 0, 0, 0, 0)
        ON CONFLICT (hour, community_id, platform, platform_detail) DO UPDATE SET
            submissions = h.submissions + EXCLUDED.submissions,
            submissions_removed = h.submissions_removed + EXCLUDED.submissions_removed,
            removals = h.removals + EXCLUDED.removals,
            removals_report_flow = h.removals_report_flow + EXCLUDED.removals_report_flow,
            removals_legacy_fallback = h.removals_legacy_fallback + EXCLUDED.removals_legacy_fallback
        RETURNING h.hour
    )
    SELECT (SELECT count(*) FROM leaving) + (SELECT count(*) FROM arriving),
           (SELECT array_agg(DISTINCT day) FROM daily), (SELECT array_agg(DISTINCT hour) FROM hourly)
    INTO changed, days, hours;

    -- A key whose counts all went back to zero is gone, as a rebuild would have it.
    DELETE FROM mv_daily_rollup
    WHERE day = ANY (days) AND submissions = 0 AND submissions_removed = 0 AND removals = 0
      AND removals_report_flow = 0 AND removals_legacy_fallback = 0;
    DELETE FROM mv_hourly_rollup
    WHERE hour = ANY (hours) AND submissions = 0 AND submissions_removed = 0 AND removals = 0
      AND removals_report_flow = 0 AND removals_legacy_fallback = 0;
    IF changed > 0 THEN
        UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp();
    END IF;
    RETURN changed;
END
$$;

CREATE OR REPLACE FUNCTION refresh_submission_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint := 0;
BEGIN
    LOCK TABLE mv_submission_facts, mv_daily_rollup, mv_hourly_rollup IN SHARE ROW EXCLUSIVE MODE;
    IF to_regclass('pg_temp.rebuilt_facts') IS NOT NULL THEN  -- a second rebuild in the same transaction
        DROP TABLE pg_temp.rebuilt_facts, pg_temp.rebuilt_daily, pg_temp.rebuilt_hourly;
    END IF;

    CREATE TEMP TABLE rebuilt_facts ON COMMIT DROP AS SELECT * FROM submission_facts_rule;
    changed := changed + replace_differing_rows('mv_submission_facts', 'pg_temp.rebuilt_facts',
                                                't.submission_id = d.submission_id');

    CREATE TEMP TABLE rebuilt_daily ON COMMIT DROP AS SELECT * FROM daily_rollup_rule;
    changed := changed + replace_differing_rows('mv_daily_rollup', 'pg_temp.rebuilt_daily',
                                                't.day = d.day AND coalesce(t.community_id, -1) = coalesce(d.community_id, -1) '
                                                'AND t.platform = d.platform AND t.platform_detail = d.platform_detail');

    CREATE TEMP TABLE rebuilt_hourly ON COMMIT DROP AS SELECT * FROM hourly_rollup_rule;
    changed := changed + replace_differing_rows('mv_hourly_rollup', 'pg_temp.rebuilt_hourly',
                                                't.hour = d.hour AND coalesce(t.community_id, -1) = coalesce(d.community_id, -1) '
                                                'AND t.platform = d.platform AND t.platform_detail = d.platform_detail');
    IF changed > 0 THEN
        UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp();
    END IF;
    RETURN changed;
END
$$;

CREATE OR REPLACE FUNCTION prune_hourly_rollup() RETURNS bigint
LANGUAGE sql AS $$
    WITH pruned AS (DELETE FROM mv_hourly_rollup WHERE hour < hourly_rollup_horizon() RETURNING 1)
    SELECT count(*) FROM pruned
$$;

DROP FUNCTION add_to_rollup(read_model_rollups), touch_partitions(text, bigint), create_rollup_views(text);
DROP TABLE read_model_partitions;
DROP VIEW daily_by_community_rollup_now, daily_by_community_rollup_rule, weekly_rollup_now, weekly_rollup_rule,
    monthly_rollup_now, monthly_rollup_rule;
DROP TABLE mv_daily_by_community_rollup, mv_weekly_rollup, mv_monthly_rollup;
DROP FUNCTION rollup_events_sql(read_model_rollups, text), rollup_horizon_sql(interval, text, text),
    rollup_horizon(interval), rollup_bucket_sql(text, text);
DROP TABLE read_model_rollups;
CREATE OR REPLACE FUNCTION taken_down_by_now(effective_takedown_at timestamptz) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT effective_takedown_at <= now()
$$;
