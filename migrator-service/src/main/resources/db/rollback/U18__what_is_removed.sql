-- Reverses V18__what_is_removed.sql: V10's apply_submission_facts, V14's refresh_submission_facts and V6's rule.
REVOKE SELECT ON mv_submission_search, search_configurations, mv_seen_values FROM bi_reader;
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

DROP FUNCTION apply_submission_search(bigint[]);
DROP TABLE mv_seen_values, search_configurations, mv_submission_search;
DROP VIEW seen_values_rule, submission_search_rule;
DROP INDEX mv_submission_facts_categories_idx, mv_submission_facts_hashtags_idx;
ALTER TABLE mv_submission_facts DROP COLUMN hashtags, DROP COLUMN report_channels, DROP COLUMN takedown_channel,
    DROP COLUMN takedown_reported_at, DROP COLUMN language, DROP COLUMN classifier_label;
DROP VIEW submission_facts_rule;
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
DROP FUNCTION search_configuration(text), classifier_label(text[], jsonb), report_channel(text);
-- pg_trgm stays: other objects of the database may use it.
