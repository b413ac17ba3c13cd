-- Reverses V30__fact_events_as_a_join.sql: V16's submission_fact_events.
CREATE OR REPLACE FUNCTION submission_fact_events(submitted_at timestamptz, effective_takedown_at timestamptz,
                                       takedown_source text)
RETURNS TABLE (at timestamptz, submissions integer, submissions_removed integer, removals integer,
               removals_report_flow integer, removals_legacy_fallback integer, submissions_removed_14d integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT submitted_at, 1, (effective_takedown_at IS NOT NULL)::integer, 0, 0, 0,
           removed_within_horizon(submitted_at, effective_takedown_at)
    UNION ALL
    SELECT effective_takedown_at, 0, 0, 1, (takedown_source = 'report_flow')::integer,
           (takedown_source = 'legacy_fallback')::integer, 0
    WHERE effective_takedown_at IS NOT NULL
$$;
