-- The read model's pre-aggregations, declared once: each row of read_model_rollups is a rollup of the facts' events
-- (submission_fact_events) per bucket of a time unit and some dimensions. Keeping them current (apply_submission_facts),
-- rebuilding them (refresh_submission_facts), pruning them and the audit's comparison all read this table, so a new
-- rollup is a row here plus its table. The metric engine (metric-engine, PreAggregation) declares the same list to
-- route each query to the coarsest rollup that answers it exactly; a test checks the two declarations agree.
--
-- New here: weekly and monthly rollups (long windows without a day grain read months and weeks instead of every day),
-- and a daily rollup by community only (a year of days needs no platform rows). And read_model_partitions: the
-- read-model version of the last change per UTC month, so that an answer kept for last year survives a change to
-- this week.

-- "Removed by now", as of the instant a reader names for its transaction (moderation.as_of, set with set_config(…,
-- true)), else now: validation asks the read model as of the legacy snapshot's clock, which may disagree with this
-- server's. The one definition: the rollups' "now" views and the metric engine's taken_down column use it.
CREATE OR REPLACE FUNCTION taken_down_by_now(effective_takedown_at timestamptz) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT effective_takedown_at <= coalesce(nullif(current_setting('moderation.as_of', true), '')::timestamptz, now())
$$;

CREATE TABLE read_model_rollups (
    name        text     PRIMARY KEY,
    relation    text     NOT NULL UNIQUE,
    time_column text     NOT NULL,
    unit        text     NOT NULL CHECK (unit IN ('hour', 'day', 'week', 'month')),
    dimensions  text[]   NOT NULL CHECK (dimensions <@ ARRAY ['community_id', 'platform', 'platform_detail']),
    -- Kept only for buckets from the start of the UTC day this long ago; NULL: every bucket.
    horizon     interval
);
INSERT INTO read_model_rollups VALUES
    ('hourly', 'mv_hourly_rollup', 'hour', 'hour', '{community_id,platform,platform_detail}', interval '8 days'),
    ('daily', 'mv_daily_rollup', 'day', 'day', '{community_id,platform,platform_detail}', NULL),
    ('daily_by_community', 'mv_daily_by_community_rollup', 'day', 'day', '{community_id}', NULL),
    ('weekly', 'mv_weekly_rollup', 'week', 'week', '{community_id,platform,platform_detail}', NULL),
    ('monthly', 'mv_monthly_rollup', 'month', 'month', '{community_id,platform,platform_detail}', NULL);

