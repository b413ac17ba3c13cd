-- Reverses V6__incremental_read_model.sql: the read model as materialized views again (V4), refreshed whole.
DROP FUNCTION prune_hourly_rollup();
DROP FUNCTION refresh_submission_facts();
DROP FUNCTION replace_differing_rows(regclass, regclass, text);
DROP FUNCTION apply_submission_facts(bigint[]);
DROP TABLE read_model_version;
DROP VIEW hourly_rollup_now;
DROP VIEW daily_rollup_now;
DROP FUNCTION taken_down_by_now(timestamptz);
DROP VIEW hourly_rollup_rule;
DROP VIEW daily_rollup_rule;
DROP TABLE mv_hourly_rollup;
DROP TABLE mv_daily_rollup;
DROP TABLE mv_submission_facts;
DROP FUNCTION hourly_rollup_horizon();
DROP FUNCTION submission_fact_events(timestamptz, timestamptz, text);
DROP VIEW submission_facts_rule;

ALTER TABLE read_model_rebuilds DROP COLUMN rows_changed;
ALTER TABLE read_model_rebuilds ADD COLUMN concurrent boolean NOT NULL DEFAULT true;
ALTER TABLE read_model_rebuilds ALTER COLUMN concurrent DROP DEFAULT;
ALTER TABLE read_model_rebuilds RENAME TO read_model_refreshes;

CREATE MATERIALIZED VIEW mv_submission_facts AS
WITH report_facts AS (
    SELECT submission_id, count(*) AS report_count, min(taken_down_at) AS first_report_takedown_at
    FROM reports
    WHERE deleted_at IS NULL
    GROUP BY submission_id
), category_facts AS (
    SELECT sc.submission_id, array_agg(c.code ORDER BY c.code) AS category_codes
    FROM submission_categories sc
    JOIN categories c ON c.id = sc.category_id
    GROUP BY sc.submission_id
), hashtag_facts AS (
    SELECT submission_id, count(*) AS hashtag_count
    FROM submission_hashtags
    GROUP BY submission_id
)
SELECT s.id                                                   AS submission_id,
       s.legacy_id,
       s.community_id,
       c.slug                                                 AS community_slug,
       s.platform,
       s.platform_detail,
       s.status,
       s.submitted_at,
       COALESCE(r.first_report_takedown_at, s.legacy_removed_at) AS effective_takedown_at,
       CASE
           WHEN r.first_report_takedown_at IS NOT NULL THEN 'report_flow'
           WHEN s.legacy_removed_at IS NOT NULL THEN 'legacy_fallback'
       END                                                    AS takedown_source,
       COALESCE(r.report_count, 0)                            AS report_count,
       COALESCE(cf.category_codes, '{}'::text[])              AS category_codes,
       COALESCE(h.hashtag_count, 0)                           AS hashtag_count,
       a.score                                                AS analysis_score
FROM submissions s
LEFT JOIN communities c ON c.id = s.community_id
LEFT JOIN report_facts r ON r.submission_id = s.id
LEFT JOIN category_facts cf ON cf.submission_id = s.id
LEFT JOIN hashtag_facts h ON h.submission_id = s.id
LEFT JOIN analysis a ON a.submission_id = s.id
WHERE s.deleted_at IS NULL;

CREATE UNIQUE INDEX mv_submission_facts_pk ON mv_submission_facts (submission_id);
CREATE UNIQUE INDEX mv_submission_facts_legacy_idx ON mv_submission_facts (legacy_id);
CREATE INDEX mv_submission_facts_submitted_idx ON mv_submission_facts (community_id, submitted_at);
CREATE INDEX mv_submission_facts_takedown_idx ON mv_submission_facts (community_id, effective_takedown_at)
    WHERE effective_takedown_at IS NOT NULL;
CREATE INDEX mv_submission_facts_submitted_at_idx ON mv_submission_facts (submitted_at);
CREATE INDEX mv_submission_facts_takedown_at_idx ON mv_submission_facts (effective_takedown_at)
    WHERE effective_takedown_at IS NOT NULL;

CREATE MATERIALIZED VIEW mv_daily_rollup AS
SELECT day, community_id, platform, platform_detail,
       sum(submissions)::bigint              AS submissions,
       sum(submissions_removed)::bigint      AS submissions_removed,
       sum(removals)::bigint                 AS removals,
       sum(removals_report_flow)::bigint     AS removals_report_flow,
       sum(removals_legacy_fallback)::bigint AS removals_legacy_fallback
FROM (
    SELECT (submitted_at AT TIME ZONE 'UTC')::date AS day, community_id, platform, platform_detail,
           1 AS submissions,
           CASE WHEN effective_takedown_at <= now() THEN 1 ELSE 0 END AS submissions_removed,
           0 AS removals, 0 AS removals_report_flow, 0 AS removals_legacy_fallback
    FROM mv_submission_facts
    UNION ALL
    SELECT (effective_takedown_at AT TIME ZONE 'UTC')::date, community_id, platform, platform_detail,
           0, 0, 1,
           CASE WHEN takedown_source = 'report_flow' THEN 1 ELSE 0 END,
           CASE WHEN takedown_source = 'legacy_fallback' THEN 1 ELSE 0 END
    FROM mv_submission_facts
    WHERE effective_takedown_at IS NOT NULL
) AS facts
GROUP BY day, community_id, platform, platform_detail;

CREATE UNIQUE INDEX mv_daily_rollup_pk ON mv_daily_rollup (day, community_id, platform, platform_detail)
    NULLS NOT DISTINCT;
CREATE INDEX mv_daily_rollup_community_day_idx ON mv_daily_rollup (community_id, day);

GRANT SELECT ON mv_submission_facts, mv_daily_rollup, read_model_refreshes TO bi_reader;
