-- A daily rollup without dimensions: a year of days over everything (what a superadmin's chart asks) is 365 rows
-- here, where the daily rollup by community holds about ten times as many (on the 1,000,000-post base, PostgreSQL
-- spent about 1.1 ms summing those per request, 0.25 ms on these). The metric engine reads it wherever a question
-- neither groups nor filters by a dimension; a manager's scope is a community filter, so managers keep reading the
-- rollup by community.
--
-- The rollup functions of V10 wrote the dimensions after a comma; with none that is no SQL. Both are as in V10
-- otherwise, and the SQL they write for the rollups with dimensions is the same.

CREATE OR REPLACE FUNCTION rollup_events_sql(r read_model_rollups, facts text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT format('SELECT %1$s AS %2$I%3$s, sum(f.sign * e.submissions)::bigint AS submissions, '
                  'sum(f.sign * e.submissions_removed)::bigint AS submissions_removed, '
                  'sum(f.sign * e.removals)::bigint AS removals, '
                  'sum(f.sign * e.removals_report_flow)::bigint AS removals_report_flow, '
                  'sum(f.sign * e.removals_legacy_fallback)::bigint AS removals_legacy_fallback '
                  'FROM (%4$s) f, LATERAL submission_fact_events(f.submitted_at, f.effective_takedown_at, '
                  'f.takedown_source) e %5$s GROUP BY %1$s%3$s',
                  rollup_bucket_sql(r.unit, 'e.at'), r.time_column,
                  (SELECT coalesce(string_agg(', f.' || quote_ident(d), ''), '') FROM unnest(r.dimensions) d),
                  facts, rollup_horizon_sql(r.horizon, 'e.at', 'WHERE'))
$$;

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
                   'removals_legacy_fallback FROM %4$I '
                   'UNION ALL '
                   'SELECT %5$s%3$s, 0, -1, 0, 0, 0 FROM mv_submission_facts '
                   'WHERE effective_takedown_at IS NOT NULL AND NOT taken_down_by_now(effective_takedown_at) %6$s',
                   r.name || '_rollup_now', r.time_column, dims, r.relation,
                   rollup_bucket_sql(r.unit, 'submitted_at'), rollup_horizon_sql(r.horizon, 'submitted_at', 'AND'));
    EXECUTE format('GRANT SELECT ON %I, %I TO bi_reader', r.relation, r.name || '_rollup_now');
END
$$;

INSERT INTO read_model_rollups VALUES ('daily_total', 'mv_daily_total_rollup', 'day', 'day', '{}', NULL);
CREATE TABLE mv_daily_total_rollup (
    day                       date   NOT NULL,
    submissions               bigint NOT NULL,
    submissions_removed       bigint NOT NULL,
    removals                  bigint NOT NULL,
    removals_report_flow      bigint NOT NULL,
    removals_legacy_fallback  bigint NOT NULL
);
SELECT create_rollup_views('daily_total');
INSERT INTO mv_daily_total_rollup SELECT * FROM daily_total_rollup_rule ORDER BY day;
CREATE UNIQUE INDEX mv_daily_total_rollup_pk ON mv_daily_total_rollup (day);
ANALYZE mv_daily_total_rollup;
