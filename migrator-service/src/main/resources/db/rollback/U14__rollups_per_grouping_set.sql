-- Reverses V14__rollups_per_grouping_set.sql: the rollups per grouping set go.
DROP VIEW daily_by_platform_rollup_now, daily_by_platform_rollup_rule, weekly_by_platform_rollup_now,
          weekly_by_platform_rollup_rule, monthly_by_platform_rollup_now, monthly_by_platform_rollup_rule,
          weekly_by_community_rollup_now, weekly_by_community_rollup_rule, monthly_by_community_rollup_now,
          monthly_by_community_rollup_rule;
DROP TABLE mv_daily_by_platform_rollup, mv_weekly_by_platform_rollup, mv_monthly_by_platform_rollup,
           mv_weekly_by_community_rollup, mv_monthly_by_community_rollup;
DELETE FROM read_model_rollups WHERE name IN ('daily_by_platform', 'weekly_by_platform', 'monthly_by_platform',
                                              'weekly_by_community', 'monthly_by_community');
