-- Reverses V20__hourly_rollups_for_every_zone.sql: the engine reads what the declarations name, so the hours of a
-- local bucket older than the hourly rollup's horizon come from the facts again.
DELETE FROM read_model_rollups WHERE name IN ('hourly_total', 'hourly_by_community');
DROP VIEW hourly_total_rollup_now, hourly_total_rollup_rule, hourly_by_community_rollup_now,
    hourly_by_community_rollup_rule;
DROP TABLE mv_hourly_total_rollup, mv_hourly_by_community_rollup;
