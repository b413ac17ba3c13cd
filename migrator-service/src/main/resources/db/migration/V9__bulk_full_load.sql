-- A full load into an empty target writes its rows alone (no per-chunk fact and rollup arithmetic, no bucket
-- triggers) and builds the whole read model once at the end from the same rules as a rebuild: build_read_model().
-- A full load into a target that holds data skips the posts whose bundle it already holds (content_fingerprint).

-- bulk: the run writes rows without keeping the read model; read_model_built_at: when its final build committed.
-- A bulk run that died before it is continued in bulk by the next full run, and no delta runs until then.
ALTER TABLE migration_runs
    ADD COLUMN bulk boolean NOT NULL DEFAULT false,
    ADD COLUMN read_model_built_at timestamptz;

-- A digest of everything the target derives from the legacy post (the transformed bundle, reports included):
-- equal digests mean a rewrite would change nothing. NULL for rows written before it existed.
ALTER TABLE submissions ADD COLUMN content_fingerprint bytea;

-- The bucket triggers do nothing in a bulk load's chunk transactions (SET LOCAL migrator.bulk_load = 'on'): the final
-- build counts the buckets from the rows. Otherwise as in V8.
CREATE OR REPLACE FUNCTION move_submission_buckets() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('migrator.bulk_load', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO reconciliation_buckets AS b (bucket, posts, posts_hash, reports, reports_hash)
        SELECT legacy_id / 100, count(*), sum(post_version_hash(legacy_id, legacy_updated_at)::numeric), 0, 0
        FROM new_rows WHERE deleted_at IS NULL GROUP BY 1
        ON CONFLICT (bucket) DO UPDATE SET posts = b.posts + EXCLUDED.posts,
                                           posts_hash = b.posts_hash + EXCLUDED.posts_hash;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO reconciliation_buckets AS b (bucket, posts, posts_hash, reports, reports_hash)
        SELECT legacy_id / 100, -count(*), -sum(post_version_hash(legacy_id, legacy_updated_at)::numeric), 0, 0
        FROM old_rows WHERE deleted_at IS NULL GROUP BY 1
        ON CONFLICT (bucket) DO UPDATE SET posts = b.posts + EXCLUDED.posts,
                                           posts_hash = b.posts_hash + EXCLUDED.posts_hash;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION move_report_buckets() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('migrator.bulk_load', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO reconciliation_buckets AS b (bucket, posts, posts_hash, reports, reports_hash)
        SELECT s.legacy_id / 100, 0, 0, count(*),
               sum(report_version_hash(r.legacy_id, s.legacy_id, r.legacy_updated_at)::numeric)
        FROM new_rows r JOIN submissions s ON s.id = r.submission_id WHERE r.deleted_at IS NULL GROUP BY 1
        ON CONFLICT (bucket) DO UPDATE SET reports = b.reports + EXCLUDED.reports,
                                           reports_hash = b.reports_hash + EXCLUDED.reports_hash;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO reconciliation_buckets AS b (bucket, posts, posts_hash, reports, reports_hash)
        SELECT s.legacy_id / 100, 0, 0, -count(*),
               -sum(report_version_hash(r.legacy_id, s.legacy_id, r.legacy_updated_at)::numeric)
        FROM old_rows r JOIN submissions s ON s.id = r.submission_id WHERE r.deleted_at IS NULL GROUP BY 1
        ON CONFLICT (bucket) DO UPDATE SET reports = b.reports + EXCLUDED.reports,
                                           reports_hash = b.reports_hash + EXCLUDED.reports_hash;
    END IF;
    RETURN NULL;
END
$$;

-- As in V6, plus: an empty table (the first build after a bulk load) is filled by a plain insert, without the two
-- set differences over every row.
CREATE OR REPLACE FUNCTION replace_differing_rows(target regclass, rebuilt regclass, same_key text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    deleted bigint;
    inserted bigint;
    is_empty boolean;
BEGIN
    EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %s)', target) INTO is_empty;
    IF is_empty THEN
        EXECUTE format('INSERT INTO %s SELECT * FROM %s', target, rebuilt);
        GET DIAGNOSTICS inserted = ROW_COUNT;
        RETURN inserted;
    END IF;
    EXECUTE format('DELETE FROM %1$s t USING (SELECT * FROM %1$s EXCEPT ALL SELECT * FROM %2$s) d WHERE %3$s',
                   target, rebuilt, same_key);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    EXECUTE format('INSERT INTO %1$s SELECT * FROM %2$s EXCEPT ALL SELECT * FROM %1$s', target, rebuilt);
    GET DIAGNOSTICS inserted = ROW_COUNT;
    RETURN deleted + inserted;
END
$$;

-- Everything derived from the rows, from the rules: the facts and every rollup (refresh_submission_facts) and the
-- reconciliation buckets. The one entry point of a bulk load's final build and of a rebuild: a new pre-aggregation
-- joins refresh_submission_facts and is built by both. Returns how many rows differed.
CREATE FUNCTION build_read_model() RETURNS bigint
LANGUAGE sql AS $$
    SELECT refresh_submission_facts() + rebuild_reconciliation_buckets()
$$;
REVOKE EXECUTE ON FUNCTION build_read_model() FROM PUBLIC;
