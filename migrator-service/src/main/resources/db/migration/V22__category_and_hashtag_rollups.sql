-- Submissions and removals by category and by hashtag (issue 41, item 4). A year of removals by category by week read
-- the facts and unnested every submission's codes: 1.2 s alone and 11.7 s p95 at 32 clients on 1,000,000 posts. A
-- rollup by a many-valued dimension keeps each submission's events once per value it has, and once with no value (the
-- group "none") where it has none: the facts' grouping by that dimension, so a group read from it is the facts' group.
-- It answers only a question that groups by that dimension, or picks exactly one of a submission's rows (one value, or
-- none); a total summed from it would count a submission once per value, so no rollup is ever summed from one that
-- keeps other many-valued dimensions (rebuild), and the engine never reads one for a question that does not ask for
-- its dimension. Categories by day, week and month, without other dimensions and by community (a manager's
-- questions); hashtags by day. Kept in each chunk's transaction, audited, rebuilt and reverted like every rollup.
--
-- Hashtags are many (68,776 on the 1,000,000-post base, new ones daily), but a day repeats them: its 2,002,691
-- (submission, hashtag) pairs are 225,220 (day, hashtag) pairs (292,630 rows, 44 MB, with removals on their days),
-- and a week's top 20 reads about 1,700 rows where the facts unnest 18,708 pairs. By week and month the pairs are
-- 156,133 and 121,273: little fewer to read for long windows than days, so only days are kept, every hashtag (no
-- floor); a manager's hashtags are read from the facts by the community index.
--
-- A code or a hashtag is any text (README, "packed strings"): the unique keys hold its md5, as the dictionaries' own
-- keys do, so that a pasted wall of text stays under the btree row limit.
ALTER TABLE read_model_rollups DROP CONSTRAINT read_model_rollups_dimensions_check,
    ADD CONSTRAINT read_model_rollups_dimensions_check
        CHECK (dimensions <@ ARRAY ['community_id', 'platform', 'platform_detail', 'category', 'hashtag']);

