-- V18's facts rule as one function of the submissions asked for (NULL: all of them). Asked for all (a bulk build, a
-- rebuild, the audit), each many-valued part is aggregated over its whole table in one pass and joined by hash:
-- PostgreSQL cannot decorrelate V18's LATERAL aggregates and ran them once per submission (1M posts: 21.5 s that way,
-- 13.4 s this way). Asked for a chunk's ids, the same text reads every part by index for those ids alone: the function
-- is inlined and planned with the ids known, so `ids IS NULL` folds away. The answers are V18's.
CREATE FUNCTION submission_facts_of(ids bigint[]) RETURNS SETOF mv_submission_facts
LANGUAGE sql STABLE AS $$
    SELECT s.id,
           s.legacy_id,
           s.community_id,
           c.slug,
           s.platform,
           s.platform_detail,
           s.status,
           s.submitted_at,
           COALESCE(r.first_report_takedown_at, s.legacy_removed_at),
           CASE
               WHEN r.first_report_takedown_at IS NOT NULL THEN 'report_flow'
               WHEN s.legacy_removed_at IS NOT NULL THEN 'legacy_fallback'
           END,
           COALESCE(r.report_count, 0),
           COALESCE(cf.category_codes, '{}'),
           COALESCE(h.hashtag_count, 0),
           a.score,
           COALESCE(h.hashtags, '{}'),
           COALESCE(r.report_channels, '{}'),
           r.takedown_channel,
           r.takedown_reported_at,
           nullif(m.language, ''),
           classifier_label(a.labels, a.scores)
    FROM submissions s
    LEFT JOIN communities c ON c.id = s.community_id
    LEFT JOIN (
        -- Live reports filtered inside the aggregates (see V6): a submission whose reports are all deleted has a
        -- group, counted 0. The takedown's report is the one with the earliest taken_down_at (the effective time),
        -- the first filed among equals.
        SELECT submission_id,
               count(*) FILTER (WHERE deleted_at IS NULL) AS report_count,
               min(taken_down_at) FILTER (WHERE deleted_at IS NULL) AS first_report_takedown_at,
               COALESCE(array_agg(DISTINCT report_channel(channel)) FILTER (WHERE deleted_at IS NULL), '{}'::text[])
                   AS report_channels,
               (array_agg(report_channel(channel) ORDER BY taken_down_at, reported_at, legacy_id)
                   FILTER (WHERE deleted_at IS NULL AND taken_down_at IS NOT NULL))[1] AS takedown_channel,
               (array_agg(reported_at ORDER BY taken_down_at, reported_at, legacy_id)
                   FILTER (WHERE deleted_at IS NULL AND taken_down_at IS NOT NULL))[1] AS takedown_reported_at
        FROM reports
        WHERE ids IS NULL OR submission_id = ANY (ids)
        GROUP BY submission_id
    ) r ON r.submission_id = s.id
    LEFT JOIN (
        SELECT sc.submission_id, array_agg(cat.code ORDER BY cat.code) AS category_codes
        FROM submission_categories sc JOIN categories cat ON cat.id = sc.category_id
        WHERE ids IS NULL OR sc.submission_id = ANY (ids)
        GROUP BY sc.submission_id
    ) cf ON cf.submission_id = s.id
    LEFT JOIN (
        SELECT sh.submission_id, count(*) AS hashtag_count, array_agg(t.tag ORDER BY t.tag) AS hashtags
        FROM submission_hashtags sh JOIN hashtags t ON t.id = sh.hashtag_id
        WHERE ids IS NULL OR sh.submission_id = ANY (ids)
        GROUP BY sh.submission_id
    ) h ON h.submission_id = s.id
    LEFT JOIN analysis a ON a.submission_id = s.id
    LEFT JOIN submission_metadata m ON m.submission_id = s.id
    WHERE s.deleted_at IS NULL AND (ids IS NULL OR s.id = ANY (ids))
$$;

CREATE OR REPLACE VIEW submission_facts_rule AS SELECT * FROM submission_facts_of(NULL);
REVOKE EXECUTE ON FUNCTION submission_facts_of(bigint[]) FROM PUBLIC;

-- V22's, asking the rule for the chunk's submissions alone (none for NULL, as before: NULL would mean all). Always
-- planned with the ids known: a plan made once for any ids would read the whole tables for every chunk.
CREATE OR REPLACE FUNCTION apply_submission_facts(submission_ids bigint[]) RETURNS bigint
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
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
        SELECT * FROM submission_facts_of(coalesce(submission_ids, '{}'))
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