-- The bucket of an instant (SQL text {at}) in a rollup: the start of its UTC hour as timestamptz, or the UTC day,
-- week (Monday) or month it falls in, as a date.
CREATE FUNCTION rollup_bucket_sql(unit text, at text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE unit
        WHEN 'hour' THEN format('date_trunc(''hour'', %s, ''UTC'')', at)
        ELSE format('(date_trunc(%L, %s, ''UTC'') AT TIME ZONE ''UTC'')::date', unit, at)
    END
$$;

-- The first instant a rollup with a horizon keeps: the start of the UTC day that long ago.
CREATE FUNCTION rollup_horizon(horizon interval) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT date_trunc('day', now() - horizon, 'UTC')
$$;

-- A condition keeping instants (SQL text {at}) within a horizon, after {keyword}; nothing without a horizon.
CREATE FUNCTION rollup_horizon_sql(horizon interval, at text, keyword text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN horizon IS NULL THEN '' ELSE format('%s %s >= rollup_horizon(%L::interval)', keyword, at, horizon) END
$$;

-- The events of fact rows (SQL text {facts}, with columns sign, community_id, platform, platform_detail,
-- submitted_at, effective_takedown_at, takedown_source), summed per bucket and dimension of the rollup.
CREATE FUNCTION rollup_events_sql(r read_model_rollups, facts text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT format('SELECT %1$s AS %2$I, %3$s, sum(f.sign * e.submissions)::bigint AS submissions, '
                  'sum(f.sign * e.submissions_removed)::bigint AS submissions_removed, '
                  'sum(f.sign * e.removals)::bigint AS removals, '
                  'sum(f.sign * e.removals_report_flow)::bigint AS removals_report_flow, '
                  'sum(f.sign * e.removals_legacy_fallback)::bigint AS removals_legacy_fallback '
                  'FROM (%4$s) f, LATERAL submission_fact_events(f.submitted_at, f.effective_takedown_at, '
                  'f.takedown_source) e %5$s GROUP BY %1$s, %3$s',
                  rollup_bucket_sql(r.unit, 'e.at'), r.time_column,
                  (SELECT string_agg('f.' || quote_ident(d), ', ') FROM unnest(r.dimensions) d),
                  facts, rollup_horizon_sql(r.horizon, 'e.at', 'WHERE'))
$$;

-- Per rollup: the rule (the facts summed, what a rebuild writes and the audit compares with) and the rollup as of
-- now for readers (a submission whose takedown is dated after now, by a clock ahead, is not yet removed).
CREATE FUNCTION create_rollup_views(rollup_name text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    r read_model_rollups;
    dims text;
BEGIN
    SELECT * INTO STRICT r FROM read_model_rollups WHERE name = rollup_name;
    dims := (SELECT string_agg(quote_ident(d), ', ') FROM unnest(r.dimensions) d);
    EXECUTE format('CREATE OR REPLACE VIEW %I AS %s', r.name || '_rollup_rule',
                   rollup_events_sql(r, 'SELECT 1 AS sign, * FROM mv_submission_facts'));
    EXECUTE format('CREATE OR REPLACE VIEW %1$I AS '
                   'SELECT %2$I, %3$s, submissions, submissions_removed, removals, removals_report_flow, '
                   'removals_legacy_fallback FROM %4$I '
                   'UNION ALL '
                   'SELECT %5$s, %3$s, 0, -1, 0, 0, 0 FROM mv_submission_facts '
                   'WHERE effective_takedown_at IS NOT NULL AND NOT taken_down_by_now(effective_takedown_at) %6$s',
                   r.name || '_rollup_now', r.time_column, dims, r.relation,
                   rollup_bucket_sql(r.unit, 'submitted_at'), rollup_horizon_sql(r.horizon, 'submitted_at', 'AND'));
    EXECUTE format('GRANT SELECT ON %I, %I TO bi_reader', r.relation, r.name || '_rollup_now');
END
$$;

CREATE TABLE mv_daily_by_community_rollup (
    day                       date   NOT NULL,
    community_id              bigint,
    submissions               bigint NOT NULL,
    submissions_removed       bigint NOT NULL,
    removals                  bigint NOT NULL,
    removals_report_flow      bigint NOT NULL,
    removals_legacy_fallback  bigint NOT NULL
);
CREATE TABLE mv_weekly_rollup (
    week                      date   NOT NULL,
    community_id              bigint,
    platform                  text   NOT NULL,
    platform_detail           text   NOT NULL,
    submissions               bigint NOT NULL,
    submissions_removed       bigint NOT NULL,
    removals                  bigint NOT NULL,
    removals_report_flow      bigint NOT NULL,
    removals_legacy_fallback  bigint NOT NULL
);
CREATE TABLE mv_monthly_rollup (LIKE mv_weekly_rollup);
ALTER TABLE mv_monthly_rollup RENAME COLUMN week TO month;

SELECT create_rollup_views(name) FROM read_model_rollups ORDER BY name;

INSERT INTO mv_daily_by_community_rollup SELECT * FROM daily_by_community_rollup_rule;
INSERT INTO mv_weekly_rollup SELECT * FROM weekly_rollup_rule;
INSERT INTO mv_monthly_rollup SELECT * FROM monthly_rollup_rule;
CREATE UNIQUE INDEX mv_daily_by_community_rollup_pk ON mv_daily_by_community_rollup (day, community_id)
    NULLS NOT DISTINCT;
CREATE UNIQUE INDEX mv_weekly_rollup_pk ON mv_weekly_rollup (week, community_id, platform, platform_detail)
    NULLS NOT DISTINCT;
CREATE INDEX mv_weekly_rollup_community_week_idx ON mv_weekly_rollup (community_id, week);
CREATE UNIQUE INDEX mv_monthly_rollup_pk ON mv_monthly_rollup (month, community_id, platform, platform_detail)
    NULLS NOT DISTINCT;
CREATE INDEX mv_monthly_rollup_community_month_idx ON mv_monthly_rollup (community_id, month);

-- The read-model version of the last change to each UTC month's facts (a fact belongs to the months of its
-- submission and of its effective takedown): readers keep an answer over a window for as long as none of its months
-- changed.
CREATE TABLE read_model_partitions (
    month    date   PRIMARY KEY,
    version  bigint NOT NULL
);
INSERT INTO read_model_partitions
SELECT DISTINCT (date_trunc('month', t, 'UTC') AT TIME ZONE 'UTC')::date, (SELECT version FROM read_model_version)
FROM mv_submission_facts, LATERAL (VALUES (submitted_at), (effective_takedown_at)) AS times (t)
WHERE t IS NOT NULL;

-- Marks the months of these fact rows' times (SQL text {facts}) as changed in read-model version {changed_in}.
CREATE FUNCTION touch_partitions(facts text, changed_in bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('INSERT INTO read_model_partitions (month, version) '
                   'SELECT DISTINCT (date_trunc(''month'', t, ''UTC'') AT TIME ZONE ''UTC'')::date, $1 '
                   'FROM (%s) f, LATERAL (VALUES (f.submitted_at), (f.effective_takedown_at)) AS times (t) '
                   'WHERE t IS NOT NULL '
                   'ON CONFLICT (month) DO UPDATE SET version = EXCLUDED.version', facts)
        USING changed_in;
END
$$;

-- Adds the events of the changed fact rows in pg_temp.fact_changes to one rollup (signed: leaving rows -1, arriving
-- +1); a bucket whose counts all went back to zero is gone, as a rebuild would have it.
CREATE FUNCTION add_to_rollup(r read_model_rollups) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    keys text := (SELECT string_agg(quote_ident(k), ', ') FROM unnest(r.time_column || r.dimensions) k);
BEGIN
    EXECUTE format('INSERT INTO %1$I AS k SELECT * FROM (%2$s) d '
                   'WHERE (submissions, submissions_removed, removals, removals_report_flow, '
                   'removals_legacy_fallback) <> (0, 0, 0, 0, 0) '
                   'ON CONFLICT (%3$s) DO UPDATE SET submissions = k.submissions + EXCLUDED.submissions, '
                   'submissions_removed = k.submissions_removed + EXCLUDED.submissions_removed, '
                   'removals = k.removals + EXCLUDED.removals, '
                   'removals_report_flow = k.removals_report_flow + EXCLUDED.removals_report_flow, '
                   'removals_legacy_fallback = k.removals_legacy_fallback + EXCLUDED.removals_legacy_fallback',
                   r.relation, rollup_events_sql(r, 'SELECT * FROM pg_temp.fact_changes'), keys);
    EXECUTE format('DELETE FROM %1$I WHERE (submissions, submissions_removed, removals, removals_report_flow, '
                   'removals_legacy_fallback) = (0, 0, 0, 0, 0) AND %2$I IN (SELECT %2$I FROM (%3$s) d)',
                   r.relation, r.time_column, rollup_events_sql(r, 'SELECT * FROM pg_temp.fact_changes'));
END
$$;

-- As in V6, with every declared rollup kept and the changed months marked.
CREATE OR REPLACE FUNCTION apply_submission_facts(submission_ids bigint[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint;
    new_version bigint;
    r read_model_rollups;
BEGIN
    -- One writer of the read model at a time (until commit): each reads the facts it replaces, and two replacing the
    -- same ones would both take their contribution out of the rollups. 'rmf' in ASCII; the migration lock is 'mig'.
    PERFORM pg_advisory_xact_lock(7499110);
    -- Emptied at every commit; made once per connection.
    CREATE TEMP TABLE IF NOT EXISTS fact_changes (
        sign                  integer,
        community_id          bigint,
        platform              text,
        platform_detail       text,
        submitted_at          timestamptz,
        effective_takedown_at timestamptz,
        takedown_source       text
    ) ON COMMIT DELETE ROWS;
    DELETE FROM pg_temp.fact_changes;  -- a second call in the same transaction (TRUNCATE would churn the catalog)
    WITH fresh AS MATERIALIZED (
        SELECT * FROM submission_facts_rule WHERE submission_id = ANY (submission_ids)
    ), stale AS MATERIALIZED (
        SELECT * FROM mv_submission_facts WHERE submission_id = ANY (submission_ids)
    ), leaving AS MATERIALIZED (
        SELECT * FROM stale EXCEPT ALL SELECT * FROM fresh
    ), arriving AS MATERIALIZED (
        SELECT * FROM fresh EXCEPT ALL SELECT * FROM stale
    ), removed AS (
        DELETE FROM mv_submission_facts f USING leaving l
        WHERE f.submission_id = l.submission_id
          AND NOT EXISTS (SELECT 1 FROM arriving a WHERE a.submission_id = l.submission_id)
    ), written AS (
        INSERT INTO mv_submission_facts SELECT * FROM arriving
        ON CONFLICT (submission_id) DO UPDATE SET legacy_id = EXCLUDED.legacy_id,
            community_id = EXCLUDED.community_id, community_slug = EXCLUDED.community_slug,
            platform = EXCLUDED.platform, platform_detail = EXCLUDED.platform_detail, status = EXCLUDED.status,
            submitted_at = EXCLUDED.submitted_at, effective_takedown_at = EXCLUDED.effective_takedown_at,
            takedown_source = EXCLUDED.takedown_source, report_count = EXCLUDED.report_count,
            category_codes = EXCLUDED.category_codes, hashtag_count = EXCLUDED.hashtag_count,
            analysis_score = EXCLUDED.analysis_score
    )
    INSERT INTO pg_temp.fact_changes
    SELECT -1, community_id, platform, platform_detail, submitted_at, effective_takedown_at, takedown_source
    FROM leaving
    UNION ALL
    SELECT 1, community_id, platform, platform_detail, submitted_at, effective_takedown_at, takedown_source
    FROM arriving;
    GET DIAGNOSTICS changed = ROW_COUNT;
    IF changed = 0 THEN
        RETURN 0;
    END IF;
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        PERFORM add_to_rollup(r);
    END LOOP;
    UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp() RETURNING version INTO new_version;
    PERFORM touch_partitions('SELECT * FROM pg_temp.fact_changes', new_version);
    RETURN changed;
END
$$;

-- As in V6, for every declared rollup; with any change every month is marked changed.
CREATE OR REPLACE FUNCTION refresh_submission_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint := 0;
    new_version bigint;
    r read_model_rollups;
BEGIN
    LOCK TABLE mv_submission_facts IN SHARE ROW EXCLUSIVE MODE;
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', r.relation);
    END LOOP;

    DROP TABLE IF EXISTS pg_temp.rebuilt_facts;  -- a second rebuild in the same transaction
    CREATE TEMP TABLE rebuilt_facts ON COMMIT DROP AS SELECT * FROM submission_facts_rule;
    changed := changed + replace_differing_rows('mv_submission_facts', 'pg_temp.rebuilt_facts',
                                                't.submission_id = d.submission_id');
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', 'rebuilt_' || r.name);
        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT * FROM %I', 'rebuilt_' || r.name,
                       r.name || '_rollup_rule');
        changed := changed + replace_differing_rows(r.relation::regclass, ('pg_temp.rebuilt_' || r.name)::regclass,
            (SELECT string_agg(CASE WHEN k = 'community_id' THEN 'coalesce(t.community_id, -1) = coalesce(d.community_id, -1)'
                                    ELSE format('t.%1$I = d.%1$I', k) END, ' AND ')
             FROM unnest(r.time_column || r.dimensions) k));
    END LOOP;
    IF changed > 0 THEN
        UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp()
        RETURNING version INTO new_version;
        UPDATE read_model_partitions SET version = new_version;
        PERFORM touch_partitions('SELECT * FROM mv_submission_facts', new_version);
    END IF;
    RETURN changed;
END
$$;

-- Buckets behind a rollup's horizon are no longer kept current, so they go.
CREATE OR REPLACE FUNCTION prune_hourly_rollup() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    pruned bigint := 0;
    gone bigint;
    r read_model_rollups;
BEGIN
    FOR r IN SELECT * FROM read_model_rollups WHERE horizon IS NOT NULL ORDER BY name LOOP
        EXECUTE format('DELETE FROM %I WHERE %I < rollup_horizon($1)', r.relation, r.time_column) USING r.horizon;
        GET DIAGNOSTICS gone = ROW_COUNT;
        pruned := pruned + gone;
    END LOOP;
    RETURN pruned;
END
$$;

REVOKE EXECUTE ON FUNCTION create_rollup_views(text), touch_partitions(text, bigint),
    add_to_rollup(read_model_rollups) FROM PUBLIC;
GRANT SELECT ON read_model_partitions TO bi_reader;

ANALYZE mv_daily_by_community_rollup, mv_weekly_rollup, mv_monthly_rollup, read_model_partitions;
