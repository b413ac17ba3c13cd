-- Reverses V22__category_and_hashtag_rollups.sql: V16's rollup functions and V18's apply_submission_facts and
-- refresh_submission_facts; the engine reads what the declarations name, so questions by category and hashtag are read
-- from the facts again.
DELETE FROM read_model_rollups WHERE dimensions && ARRAY ['category', 'hashtag'];
DROP VIEW daily_by_category_rollup_now, daily_by_category_rollup_rule, weekly_by_category_rollup_now,
    weekly_by_category_rollup_rule, monthly_by_category_rollup_now, monthly_by_category_rollup_rule,
    daily_by_community_and_category_rollup_now, daily_by_community_and_category_rollup_rule,
    weekly_by_community_and_category_rollup_now, weekly_by_community_and_category_rollup_rule,
    monthly_by_community_and_category_rollup_now, monthly_by_community_and_category_rollup_rule,
    daily_by_hashtag_rollup_now, daily_by_hashtag_rollup_rule;
DROP TABLE mv_daily_by_category_rollup, mv_weekly_by_category_rollup, mv_monthly_by_category_rollup,
    mv_daily_by_community_and_category_rollup, mv_weekly_by_community_and_category_rollup,
    mv_monthly_by_community_and_category_rollup, mv_daily_by_hashtag_rollup;
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
    INSERT INTO pg_temp.fact_changes
    SELECT -1, community_id, platform, platform_detail, submitted_at, effective_takedown_at, takedown_source
    FROM leaving
    UNION ALL
    SELECT 1, community_id, platform, platform_detail, submitted_at, effective_takedown_at, takedown_source
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
    PERFORM touch_partitions('SELECT * FROM pg_temp.fact_changes', new_version);
    IF cardinality(searched) > 0 THEN
        PERFORM touch_partitions(format('SELECT * FROM mv_submission_facts WHERE submission_id = ANY (%L::bigint[])',
                                        searched), new_version);
    END IF;
    RETURN changed + cardinality(searched);
END
$$;

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
DROP FUNCTION rollup_dimension_sql(text), rollup_unnest_sql(read_model_rollups), rollup_key_sql(read_model_rollups),
    rollup_same_row_sql(read_model_rollups), rollup_many_valued(text[]), rollup_values_column(text);
ALTER TABLE read_model_rollups DROP CONSTRAINT read_model_rollups_dimensions_check,
    ADD CONSTRAINT read_model_rollups_dimensions_check
        CHECK (dimensions <@ ARRAY ['community_id', 'platform', 'platform_detail']);
