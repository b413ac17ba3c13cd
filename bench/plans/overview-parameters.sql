-- bi-service's overview statement over the daily rollup (OverviewQuery), with pgbench variables for its bound
-- parameters (-M prepared binds them). See BENCHMARKS.md.
SELECT grouping(r.platform) = 0, grouping(r.platform_detail) = 0, grouping(c.slug) = 0, r.platform, r.platform_detail, c.slug,
       coalesce(sum(r.submissions), 0), coalesce(sum(r.submissions_removed), 0), coalesce(sum(r.removals), 0),
       coalesce(sum(r.removals_report_flow), 0), coalesce(sum(r.removals_legacy_fallback), 0)
FROM mv_daily_rollup r LEFT JOIN communities c ON c.id = r.community_id
WHERE r.day >= :f::date AND r.day < :t::date AND (:all::boolean OR c.slug = ANY (:scope::text[]))
GROUP BY GROUPING SETS ((), (r.platform), (r.platform_detail), (c.slug));
