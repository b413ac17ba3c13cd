-- Reverses V9__bulk_full_load.sql: the bucket triggers and replace_differing_rows as V8 and V6 define them.
DROP FUNCTION build_read_model();
ALTER TABLE submissions DROP COLUMN content_fingerprint;
ALTER TABLE migration_runs DROP COLUMN bulk, DROP COLUMN read_model_built_at;

CREATE OR REPLACE FUNCTION replace_differing_rows(target regclass, rebuilt regclass, same_key text) RETURNS bigint
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

CREATE OR REPLACE FUNCTION move_submission_buckets() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
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
