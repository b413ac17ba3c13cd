-- The hours by community are dropped: V21's quarter hours by community answer every question they answered (an hour
-- is four quarter hours, in every zone), and at a real density they are as long. On the 1,000,000-post base (50
-- communities, about six years) the hourly rollup by community held 1,033,801 rows and the quarter-hourly one
-- 1,291,207: fewer than one event per community-hour either way. Every build, delta and audit stops computing,
-- indexing and comparing a second per-event rollup (issue 41's bound on the full load). Within the hourly rollup's
-- horizon a manager's hours are read from it, as the engine reads whatever the declarations name. The hours without
-- dimensions stay (51,792 rows, a superadmin's local days), and a rebuild sums them from the quarter hours without
-- dimensions instead of the facts.
--
-- A manager's local days now read their communities' quarter hours: a year of the largest community's is 6,498 rows
-- (4,868 hours), which in time order lay on 3,156 pages. The quarter hours by community are therefore kept in
-- community order (a build writes them so, and the rows already kept are rewritten so here): that year read 44 ms
-- from the hours and 11 ms from the quarter hours in community order. Only a window's edges read every community's
-- quarter hours, a few pages each.
DELETE FROM read_model_rollups WHERE name = 'hourly_by_community';
DROP VIEW hourly_by_community_rollup_now, hourly_by_community_rollup_rule;
DROP TABLE mv_hourly_by_community_rollup;

-- V25's choice, and quarter hours for hours: a rollup of a finer unit than its source's is cut from the source's
-- times as the rule cuts the facts' (rollup_bucket_sql); dates still as dates.
CREATE OR REPLACE FUNCTION rollup_rebuild_source(r read_model_rollups) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT s.name
    FROM read_model_rollups s
    WHERE s.name <> r.name AND s.horizon IS NULL AND r.horizon IS NULL AND s.dimensions @> r.dimensions
      AND rollup_many_valued(s.dimensions) = rollup_many_valued(r.dimensions)
      AND (s.unit = r.unit AND cardinality(s.dimensions) > cardinality(r.dimensions)
           OR s.unit = 'day' AND r.unit IN ('week', 'month')
           OR s.unit = 'quarter_hour' AND r.unit = 'hour')
    ORDER BY rollup_rebuild_order(s.unit) DESC, cardinality(s.dimensions), s.name
    LIMIT 1
$$;

-- The order a build writes a rollup's rows in (V12: time order, so that a window's buckets sit on few pages), and
-- quarter hours by community in community order.
CREATE FUNCTION rollup_rebuild_order_by(r read_model_rollups) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN r.unit = 'quarter_hour' AND 'community_id' = ANY (r.dimensions)
                THEN 'community_id, ' || quote_ident(r.time_column) ELSE quote_ident(r.time_column) END
$$;
REVOKE EXECUTE ON FUNCTION rollup_rebuild_order_by(read_model_rollups) FROM PUBLIC;

CREATE OR REPLACE FUNCTION rollup_rebuild_sql(r read_model_rollups) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT format('SELECT %1$s AS %2$I%3$s, sum(submissions)::bigint AS submissions, '
                       'sum(submissions_removed)::bigint AS submissions_removed, sum(removals)::bigint AS removals, '
                       'sum(removals_report_flow)::bigint AS removals_report_flow, '
                       'sum(removals_legacy_fallback)::bigint AS removals_legacy_fallback, '
                       'sum(submissions_removed_14d)::bigint AS submissions_removed_14d '
                       'FROM pg_temp.%4$I GROUP BY 1%3$s ORDER BY %5$s',
                       CASE WHEN s.unit = r.unit THEN quote_ident(s.time_column)
                            WHEN s.unit IN ('quarter_hour', 'hour')
                                THEN rollup_bucket_sql(r.unit, quote_ident(s.time_column))
                            ELSE format('date_trunc(%L, %I::timestamp)::date', r.unit, s.time_column) END,
                       r.time_column,
                       (SELECT coalesce(string_agg(', ' || quote_ident(d), ''), '') FROM unnest(r.dimensions) d),
                       'rebuilt_' || s.name, rollup_rebuild_order_by(r))
         FROM read_model_rollups s
         WHERE s.name = rollup_rebuild_source(r)),
        format('SELECT * FROM %I ORDER BY %s', r.name || '_rollup_rule', rollup_rebuild_order_by(r)))
$$;

CLUSTER mv_quarter_hourly_by_community_rollup USING mv_quarter_hourly_by_community_rollup_community_idx;
ANALYZE mv_quarter_hourly_by_community_rollup;
