-- The same statement with a superadmin's values written into the text, as bench/dashboard.sh runs it.
SELECT (date_trunc('day', r.day))::date, NULL::text, sum(r.submissions), sum(r.submissions_removed)
FROM mv_daily_rollup r LEFT JOIN communities c ON c.id = r.community_id
WHERE (true OR c.slug = ANY ('{}')) AND r.day >= '2025-11-22' AND r.day < '2026-11-22'
GROUP BY 1, 2 HAVING sum(r.submissions) > 0;
