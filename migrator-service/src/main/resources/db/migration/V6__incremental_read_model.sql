-- The read model is kept current chunk by chunk, in the same transaction as the rows it is computed from, instead of
-- being recomputed whole by REFRESH MATERIALIZED VIEW after a run: its cost follows the change, and a dashboard
-- never sees half a chunk. mv_submission_facts and mv_daily_rollup keep their names, columns and indexes (they are
-- tables now: incrementally maintained materialized views); mv_hourly_rollup is new.
--
-- Two SQL definitions hold the rules; the incremental path (apply_submission_facts) and the full rebuild
-- (refresh_submission_facts) both use them, so neither rule exists twice:
--   submission_facts_rule   the takedown rule: one row per live submission
--   submission_fact_events  what one fact counts in the rollups: its submission, and its removal if it has one

DROP MATERIALIZED VIEW mv_daily_rollup;
DROP MATERIALIZED VIEW mv_submission_facts;

--   effective takedown = earliest report taken_down_at if any live report has one, else the post's removed_at;
--   takedown source    = report_flow / legacy_fallback / NULL accordingly.
-- Reports, categories and hashtags are aggregated per submission (LATERAL), so several reports never duplicate a
-- submission, and a filter on submission_id reaches every table through its index.
CREATE VIEW submission_facts_rule AS
SELECT s.id                                                      AS submission_id,
       s.legacy_id,
       s.community_id,
       c.slug                                                    AS community_slug,
       s.platform,
       s.platform_detail,
       s.status,
       s.submitted_at,
       COALESCE(r.first_report_takedown_at, s.legacy_removed_at) AS effective_takedown_at,
       CASE
           WHEN r.first_report_takedown_at IS NOT NULL THEN 'report_flow'
           WHEN s.legacy_removed_at IS NOT NULL THEN 'legacy_fallback'
       END                                                       AS takedown_source,
       r.report_count,
       cf.category_codes,
       h.hashtag_count,
       a.score                                                   AS analysis_score
FROM submissions s
LEFT JOIN communities c ON c.id = s.community_id
CROSS JOIN LATERAL (
    -- Live reports filtered inside the aggregates, not in WHERE: the lookup stays on reports_submission_idx even
    -- while a first load runs without statistics (the planner would AND in the partial index of all live reports).
    SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS report_count,
           min(taken_down_at) FILTER (WHERE deleted_at IS NULL) AS first_report_takedown_at
    FROM reports WHERE submission_id = s.id
) r
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(cat.code ORDER BY cat.code), '{}'::text[]) AS category_codes
    FROM submission_categories sc JOIN categories cat ON cat.id = sc.category_id
    WHERE sc.submission_id = s.id
) cf
CROSS JOIN LATERAL (
    SELECT count(*) AS hashtag_count FROM submission_hashtags WHERE submission_id = s.id
) h
LEFT JOIN analysis a ON a.submission_id = s.id
WHERE s.deleted_at IS NULL;

-- Submissions are counted on the UTC day (hour) they were submitted, removals on the day (hour) of their effective
-- takedown. submissions_removed counts a day's submissions that have an effective takedown at any time; one dated
-- in the future (a clock ahead) is already in it, so "removed by now" subtracts the facts whose takedown is later
-- than now (a few rows, through mv_submission_facts_takedown_at_idx).
CREATE FUNCTION submission_fact_events(submitted_at timestamptz, effective_takedown_at timestamptz,
                                       takedown_source text)
