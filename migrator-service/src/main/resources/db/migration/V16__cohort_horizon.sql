-- Cohort rates with a horizon (issue 42): "removed within 14 days of submission". A rate of a window's submissions
-- taken down by now always falls at the right edge of a chart, because young cohorts have had less time; counting only
-- the takedowns within a horizon of each submission measures every cohort over the same time. The pre-aggregations
-- keep one horizon's count, submissions_removed_14d, on the bucket of the submission (like submissions_removed), so
-- that the built-in removal rate (removal_rate v2, horizon P14D) is read where every other count is; a metric with
-- another horizon is read from the facts. 14 days: about 80 % of the takedowns that ever happen happen within 14 days
-- of submission on the data (README, "Rates with a horizon"). The metric engine declares the same horizon
-- (Counter.SUBMISSIONS_REMOVED_WITHIN_HORIZON); RoutesAgreeTest answers horizon metrics both ways.
--
-- The rollup functions are V13's, V10's and V14's with the new count last (the column order of the tables, which
-- gain it last); every rollup is then rebuilt from the rules.

-- Whether an effective takedown is within the kept horizon of its submission: in seconds, as the language's
-- time_to_takedown is (days of 24 hours whatever the session's time zone). Submissions without a takedown: 0.
CREATE FUNCTION removed_within_horizon(submitted_at timestamptz, effective_takedown_at timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(extract(epoch FROM effective_takedown_at - submitted_at) <= 1209600, false)::integer
$$;

DO $$
DECLARE
    r read_model_rollups;
BEGIN
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        EXECUTE format('DROP VIEW %I', r.name || '_rollup_rule');
        EXECUTE format('ALTER TABLE %I ADD COLUMN submissions_removed_14d bigint NOT NULL DEFAULT 0', r.relation);
    END LOOP;
END
$$;

DROP FUNCTION submission_fact_events(timestamptz, timestamptz, text);
CREATE FUNCTION submission_fact_events(submitted_at timestamptz, effective_takedown_at timestamptz,
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

CREATE OR REPLACE FUNCTION rollup_events_sql(r read_model_rollups, facts text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT format('SELECT %1$s AS %2$I%3$s, sum(f.sign * e.submissions)::bigint AS submissions, '
                  'sum(f.sign * e.submissions_removed)::bigint AS submissions_removed, '
                  'sum(f.sign * e.removals)::bigint AS removals, '
                  'sum(f.sign * e.removals_report_flow)::bigint AS removals_report_flow, '
                  'sum(f.sign * e.removals_legacy_fallback)::bigint AS removals_legacy_fallback, '
                  'sum(f.sign * e.submissions_removed_14d)::bigint AS submissions_removed_14d '
                  'FROM (%4$s) f, LATERAL submission_fact_events(f.submitted_at, f.effective_takedown_at, '
                  'f.takedown_source) e %5$s GROUP BY %1$s%3$s',
                  rollup_bucket_sql(r.unit, 'e.at'), r.time_column,
                  (SELECT coalesce(string_agg(', f.' || quote_ident(d), ''), '') FROM unnest(r.dimensions) d),
                  facts, rollup_horizon_sql(r.horizon, 'e.at', 'WHERE'))
$$;

-- A takedown dated after now is taken back from both counts of its submission's bucket.
CREATE OR REPLACE FUNCTION create_rollup_views(rollup_name text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    r read_model_rollups;
    dims text;
BEGIN
    SELECT * INTO STRICT r FROM read_model_rollups WHERE name = rollup_name;
    dims := (SELECT coalesce(string_agg(', ' || quote_ident(d), ''), '') FROM unnest(r.dimensions) d);
    EXECUTE format('CREATE OR REPLACE VIEW %I AS %s', r.name || '_rollup_rule',
                   rollup_events_sql(r, 'SELECT 1 AS sign, * FROM mv_submission_facts'));
    EXECUTE format('CREATE OR REPLACE VIEW %1$I AS '
                   'SELECT %2$I%3$s, submissions, submissions_removed, removals, removals_report_flow, '
                   'removals_legacy_fallback, submissions_removed_14d FROM %4$I '
                   'UNION ALL '
                   'SELECT %5$s%3$s, 0, -1, 0, 0, 0, -removed_within_horizon(submitted_at, effective_takedown_at) '
                   'FROM mv_submission_facts '
                   'WHERE effective_takedown_at IS NOT NULL AND NOT taken_down_by_now(effective_takedown_at) %6$s',
                   r.name || '_rollup_now', r.time_column, dims, r.relation,
                   rollup_bucket_sql(r.unit, 'submitted_at'), rollup_horizon_sql(r.horizon, 'submitted_at', 'AND'));
    EXECUTE format('GRANT SELECT ON %I, %I TO bi_reader', r.relation, r.name || '_rollup_now');
END
$$;

CREATE OR REPLACE FUNCTION add_to_rollup(r read_model_rollups) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    keys text := (SELECT string_agg(quote_ident(k), ', ') FROM unnest(r.time_column || r.dimensions) k);
BEGIN
    EXECUTE format('INSERT INTO %1$I AS k SELECT * FROM (%2$s) d '
                   'WHERE (submissions, submissions_removed, removals, removals_report_flow, '
                   'removals_legacy_fallback, submissions_removed_14d) <> (0, 0, 0, 0, 0, 0) '
                   'ON CONFLICT (%3$s) DO UPDATE SET submissions = k.submissions + EXCLUDED.submissions, '
                   'submissions_removed = k.submissions_removed + EXCLUDED.submissions_removed, '
                   'removals = k.removals + EXCLUDED.removals, '
                   'removals_report_flow = k.removals_report_flow + EXCLUDED.removals_report_flow, '
                   'removals_legacy_fallback = k.removals_legacy_fallback + EXCLUDED.removals_legacy_fallback, '
                   'submissions_removed_14d = k.submissions_removed_14d + EXCLUDED.submissions_removed_14d',
                   r.relation, rollup_events_sql(r, 'SELECT * FROM pg_temp.fact_changes'), keys);
    EXECUTE format('DELETE FROM %1$I WHERE (submissions, submissions_removed, removals, removals_report_flow, '
                   'removals_legacy_fallback, submissions_removed_14d) = (0, 0, 0, 0, 0, 0) '
                   'AND %2$I IN (SELECT %2$I FROM (%3$s) d)',
                   r.relation, r.time_column, rollup_events_sql(r, 'SELECT * FROM pg_temp.fact_changes'));
END
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
         WHERE s.name <> r.name AND s.horizon IS NULL AND r.horizon IS NULL AND s.dimensions @> r.dimensions
           AND (s.unit = r.unit AND cardinality(s.dimensions) > cardinality(r.dimensions)
                OR s.unit = 'day' AND r.unit IN ('week', 'month'))
         ORDER BY rollup_rebuild_order(s.unit) DESC, cardinality(s.dimensions), s.name
         LIMIT 1),
        format('SELECT * FROM %I ORDER BY %I', r.name || '_rollup_rule', r.time_column))
$$;

SELECT create_rollup_views(name) FROM read_model_rollups ORDER BY name;
-- Every rollup's new count from the rules (a rebuild: dashboards keep reading, the read model's version moves on).
SELECT refresh_submission_facts();
DO $$
DECLARE
    r read_model_rollups;
BEGIN
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN submissions_removed_14d DROP DEFAULT', r.relation);
    END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION create_rollup_views(text), add_to_rollup(read_model_rollups),
    rollup_rebuild_sql(read_model_rollups) FROM PUBLIC;
