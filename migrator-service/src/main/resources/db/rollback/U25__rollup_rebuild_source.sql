-- Reverses V25__rollup_rebuild_source.sql: V22's rollup_rebuild_sql, which chooses its source itself.
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
         WHERE s.name <> r.name AND s.horizon IS NULL AND r.horizon IS NULL AND s.dimensions @> r.dimensions
           AND rollup_many_valued(s.dimensions) = rollup_many_valued(r.dimensions)
           AND (s.unit = r.unit AND cardinality(s.dimensions) > cardinality(r.dimensions)
                OR s.unit = 'day' AND r.unit IN ('week', 'month'))
         ORDER BY rollup_rebuild_order(s.unit) DESC, cardinality(s.dimensions), s.name
         LIMIT 1),
        format('SELECT * FROM %I ORDER BY %I', r.name || '_rollup_rule', r.time_column))
$$;
DROP FUNCTION rollup_rebuild_source(read_model_rollups);
