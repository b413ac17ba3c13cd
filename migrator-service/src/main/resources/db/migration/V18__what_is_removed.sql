-- What is removed, not only where (issue 41). Per live submission the facts gain what a moderator asks about: the
-- post's hashtags (until now only their count), the channels of its live reports, the channel and report time of the
-- report whose takedown is the effective one, the post's language and its classifier label. Beside them the read model
-- keeps each submission's words for search (mv_submission_search) and the values seen per open dimension
-- (mv_seen_values, what a metric's filter is checked against). All of it is kept by apply_submission_facts in the
-- transaction of the rows it comes from, rebuilt by refresh_submission_facts, and audited against its rule.
--
-- Representation: arrays on the facts (category_codes, hashtags, report_channels), with GIN indexes on the two open
-- ones: a filter is an array operator on the row the engine reads anyway (no join, no fan-out), grouping unnests the
-- array of the rows a window selects, and the pre-aggregations by category (V19) answer long windows.

-- The read model's channels: the legacy app's four, 'other' for any other text, 'unknown' where none was recorded
-- (ReportChannel in shared-model lists the same codes).
CREATE FUNCTION report_channel(channel text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN nullif(btrim(channel), '') IS NULL THEN 'unknown'
        WHEN regexp_replace(lower(btrim(channel)), '[[:space:]-]+', '_', 'g')
             IN ('platform_form', 'trusted_flagger', 'email', 'api')
            THEN regexp_replace(lower(btrim(channel)), '[[:space:]-]+', '_', 'g')
        ELSE 'other'
    END
$$;

-- The label the classifier was surest of: v1's one label; of v2's labels the one with the highest score (labels
-- without a score after those with one, ties in alphabetical order). NULL without a label.
CREATE FUNCTION classifier_label(labels text[], scores jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT btrim(l) FROM unnest(labels) AS l
    WHERE btrim(l) <> ''
    ORDER BY CASE WHEN jsonb_typeof(scores -> l) = 'number' THEN (scores ->> l)::numeric END DESC NULLS LAST, btrim(l)
    LIMIT 1
$$;

-- The text search configuration of a post's language: by ISO 639-1 code ('en', 'en-GB', 'pt_BR') or by the
-- configuration's own name ('english'); 'simple' (no stemming, no stop words) for any other language and none.
CREATE FUNCTION search_configuration(language text) RETURNS regconfig
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce((SELECT c.oid::regconfig FROM pg_ts_config c
                     WHERE c.cfgnamespace = 'pg_catalog'::regnamespace AND c.cfgname = CASE code
                         WHEN 'ar' THEN 'arabic' WHEN 'hy' THEN 'armenian' WHEN 'eu' THEN 'basque'
                         WHEN 'ca' THEN 'catalan' WHEN 'da' THEN 'danish' WHEN 'nl' THEN 'dutch'
                         WHEN 'en' THEN 'english' WHEN 'fi' THEN 'finnish' WHEN 'fr' THEN 'french'
                         WHEN 'de' THEN 'german' WHEN 'el' THEN 'greek' WHEN 'hi' THEN 'hindi'
                         WHEN 'hu' THEN 'hungarian' WHEN 'id' THEN 'indonesian' WHEN 'ga' THEN 'irish'
                         WHEN 'it' THEN 'italian' WHEN 'lt' THEN 'lithuanian' WHEN 'ne' THEN 'nepali'
                         WHEN 'no' THEN 'norwegian' WHEN 'nb' THEN 'norwegian' WHEN 'nn' THEN 'norwegian'
                         WHEN 'pt' THEN 'portuguese' WHEN 'ro' THEN 'romanian' WHEN 'ru' THEN 'russian'
                         WHEN 'sr' THEN 'serbian' WHEN 'es' THEN 'spanish' WHEN 'sv' THEN 'swedish'
                         WHEN 'ta' THEN 'tamil' WHEN 'tr' THEN 'turkish' WHEN 'yi' THEN 'yiddish'
                         ELSE code END),
                    'simple'::regconfig)
    FROM (SELECT split_part(translate(lower(btrim(coalesce(language, ''))), '_', '-'), '-', 1) AS code) l
$$;

-- V6's rule with the new columns last (a view gains columns only at its end).
CREATE OR REPLACE VIEW submission_facts_rule AS
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
       a.score                                                   AS analysis_score,
       h.hashtags,
       r.report_channels,
       r.takedown_channel,
       r.takedown_reported_at,
       nullif(m.language, '')                                    AS language,
       classifier_label(a.labels, a.scores)                      AS classifier_label
FROM submissions s
LEFT JOIN communities c ON c.id = s.community_id
CROSS JOIN LATERAL (
    -- Live reports filtered inside the aggregates, not in WHERE (see V6). The takedown's report is the one with the
    -- earliest taken_down_at (the effective time), the first filed among equals.
    SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS report_count,
           min(taken_down_at) FILTER (WHERE deleted_at IS NULL) AS first_report_takedown_at,
           COALESCE(array_agg(DISTINCT report_channel(channel)) FILTER (WHERE deleted_at IS NULL), '{}'::text[])
               AS report_channels,
           (array_agg(report_channel(channel) ORDER BY taken_down_at, reported_at, legacy_id)
               FILTER (WHERE deleted_at IS NULL AND taken_down_at IS NOT NULL))[1] AS takedown_channel,
           (array_agg(reported_at ORDER BY taken_down_at, reported_at, legacy_id)
               FILTER (WHERE deleted_at IS NULL AND taken_down_at IS NOT NULL))[1] AS takedown_reported_at
    FROM reports WHERE submission_id = s.id
) r
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(cat.code ORDER BY cat.code), '{}'::text[]) AS category_codes
    FROM submission_categories sc JOIN categories cat ON cat.id = sc.category_id
    WHERE sc.submission_id = s.id
) cf
CROSS JOIN LATERAL (
    SELECT count(*) AS hashtag_count, COALESCE(array_agg(t.tag ORDER BY t.tag), '{}'::text[]) AS hashtags
    FROM submission_hashtags sh JOIN hashtags t ON t.id = sh.hashtag_id
    WHERE sh.submission_id = s.id
) h
LEFT JOIN analysis a ON a.submission_id = s.id
LEFT JOIN submission_metadata m ON m.submission_id = s.id
WHERE s.deleted_at IS NULL;

ALTER TABLE mv_submission_facts
    ADD COLUMN hashtags             text[] NOT NULL DEFAULT '{}',
    ADD COLUMN report_channels      text[] NOT NULL DEFAULT '{}',
    ADD COLUMN takedown_channel     text,
    ADD COLUMN takedown_reported_at timestamptz,
    ADD COLUMN language             text,
    ADD COLUMN classifier_label     text;
ALTER TABLE mv_submission_facts ALTER COLUMN hashtags DROP DEFAULT, ALTER COLUMN report_channels DROP DEFAULT;
CREATE INDEX mv_submission_facts_categories_idx ON mv_submission_facts USING gin (category_codes);
CREATE INDEX mv_submission_facts_hashtags_idx ON mv_submission_facts USING gin (hashtags);

-- A submission's words, author and link for search. The document is its text in its language's configuration (the
-- first 100,000 characters: a tsvector holds at most 1 MB); search_configurations lists every configuration a
-- document was made in, so a search asks each in its own configuration through the GIN index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE VIEW submission_search_rule AS
SELECT s.id AS submission_id,
       search_configuration(m.language) AS search_config,
       to_tsvector(search_configuration(m.language), left(coalesce(p.content_text, ''), 100000)) AS document,
       p.author_handle,
       s.url
FROM submissions s
LEFT JOIN post_data p ON p.submission_id = s.id
LEFT JOIN submission_metadata m ON m.submission_id = s.id
WHERE s.deleted_at IS NULL;

CREATE TABLE mv_submission_search (
    submission_id  bigint    PRIMARY KEY,
    search_config  regconfig NOT NULL,
    document       tsvector  NOT NULL,
    author_handle  text,
    url            text
);
CREATE INDEX mv_submission_search_document_idx ON mv_submission_search USING gin (document);
CREATE INDEX mv_submission_search_author_idx ON mv_submission_search USING gin (author_handle gin_trgm_ops);
CREATE INDEX mv_submission_search_url_idx ON mv_submission_search USING gin (url gin_trgm_ops);

CREATE TABLE search_configurations (
    search_config regconfig PRIMARY KEY
);

-- The values met per open dimension, for the metric language's "never seen yet, did you mean": kept as they arrive,
-- never taken back (a value once seen stays a known spelling), rebuilt from the facts.
CREATE VIEW seen_values_rule AS
SELECT DISTINCT d.dimension, d.value
FROM mv_submission_facts f,
     LATERAL (SELECT 'category', unnest(f.category_codes)
              UNION ALL SELECT 'hashtag', unnest(f.hashtags)
              UNION ALL SELECT 'language', f.language
              UNION ALL SELECT 'classifier_label', f.classifier_label) AS d (dimension, value)
WHERE d.value IS NOT NULL;

CREATE TABLE mv_seen_values (
    dimension  text NOT NULL,
    value      text NOT NULL
);
-- md5: a pasted wall of text is a hashtag too, and must not exceed the btree row limit.
CREATE UNIQUE INDEX mv_seen_values_key ON mv_seen_values (dimension, md5(value));
CREATE INDEX mv_seen_values_similar_idx ON mv_seen_values USING gin (value gin_trgm_ops);

-- The search rows of these submissions as their rule gives them now. Returns the submissions whose row changed.
CREATE FUNCTION apply_submission_search(submission_ids bigint[]) RETURNS bigint[]
LANGUAGE sql AS $$
    WITH fresh AS MATERIALIZED (
        SELECT * FROM submission_search_rule WHERE submission_id = ANY (submission_ids)
    ), removed AS (
        DELETE FROM mv_submission_search s
        WHERE s.submission_id = ANY (submission_ids)
          AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.submission_id = s.submission_id)
        RETURNING s.submission_id
    ), written AS (
        INSERT INTO mv_submission_search AS s SELECT * FROM fresh
        ON CONFLICT (submission_id) DO UPDATE SET search_config = EXCLUDED.search_config,
            document = EXCLUDED.document, author_handle = EXCLUDED.author_handle, url = EXCLUDED.url
        WHERE (s.search_config, s.document, s.author_handle, s.url)
              IS DISTINCT FROM (EXCLUDED.search_config, EXCLUDED.document, EXCLUDED.author_handle, EXCLUDED.url)
        RETURNING s.submission_id
    ), configurations AS (
        INSERT INTO search_configurations SELECT DISTINCT search_config FROM fresh ON CONFLICT DO NOTHING
    )
    SELECT coalesce(array_agg(submission_id), '{}') FROM (SELECT * FROM removed UNION ALL SELECT * FROM written) c
$$;

-- As in V10, with the new columns written, the seen values kept and the search rows of the same submissions
-- applied; a change of a post's text alone (no fact changed) still moves the version and marks its months changed.
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

-- As in V14, with the search rows and the seen values rebuilt from their rules too.
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
REVOKE EXECUTE ON FUNCTION apply_submission_search(bigint[]) FROM PUBLIC;

-- Every existing submission's new columns, search row and values, from the rules.
SELECT refresh_submission_facts();

GRANT SELECT ON mv_submission_search, search_configurations, mv_seen_values TO bi_reader;