-- The facts' array of a many-valued dimension; null for any other.
CREATE FUNCTION rollup_values_column(dimension text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE dimension WHEN 'category' THEN 'category_codes' WHEN 'hashtag' THEN 'hashtags' END
$$;

-- The many-valued dimensions among these, in order.
CREATE FUNCTION rollup_many_valued(dimensions text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(d ORDER BY d), '{}') FROM unnest(dimensions) d WHERE rollup_values_column(d) IS NOT NULL
$$;

-- A dimension of a rollup as the rows of its facts (alias f) give it: a many-valued one from its values unnested by
-- rollup_unnest_sql (alias g_<dimension>), any other from the fact itself.
CREATE FUNCTION rollup_dimension_sql(dimension text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN rollup_values_column(dimension) IS NULL THEN 'f.' || quote_ident(dimension)
                ELSE format('%I.%I', 'g_' || dimension, dimension) END
$$;

-- The facts' rows once per value of each many-valued dimension the rollup keeps (one row without a value for a
-- submission without any); nothing for a rollup without one.
CREATE FUNCTION rollup_unnest_sql(r read_model_rollups) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(string_agg(format(' CROSS JOIN LATERAL unnest(CASE WHEN cardinality(f.%1$I) = 0 '
                                      'THEN ARRAY[NULL::text] ELSE f.%1$I END) AS %2$I (%3$I)',
                                      rollup_values_column(d), 'g_' || d, d), ''), '')
    FROM unnest(rollup_many_valued(r.dimensions)) d
$$;

CREATE OR REPLACE FUNCTION rollup_events_sql(r read_model_rollups, facts text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT format('SELECT %1$s AS %2$I%3$s, sum(f.sign * e.submissions)::bigint AS submissions, '
                  'sum(f.sign * e.submissions_removed)::bigint AS submissions_removed, '
                  'sum(f.sign * e.removals)::bigint AS removals, '
                  'sum(f.sign * e.removals_report_flow)::bigint AS removals_report_flow, '
                  'sum(f.sign * e.removals_legacy_fallback)::bigint AS removals_legacy_fallback, '
                  'sum(f.sign * e.submissions_removed_14d)::bigint AS submissions_removed_14d '
                  'FROM (%4$s) f%6$s, LATERAL submission_fact_events(f.submitted_at, f.effective_takedown_at, '
                  'f.takedown_source) e %5$s GROUP BY %1$s%3$s',
                  rollup_bucket_sql(r.unit, 'e.at'), r.time_column,
                  (SELECT coalesce(string_agg(', ' || rollup_dimension_sql(d), ''), '') FROM unnest(r.dimensions) d),
                  facts, rollup_horizon_sql(r.horizon, 'e.at', 'WHERE'), rollup_unnest_sql(r))
$$;

-- As in V16, with the facts' rows unnested for a rollup by category.
CREATE OR REPLACE FUNCTION create_rollup_views(rollup_name text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    r read_model_rollups;
BEGIN
    SELECT * INTO STRICT r FROM read_model_rollups WHERE name = rollup_name;
    EXECUTE format('CREATE OR REPLACE VIEW %I AS %s', r.name || '_rollup_rule',
                   rollup_events_sql(r, 'SELECT 1 AS sign, * FROM mv_submission_facts'));
    EXECUTE format('CREATE OR REPLACE VIEW %1$I AS '
                   'SELECT %2$I%3$s, submissions, submissions_removed, removals, removals_report_flow, '
                   'removals_legacy_fallback, submissions_removed_14d FROM %4$I '
                   'UNION ALL '
                   'SELECT %5$s%6$s, 0, -1, 0, 0, 0, -removed_within_horizon(f.submitted_at, f.effective_takedown_at) '
                   'FROM mv_submission_facts f%7$s '
                   'WHERE f.effective_takedown_at IS NOT NULL AND NOT taken_down_by_now(f.effective_takedown_at) %8$s',
                   r.name || '_rollup_now', r.time_column,
                   (SELECT coalesce(string_agg(', ' || quote_ident(d), ''), '') FROM unnest(r.dimensions) d),
                   r.relation, rollup_bucket_sql(r.unit, 'f.submitted_at'),
                   (SELECT coalesce(string_agg(', ' || rollup_dimension_sql(d), ''), '') FROM unnest(r.dimensions) d),
                   rollup_unnest_sql(r), rollup_horizon_sql(r.horizon, 'f.submitted_at', 'AND'));
    EXECUTE format('GRANT SELECT ON %I, %I TO bi_reader', r.relation, r.name || '_rollup_now');
END
$$;

-- A rollup's unique key as ON CONFLICT names it: a code or hashtag by its md5 (see above).
CREATE FUNCTION rollup_key_sql(r read_model_rollups) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(CASE WHEN rollup_values_column(k) IS NULL THEN quote_ident(k)
                           ELSE format('(md5(%I))', k) END, ', ')
    FROM unnest(r.time_column || r.dimensions) k
$$;

-- As in V16, with the events read from pg_temp.rollup_fact_changes (which keeps the codes and hashtags) and the key
-- of rollup_key_sql.
CREATE OR REPLACE FUNCTION add_to_rollup(r read_model_rollups) RETURNS void
LANGUAGE plpgsql AS $$
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
                   r.relation, rollup_events_sql(r, 'SELECT * FROM pg_temp.rollup_fact_changes'), rollup_key_sql(r));
    EXECUTE format('DELETE FROM %1$I WHERE (submissions, submissions_removed, removals, removals_report_flow, '
                   'removals_legacy_fallback, submissions_removed_14d) = (0, 0, 0, 0, 0, 0) '
                   'AND %2$I IN (SELECT %2$I FROM (%3$s) d)',
                   r.relation, r.time_column, rollup_events_sql(r, 'SELECT * FROM pg_temp.rollup_fact_changes'));
END
$$;

-- As in V16, where a rollup is summed only from one that keeps the same many-valued dimensions: a submission counted
-- once per code would be counted several times in a rollup without codes.
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

-- As in V18, with the changed facts' codes and hashtags kept for the rollups by them. The table has a name of its own:
-- a session that made V18's table (without them) before this migration keeps it, and never reads it again.
CREATE OR REPLACE FUNCTION apply_submission_facts(submission_ids bigint[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint;
    searched bigint[];
    new_version bigint;
    r read_model_rollups;
BEGIN
    -- One writer of the read model at a time (until commit): each reads the facts it replaces, and two replacing the
    -- same ones would both take their contribution out of the rollups. 'rmf' in ASCII; the migration lock is 'mig'.
    PERFORM pg_advisory_xact_lock(7499110);
    -- Emptied at every commit; made once per connection.
    CREATE TEMP TABLE IF NOT EXISTS rollup_fact_changes (
        sign                  integer,
        community_id          bigint,
        platform              text,
        platform_detail       text,
        submitted_at          timestamptz,
        effective_takedown_at timestamptz,
        takedown_source       text,
        category_codes        text[],
        hashtags              text[]
    ) ON COMMIT DELETE ROWS;
    DELETE FROM pg_temp.rollup_fact_changes;  -- a second call in the same transaction (TRUNCATE churns the catalog)
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
            analysis_score = EXCLUDED.analysis_score, hashtags = EXCLUDED.hashtags,
            report_channels = EXCLUDED.report_channels, takedown_channel = EXCLUDED.takedown_channel,
            takedown_reported_at = EXCLUDED.takedown_reported_at, language = EXCLUDED.language,
            classifier_label = EXCLUDED.classifier_label
    ), seen AS (
        INSERT INTO mv_seen_values (dimension, value)
        SELECT DISTINCT d.dimension, d.value
        FROM arriving a,
             LATERAL (SELECT 'category', unnest(a.category_codes)
                      UNION ALL SELECT 'hashtag', unnest(a.hashtags)
                      UNION ALL SELECT 'language', a.language
                      UNION ALL SELECT 'classifier_label', a.classifier_label) AS d (dimension, value)
        WHERE d.value IS NOT NULL
        ON CONFLICT DO NOTHING
    )
    INSERT INTO pg_temp.rollup_fact_changes
    SELECT -1, community_id, platform, platform_detail, submitted_at, effective_takedown_at, takedown_source,
           category_codes, hashtags
    FROM leaving
    UNION ALL
    SELECT 1, community_id, platform, platform_detail, submitted_at, effective_takedown_at, takedown_source,
           category_codes, hashtags
    FROM arriving;
    GET DIAGNOSTICS changed = ROW_COUNT;
    searched := apply_submission_search(submission_ids);
    IF changed = 0 AND cardinality(searched) = 0 THEN
        RETURN 0;
    END IF;
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        PERFORM add_to_rollup(r);
    END LOOP;
    UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp() RETURNING version INTO new_version;
    PERFORM touch_partitions('SELECT * FROM pg_temp.rollup_fact_changes', new_version);
    IF cardinality(searched) > 0 THEN
        PERFORM touch_partitions(format('SELECT * FROM mv_submission_facts WHERE submission_id = ANY (%L::bigint[])',
                                        searched), new_version);
    END IF;
    RETURN changed + cardinality(searched);
END
$$;

-- The condition that a rebuilt row d is the same row of the rollup as t, hashable: no value and no community compare
-- as a value no row has (a code or hashtag is never empty: the dictionaries' CHECKs).
CREATE FUNCTION rollup_same_row_sql(r read_model_rollups) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(CASE WHEN k = 'community_id'
                               THEN 'coalesce(t.community_id, -1) = coalesce(d.community_id, -1)'
                           WHEN rollup_values_column(k) IS NOT NULL
                               THEN format('coalesce(t.%1$I, '''') = coalesce(d.%1$I, '''')', k)
                           ELSE format('t.%1$I = d.%1$I', k) END, ' AND ')
    FROM unnest(r.time_column || r.dimensions) k
$$;

-- As in V18, with rollup_same_row_sql.
CREATE OR REPLACE FUNCTION refresh_submission_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint := 0;
    new_version bigint;
    r read_model_rollups;
BEGIN
    LOCK TABLE mv_submission_facts, mv_submission_search, mv_seen_values IN SHARE ROW EXCLUSIVE MODE;
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', r.relation);
    END LOOP;

    DROP TABLE IF EXISTS pg_temp.rebuilt_facts, pg_temp.rebuilt_search;  -- a second rebuild in the same transaction
    CREATE TEMP TABLE rebuilt_facts ON COMMIT DROP AS SELECT * FROM submission_facts_rule;
    changed := changed + replace_differing_rows('mv_submission_facts', 'pg_temp.rebuilt_facts',
                                                't.submission_id = d.submission_id');
    CREATE TEMP TABLE rebuilt_search ON COMMIT DROP AS SELECT * FROM submission_search_rule;
    changed := changed + replace_differing_rows('mv_submission_search', 'pg_temp.rebuilt_search',
                                                't.submission_id = d.submission_id');
    INSERT INTO search_configurations SELECT DISTINCT search_config FROM pg_temp.rebuilt_search ON CONFLICT DO NOTHING;
    INSERT INTO mv_seen_values (dimension, value) SELECT * FROM seen_values_rule ON CONFLICT DO NOTHING;
    FOR r IN SELECT * FROM read_model_rollups
             ORDER BY rollup_rebuild_order(unit), cardinality(dimensions) DESC, name LOOP
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', 'rebuilt_' || r.name);
        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS %s', 'rebuilt_' || r.name, rollup_rebuild_sql(r));
        changed := changed + replace_differing_rows(r.relation::regclass, ('pg_temp.rebuilt_' || r.name)::regclass,
                                                    rollup_same_row_sql(r));
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
REVOKE EXECUTE ON FUNCTION rollup_values_column(text), rollup_many_valued(text[]), rollup_dimension_sql(text),
    rollup_unnest_sql(read_model_rollups), rollup_key_sql(read_model_rollups), rollup_same_row_sql(read_model_rollups)
    FROM PUBLIC;

INSERT INTO read_model_rollups VALUES
    ('daily_by_category', 'mv_daily_by_category_rollup', 'day', 'day', '{category}', NULL),
    ('weekly_by_category', 'mv_weekly_by_category_rollup', 'week', 'week', '{category}', NULL),
    ('monthly_by_category', 'mv_monthly_by_category_rollup', 'month', 'month', '{category}', NULL),
    ('daily_by_community_and_category', 'mv_daily_by_community_and_category_rollup', 'day', 'day',
     '{community_id,category}', NULL),
    ('weekly_by_community_and_category', 'mv_weekly_by_community_and_category_rollup', 'week', 'week',
     '{community_id,category}', NULL),
    ('monthly_by_community_and_category', 'mv_monthly_by_community_and_category_rollup', 'month', 'month',
     '{community_id,category}', NULL),
    ('daily_by_hashtag', 'mv_daily_by_hashtag_rollup', 'day', 'day', '{hashtag}', NULL);

CREATE TABLE mv_daily_by_category_rollup (
    day                       date   NOT NULL,
    category                  text,
    submissions               bigint NOT NULL,
    submissions_removed       bigint NOT NULL,
    removals                  bigint NOT NULL,
    removals_report_flow      bigint NOT NULL,
    removals_legacy_fallback  bigint NOT NULL,
    submissions_removed_14d   bigint NOT NULL
);
CREATE TABLE mv_weekly_by_category_rollup (LIKE mv_daily_by_category_rollup);
ALTER TABLE mv_weekly_by_category_rollup RENAME COLUMN day TO week;
CREATE TABLE mv_monthly_by_category_rollup (LIKE mv_daily_by_category_rollup);
ALTER TABLE mv_monthly_by_category_rollup RENAME COLUMN day TO month;
CREATE TABLE mv_daily_by_community_and_category_rollup (
    day                       date   NOT NULL,
    community_id              bigint,
    category                  text,
    submissions               bigint NOT NULL,
    submissions_removed       bigint NOT NULL,
    removals                  bigint NOT NULL,
    removals_report_flow      bigint NOT NULL,
    removals_legacy_fallback  bigint NOT NULL,
    submissions_removed_14d   bigint NOT NULL
);
CREATE TABLE mv_weekly_by_community_and_category_rollup (LIKE mv_daily_by_community_and_category_rollup);
ALTER TABLE mv_weekly_by_community_and_category_rollup RENAME COLUMN day TO week;
CREATE TABLE mv_monthly_by_community_and_category_rollup (LIKE mv_daily_by_community_and_category_rollup);
ALTER TABLE mv_monthly_by_community_and_category_rollup RENAME COLUMN day TO month;
CREATE TABLE mv_daily_by_hashtag_rollup (LIKE mv_daily_by_category_rollup);
ALTER TABLE mv_daily_by_hashtag_rollup RENAME COLUMN category TO hashtag;

SELECT create_rollup_views(name) FROM read_model_rollups WHERE rollup_many_valued(dimensions) <> '{}' ORDER BY name;

INSERT INTO mv_daily_by_category_rollup SELECT * FROM daily_by_category_rollup_rule ORDER BY day;
INSERT INTO mv_weekly_by_category_rollup SELECT * FROM weekly_by_category_rollup_rule ORDER BY week;
INSERT INTO mv_monthly_by_category_rollup SELECT * FROM monthly_by_category_rollup_rule ORDER BY month;
INSERT INTO mv_daily_by_community_and_category_rollup
SELECT * FROM daily_by_community_and_category_rollup_rule ORDER BY day;
INSERT INTO mv_weekly_by_community_and_category_rollup
SELECT * FROM weekly_by_community_and_category_rollup_rule ORDER BY week;
INSERT INTO mv_monthly_by_community_and_category_rollup
SELECT * FROM monthly_by_community_and_category_rollup_rule ORDER BY month;
INSERT INTO mv_daily_by_hashtag_rollup SELECT * FROM daily_by_hashtag_rollup_rule ORDER BY day;
CREATE UNIQUE INDEX mv_daily_by_category_rollup_pk ON mv_daily_by_category_rollup (day, md5(category))
    NULLS NOT DISTINCT;
CREATE UNIQUE INDEX mv_weekly_by_category_rollup_pk ON mv_weekly_by_category_rollup (week, md5(category))
    NULLS NOT DISTINCT;
CREATE UNIQUE INDEX mv_monthly_by_category_rollup_pk ON mv_monthly_by_category_rollup (month, md5(category))
    NULLS NOT DISTINCT;
CREATE UNIQUE INDEX mv_daily_by_community_and_category_rollup_pk
    ON mv_daily_by_community_and_category_rollup (day, community_id, md5(category)) NULLS NOT DISTINCT;
CREATE UNIQUE INDEX mv_weekly_by_community_and_category_rollup_pk
    ON mv_weekly_by_community_and_category_rollup (week, community_id, md5(category)) NULLS NOT DISTINCT;
CREATE UNIQUE INDEX mv_monthly_by_community_and_category_rollup_pk
    ON mv_monthly_by_community_and_category_rollup (month, community_id, md5(category)) NULLS NOT DISTINCT;
CREATE UNIQUE INDEX mv_daily_by_hashtag_rollup_pk ON mv_daily_by_hashtag_rollup (day, md5(hashtag)) NULLS NOT DISTINCT;
-- A manager's year is their communities' rows, not every community's.
CREATE INDEX mv_daily_by_community_and_category_rollup_community_idx
    ON mv_daily_by_community_and_category_rollup (community_id, day);
CREATE INDEX mv_weekly_by_community_and_category_rollup_community_idx
    ON mv_weekly_by_community_and_category_rollup (community_id, week);
CREATE INDEX mv_monthly_by_community_and_category_rollup_community_idx
    ON mv_monthly_by_community_and_category_rollup (community_id, month);
ANALYZE mv_daily_by_category_rollup, mv_weekly_by_category_rollup, mv_monthly_by_category_rollup,
        mv_daily_by_community_and_category_rollup, mv_weekly_by_community_and_category_rollup,
        mv_monthly_by_community_and_category_rollup, mv_daily_by_hashtag_rollup;
