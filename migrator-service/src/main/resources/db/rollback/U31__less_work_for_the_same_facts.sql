-- Reverses V31__less_work_for_the_same_facts.sql: V18's report_channel, classifier_label and seen_values_rule, V28's
-- submission_facts_of and V29's refresh_facts_and_rollups and publish_read_model_changes.
CREATE OR REPLACE FUNCTION report_channel(channel text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN nullif(btrim(channel), '') IS NULL THEN 'unknown'
        WHEN regexp_replace(lower(btrim(channel)), '[[:space:]-]+', '_', 'g')
             IN ('platform_form', 'trusted_flagger', 'email', 'api')
            THEN regexp_replace(lower(btrim(channel)), '[[:space:]-]+', '_', 'g')
        ELSE 'other'
    END
$$;

CREATE OR REPLACE FUNCTION classifier_label(labels text[], scores jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT btrim(l) FROM unnest(labels) AS l
    WHERE btrim(l) <> ''
    ORDER BY CASE WHEN jsonb_typeof(scores -> l) = 'number' THEN (scores ->> l)::numeric END DESC NULLS LAST, btrim(l)
    LIMIT 1
$$;

DROP FUNCTION classifier_label_ranked(text[], jsonb);

CREATE OR REPLACE FUNCTION submission_facts_of(ids bigint[]) RETURNS SETOF mv_submission_facts
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

CREATE OR REPLACE VIEW seen_values_rule AS
SELECT DISTINCT d.dimension, d.value
FROM mv_submission_facts f,
     LATERAL (SELECT 'category', unnest(f.category_codes)
              UNION ALL SELECT 'hashtag', unnest(f.hashtags)
              UNION ALL SELECT 'language', f.language
              UNION ALL SELECT 'classifier_label', f.classifier_label) AS d (dimension, value)
WHERE d.value IS NOT NULL;

CREATE OR REPLACE FUNCTION refresh_facts_and_rollups() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint := 0;
    r read_model_rollups;
BEGIN
    PERFORM lock_read_model();
    DROP TABLE IF EXISTS pg_temp.rebuilt_facts;  -- a second rebuild in the same transaction
    CREATE TEMP TABLE rebuilt_facts ON COMMIT DROP AS SELECT * FROM submission_facts_rule;
    changed := changed + replace_differing_rows('mv_submission_facts', 'pg_temp.rebuilt_facts',
                                                't.submission_id = d.submission_id');
    INSERT INTO mv_seen_values (dimension, value) SELECT * FROM seen_values_rule ON CONFLICT DO NOTHING;
    FOR r IN SELECT * FROM read_model_rollups
             ORDER BY rollup_rebuild_order(unit), cardinality(dimensions) DESC, name LOOP
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', 'rebuilt_' || r.name);
        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS %s', 'rebuilt_' || r.name, rollup_rebuild_sql(r));
        changed := changed + replace_differing_rows(r.relation::regclass, ('pg_temp.rebuilt_' || r.name)::regclass,
                                                    rollup_same_row_sql(r));
    END LOOP;
    RETURN changed;
END
$$;

CREATE OR REPLACE FUNCTION publish_read_model_changes(changed bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    new_version bigint;
BEGIN
    IF changed > 0 THEN
        UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp()
        RETURNING version INTO new_version;
        UPDATE read_model_partitions SET version = new_version;
        PERFORM touch_partitions('SELECT * FROM mv_submission_facts', new_version);
    END IF;
    RETURN changed;
END
$$;