RETURNS TABLE (at timestamptz, submissions integer, submissions_removed integer, removals integer,
               removals_report_flow integer, removals_legacy_fallback integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT submitted_at, 1, (effective_takedown_at IS NOT NULL)::integer, 0, 0, 0
    UNION ALL
    SELECT effective_takedown_at, 0, 0, 1, (takedown_source = 'report_flow')::integer,
           (takedown_source = 'legacy_fallback')::integer
    WHERE effective_takedown_at IS NOT NULL
$$;

-- The hourly rollup covers recent windows only: hours from the start of the UTC day eight days ago. Dashboards use
-- it for windows that start within the last seven days, so a day of margin separates them from its edge.
CREATE FUNCTION hourly_rollup_horizon() RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT date_trunc('day', now() - interval '8 days', 'UTC')
$$;

CREATE TABLE mv_submission_facts (
    submission_id          bigint      NOT NULL,
    legacy_id              bigint      NOT NULL,
    community_id           bigint,
    community_slug         text,
    platform               text        NOT NULL,
    platform_detail        text        NOT NULL,
    status                 text        NOT NULL,
    submitted_at           timestamptz NOT NULL,
    effective_takedown_at  timestamptz,
    takedown_source        text,
    report_count           bigint      NOT NULL,
    category_codes         text[]      NOT NULL,
    hashtag_count          bigint      NOT NULL,
    analysis_score         numeric
);
INSERT INTO mv_submission_facts SELECT * FROM submission_facts_rule;
CREATE UNIQUE INDEX mv_submission_facts_pk ON mv_submission_facts (submission_id);
CREATE UNIQUE INDEX mv_submission_facts_legacy_idx ON mv_submission_facts (legacy_id);
CREATE INDEX mv_submission_facts_submitted_idx ON mv_submission_facts (community_id, submitted_at);
CREATE INDEX mv_submission_facts_takedown_idx ON mv_submission_facts (community_id, effective_takedown_at)
    WHERE effective_takedown_at IS NOT NULL;
CREATE INDEX mv_submission_facts_submitted_at_idx ON mv_submission_facts (submitted_at);
CREATE INDEX mv_submission_facts_takedown_at_idx ON mv_submission_facts (effective_takedown_at)
    WHERE effective_takedown_at IS NOT NULL;

-- The rollups as the facts give them: what a rebuild writes and what the audit compares the kept rollups with.
CREATE VIEW daily_rollup_rule AS
SELECT (e.at AT TIME ZONE 'UTC')::date AS day, f.community_id, f.platform, f.platform_detail,
       sum(e.submissions)::bigint AS submissions, sum(e.submissions_removed)::bigint AS submissions_removed,
       sum(e.removals)::bigint AS removals, sum(e.removals_report_flow)::bigint AS removals_report_flow,
       sum(e.removals_legacy_fallback)::bigint AS removals_legacy_fallback
FROM mv_submission_facts f,
     LATERAL submission_fact_events(f.submitted_at, f.effective_takedown_at, f.takedown_source) e
GROUP BY 1, 2, 3, 4;

CREATE VIEW hourly_rollup_rule AS
SELECT date_trunc('hour', e.at, 'UTC') AS hour, f.community_id, f.platform, f.platform_detail,
       sum(e.submissions)::bigint AS submissions, sum(e.submissions_removed)::bigint AS submissions_removed,
       sum(e.removals)::bigint AS removals, sum(e.removals_report_flow)::bigint AS removals_report_flow,
       sum(e.removals_legacy_fallback)::bigint AS removals_legacy_fallback
FROM mv_submission_facts f,
     LATERAL submission_fact_events(f.submitted_at, f.effective_takedown_at, f.takedown_source) e
WHERE e.at >= hourly_rollup_horizon()
GROUP BY 1, 2, 3, 4;

CREATE TABLE mv_daily_rollup (
    day                       date   NOT NULL,
    community_id              bigint,
    platform                  text   NOT NULL,
    platform_detail           text   NOT NULL,
    submissions               bigint NOT NULL,
    submissions_removed       bigint NOT NULL,
    removals                  bigint NOT NULL,
    removals_report_flow      bigint NOT NULL,
    removals_legacy_fallback  bigint NOT NULL
);
INSERT INTO mv_daily_rollup SELECT * FROM daily_rollup_rule;
CREATE UNIQUE INDEX mv_daily_rollup_pk ON mv_daily_rollup (day, community_id, platform, platform_detail)
    NULLS NOT DISTINCT;
CREATE INDEX mv_daily_rollup_community_day_idx ON mv_daily_rollup (community_id, day);

CREATE TABLE mv_hourly_rollup (
    hour                      timestamptz NOT NULL,
    community_id              bigint,
    platform                  text        NOT NULL,
    platform_detail           text        NOT NULL,
    submissions               bigint      NOT NULL,
    submissions_removed       bigint      NOT NULL,
    removals                  bigint      NOT NULL,
    removals_report_flow      bigint      NOT NULL,
    removals_legacy_fallback  bigint      NOT NULL
);
INSERT INTO mv_hourly_rollup SELECT * FROM hourly_rollup_rule;
CREATE UNIQUE INDEX mv_hourly_rollup_pk ON mv_hourly_rollup (hour, community_id, platform, platform_detail)
    NULLS NOT DISTINCT;
CREATE INDEX mv_hourly_rollup_community_hour_idx ON mv_hourly_rollup (community_id, hour);

-- "Removed by now" (the removal rate's "an effective takedown time at any time up to now"): a takedown dated after
-- now, by a clock ahead, has not happened yet. The one definition; the rollups' readers below and the metric
-- compiler's taken_down column use it.
CREATE FUNCTION taken_down_by_now(effective_takedown_at timestamptz) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT effective_takedown_at <= now()
$$;

-- The rollups as of now, for readers: submissions_removed counts a submission once its takedown has happened, so a
-- submission whose takedown is not yet is taken back out of it until then (a few rows of an index range).
CREATE VIEW daily_rollup_now AS
SELECT day, community_id, platform, platform_detail, submissions, submissions_removed, removals,
       removals_report_flow, removals_legacy_fallback
FROM mv_daily_rollup
UNION ALL
SELECT (submitted_at AT TIME ZONE 'UTC')::date, community_id, platform, platform_detail, 0, -1, 0, 0, 0
FROM mv_submission_facts
WHERE effective_takedown_at IS NOT NULL AND NOT taken_down_by_now(effective_takedown_at);

CREATE VIEW hourly_rollup_now AS
SELECT hour, community_id, platform, platform_detail, submissions, submissions_removed, removals,
       removals_report_flow, removals_legacy_fallback
FROM mv_hourly_rollup
UNION ALL
SELECT date_trunc('hour', submitted_at, 'UTC'), community_id, platform, platform_detail, 0, -1, 0, 0, 0
FROM mv_submission_facts
WHERE effective_takedown_at IS NOT NULL AND NOT taken_down_by_now(effective_takedown_at)
  AND submitted_at >= hourly_rollup_horizon();

-- Bumped in the transaction of every change to the read model: readers keep answers per version, and say when the
-- last change arrived. verified_at: as of when a run last found the target equal to the legacy database (set by every
-- successful run, changed or not), so a quiet day is told apart from a migrator that stopped.
CREATE TABLE read_model_version (
    singleton    boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    version      bigint      NOT NULL,
    changed_at   timestamptz NOT NULL,
    verified_at  timestamptz
);
INSERT INTO read_model_version (version, changed_at) VALUES (1, now());

-- The facts of these submissions as the rule gives them now, and the rollups moved by the difference: the old
-- facts' contributions out, the new ones' in. Called in the transaction that changed the submissions.
-- Returns how many facts rows changed (a changed row counts once as leaving and once as arriving).
CREATE FUNCTION apply_submission_facts(submission_ids bigint[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint;
    days date[];
    hours timestamptz[];
BEGIN
    -- One writer of the read model at a time (until commit): each reads the facts it replaces, and two replacing the
    -- same ones would both take their contribution out of the rollups. 'rmf' in ASCII; the migration lock is 'mig'.
    PERFORM pg_advisory_xact_lock(7499110);
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
    ), events AS MATERIALIZED (
        SELECT -1 AS sign, l.community_id, l.platform, l.platform_detail, e.*
        FROM leaving l, LATERAL submission_fact_events(l.submitted_at, l.effective_takedown_at, l.takedown_source) e
        UNION ALL
        SELECT 1, a.community_id, a.platform, a.platform_detail, e.*
        FROM arriving a, LATERAL submission_fact_events(a.submitted_at, a.effective_takedown_at, a.takedown_source) e
    ), daily AS (
        INSERT INTO mv_daily_rollup AS d
        SELECT (at AT TIME ZONE 'UTC')::date, community_id, platform, platform_detail, sum(sign * submissions),
               sum(sign * submissions_removed), sum(sign * removals), sum(sign * removals_report_flow),
               sum(sign * removals_legacy_fallback)
        FROM events
        GROUP BY 1, 2, 3, 4
        HAVING (sum(sign * submissions), sum(sign * submissions_removed), sum(sign * removals),
                sum(sign * removals_report_flow), sum(sign * removals_legacy_fallback)) <> (0, 0, 0, 0, 0)
        ON CONFLICT (day, community_id, platform, platform_detail) DO UPDATE SET
            submissions = d.submissions + EXCLUDED.submissions,
            submissions_removed = d.submissions_removed + EXCLUDED.submissions_removed,
            removals = d.removals + EXCLUDED.removals,
            removals_report_flow = d.removals_report_flow + EXCLUDED.removals_report_flow,
            removals_legacy_fallback = d.removals_legacy_fallback + EXCLUDED.removals_legacy_fallback
        RETURNING d.day
    ), hourly AS (
        INSERT INTO mv_hourly_rollup AS h
        SELECT date_trunc('hour', at, 'UTC'), community_id, platform, platform_detail, sum(sign * submissions),
               sum(sign * submissions_removed), sum(sign * removals), sum(sign * removals_report_flow),
               sum(sign * removals_legacy_fallback)
        FROM events
        WHERE at >= hourly_rollup_horizon()
        GROUP BY 1, 2, 3, 4
        HAVING (sum(sign * submissions), sum(sign * submissions_removed), sum(sign * removals),
                sum(sign * removals_report_flow), sum(sign * removals_legacy_fallback)) <> (0, 0, 0, 0, 0)
        ON CONFLICT (hour, community_id, platform, platform_detail) DO UPDATE SET
            submissions = h.submissions + EXCLUDED.submissions,
            submissions_removed = h.submissions_removed + EXCLUDED.submissions_removed,
            removals = h.removals + EXCLUDED.removals,
            removals_report_flow = h.removals_report_flow + EXCLUDED.removals_report_flow,
            removals_legacy_fallback = h.removals_legacy_fallback + EXCLUDED.removals_legacy_fallback
        RETURNING h.hour
    )
    SELECT (SELECT count(*) FROM leaving) + (SELECT count(*) FROM arriving),
           (SELECT array_agg(DISTINCT day) FROM daily), (SELECT array_agg(DISTINCT hour) FROM hourly)
    INTO changed, days, hours;

    -- A key whose counts all went back to zero is gone, as a rebuild would have it.
    DELETE FROM mv_daily_rollup
    WHERE day = ANY (days) AND submissions = 0 AND submissions_removed = 0 AND removals = 0
      AND removals_report_flow = 0 AND removals_legacy_fallback = 0;
    DELETE FROM mv_hourly_rollup
    WHERE hour = ANY (hours) AND submissions = 0 AND submissions_removed = 0 AND removals = 0
      AND removals_report_flow = 0 AND removals_legacy_fallback = 0;
    IF changed > 0 THEN
        UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp();
    END IF;
    RETURN changed;
END
$$;

-- Makes the rows of a read-model table equal to those of a freshly computed copy by deleting the rows that differ
-- and inserting the missing ones, as REFRESH MATERIALIZED VIEW CONCURRENTLY does: readers see the old rows or the
-- new ones, never an empty table. Internal to refresh_submission_facts; its arguments are that function's constants
-- (same_key: the join condition of a row t of the table and a differing row d, hashable: NULL ids compared as -1).
CREATE FUNCTION replace_differing_rows(target regclass, rebuilt regclass, same_key text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    deleted bigint;
    inserted bigint;
BEGIN
    EXECUTE format('DELETE FROM %1$s t USING (SELECT * FROM %1$s EXCEPT ALL SELECT * FROM %2$s) d WHERE %3$s',
                   target, rebuilt, same_key);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    EXECUTE format('INSERT INTO %1$s SELECT * FROM %2$s EXCEPT ALL SELECT * FROM %1$s', target, rebuilt);
    GET DIAGNOSTICS inserted = ROW_COUNT;
    RETURN deleted + inserted;
END
$$;

-- The whole read model recomputed from the rules, for schema changes and repair: SELECT refresh_submission_facts().
-- It stops writers (the migrator's chunks wait) but never readers. Returns how many rows it changed.
CREATE FUNCTION refresh_submission_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint := 0;
BEGIN
    LOCK TABLE mv_submission_facts, mv_daily_rollup, mv_hourly_rollup IN SHARE ROW EXCLUSIVE MODE;
    IF to_regclass('pg_temp.rebuilt_facts') IS NOT NULL THEN  -- a second rebuild in the same transaction
        DROP TABLE pg_temp.rebuilt_facts, pg_temp.rebuilt_daily, pg_temp.rebuilt_hourly;
    END IF;

    CREATE TEMP TABLE rebuilt_facts ON COMMIT DROP AS SELECT * FROM submission_facts_rule;
    changed := changed + replace_differing_rows('mv_submission_facts', 'pg_temp.rebuilt_facts',
                                                't.submission_id = d.submission_id');

    CREATE TEMP TABLE rebuilt_daily ON COMMIT DROP AS SELECT * FROM daily_rollup_rule;
    changed := changed + replace_differing_rows('mv_daily_rollup', 'pg_temp.rebuilt_daily',
                                                't.day = d.day AND coalesce(t.community_id, -1) = coalesce(d.community_id, -1) '
                                                'AND t.platform = d.platform AND t.platform_detail = d.platform_detail');

    CREATE TEMP TABLE rebuilt_hourly ON COMMIT DROP AS SELECT * FROM hourly_rollup_rule;
    changed := changed + replace_differing_rows('mv_hourly_rollup', 'pg_temp.rebuilt_hourly',
                                                't.hour = d.hour AND coalesce(t.community_id, -1) = coalesce(d.community_id, -1) '
                                                'AND t.platform = d.platform AND t.platform_detail = d.platform_detail');
    IF changed > 0 THEN
        UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp();
    END IF;
    RETURN changed;
END
$$;

-- Hours that fell behind the horizon are no longer kept current, so they go.
CREATE FUNCTION prune_hourly_rollup() RETURNS bigint
LANGUAGE sql AS $$
    WITH pruned AS (DELETE FROM mv_hourly_rollup WHERE hour < hourly_rollup_horizon() RETURNING 1)
    SELECT count(*) FROM pruned
$$;

REVOKE EXECUTE ON FUNCTION apply_submission_facts(bigint[]), refresh_submission_facts(),
    replace_differing_rows(regclass, regclass, text), prune_hourly_rollup() FROM PUBLIC;

-- Runs no longer refresh the read model; what remains to log is the full rebuild.
ALTER TABLE read_model_refreshes RENAME TO read_model_rebuilds;
ALTER TABLE read_model_rebuilds DROP COLUMN concurrent;
ALTER TABLE read_model_rebuilds ADD COLUMN rows_changed bigint NOT NULL DEFAULT 0;

-- bi_reader (V5): the read model as it is now and its version; readers no longer follow a refresh log.
REVOKE SELECT ON read_model_rebuilds FROM bi_reader;
GRANT SELECT ON mv_submission_facts, mv_daily_rollup, mv_hourly_rollup, daily_rollup_now, hourly_rollup_now,
    read_model_version TO bi_reader;

-- Planner statistics for the new tables now, not at autovacuum's leisure: without them the "now" views' index range
-- looks like a third of the facts, and every dashboard query would scan them all.
ANALYZE mv_submission_facts, mv_daily_rollup, mv_hourly_rollup;
