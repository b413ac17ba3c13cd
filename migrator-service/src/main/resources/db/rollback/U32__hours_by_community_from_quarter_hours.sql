-- Reverses V32__hours_by_community_from_quarter_hours.sql: V20's hours by community, rebuilt from the facts, and
-- V25's rollup_rebuild_source and rollup_rebuild_sql (the quarter hours by community stay in the order they are in).
INSERT INTO read_model_rollups VALUES
    ('hourly_by_community', 'mv_hourly_by_community_rollup', 'hour', 'hour', '{community_id}', NULL);

CREATE TABLE mv_hourly_by_community_rollup (
    hour                      timestamptz NOT NULL,
    community_id              bigint,
    submissions               bigint      NOT NULL,
    submissions_removed       bigint      NOT NULL,
    removals                  bigint      NOT NULL,
    removals_report_flow      bigint      NOT NULL,
    removals_legacy_fallback  bigint      NOT NULL,
    submissions_removed_14d   bigint      NOT NULL
);
SELECT create_rollup_views('hourly_by_community');
INSERT INTO mv_hourly_by_community_rollup SELECT * FROM hourly_by_community_rollup_rule ORDER BY hour;
CREATE UNIQUE INDEX mv_hourly_by_community_rollup_pk ON mv_hourly_by_community_rollup (hour, community_id)
    NULLS NOT DISTINCT;
CREATE INDEX mv_hourly_by_community_rollup_community_hour_idx ON mv_hourly_by_community_rollup (community_id, hour);
ANALYZE mv_hourly_by_community_rollup;

CREATE OR REPLACE FUNCTION rollup_rebuild_source(r read_model_rollups) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT s.name
    FROM read_model_rollups s
    WHERE s.name <> r.name AND s.horizon IS NULL AND r.horizon IS NULL AND s.dimensions @> r.dimensions
      AND rollup_many_valued(s.dimensions) = rollup_many_valued(r.dimensions)
      AND (s.unit = r.unit AND cardinality(s.dimensions) > cardinality(r.dimensions)
           OR s.unit = 'day' AND r.unit IN ('week', 'month'))
    ORDER BY rollup_rebuild_order(s.unit) DESC, cardinality(s.dimensions), s.name
    LIMIT 1
$$;

CREATE OR REPLACE FUNCTION rollup_rebuild_sql(r read_model_rollups) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT format('SELECT %1$s AS %2$I%3$s, sum(submissions)::bigint AS submissions, '
                       'sum(submissions_removed)::bigint AS submissions_removed, sum(removals)::bigint AS removals, '
                       'sum(removals_report_flow)::bigint AS removals_report_flow, '
                       'sum(removals_legacy_fallback)::bigint AS removals_legacy_fallback, '
                       'sum(submissions_removed_14d)::bigint AS submissions_removed_14d '
                       'FROM pg_temp.%4$I GROUP BY 1%3$s ORDER BY 1',
                       CASE WHEN s.unit = r.unit THEN quote_ident(s.time_column)
                            ELSE format('date_trunc(%L, %I::timestamp)::date', r.unit, s.time_column) END,
                       r.time_column,
                       (SELECT coalesce(string_agg(', ' || quote_ident(d), ''), '') FROM unnest(r.dimensions) d),
                       'rebuilt_' || s.name)
         FROM read_model_rollups s
         WHERE s.name = rollup_rebuild_source(r)),
        format('SELECT * FROM %I ORDER BY %I', r.name || '_rollup_rule', r.time_column))
$$;

DROP FUNCTION rollup_rebuild_order_by(read_model_rollups);
