-- bi-service's time-series statement over the daily rollup (TimeSeriesQuery), with pgbench variables for its
-- bound parameters: with -M prepared they are bound, as the JDBC driver binds them. See BENCHMARKS.md.
SELECT (date_trunc(:g, r.day))::date, NULL::text, sum(r.submissions), sum(r.submissions_removed)
FROM mv_daily_rollup r LEFT JOIN communities c ON c.id = r.community_id
WHERE (:all::boolean OR c.slug = ANY (:scope::text[])) AND r.day >= :f::date AND r.day < :t::date
GROUP BY 1, 2 HAVING sum(r.submissions) > 0;
