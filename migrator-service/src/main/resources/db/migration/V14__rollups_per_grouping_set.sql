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
