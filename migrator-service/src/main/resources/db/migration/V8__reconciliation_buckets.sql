-- The target side of every reconciliation, kept current instead of recomputed: per bucket of 100 legacy post ids, how
-- many live submissions and live reports the target holds and the sums of their content-version hashes, moved by
-- statement-level triggers in the transaction of every write to submissions and reports. Reading it costs a few
-- thousand rows, not a scan of every submission and report. The reconciliation's bucket size is a multiple of 100.
--
-- The hashes are those the legacy side computes in SQL (ContentHash in the migrator); ContentHashTest checks that
-- these functions give the same values, and the audit that the buckets equal a recount.
CREATE FUNCTION post_version_hash(legacy_id bigint, updated_at timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT hashint8extended(legacy_id, (date_part('epoch', updated_at) * 1000000)::bigint)
$$;

CREATE FUNCTION report_version_hash(legacy_id bigint, post_legacy_id bigint, updated_at timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT hashint8extended(legacy_id, hashint8extended(post_legacy_id, (date_part('epoch', updated_at) * 1000000)::bigint))
$$;

CREATE TABLE reconciliation_buckets (
    bucket        bigint  PRIMARY KEY,  -- legacy post id / 100
    posts         bigint  NOT NULL,
    posts_hash    numeric NOT NULL,
    reports       bigint  NOT NULL,
    reports_hash  numeric NOT NULL
);

-- The buckets as the rows give them: what the buckets are filled with now, and what the audit compares them with.
-- A live submission counts as a post; a live report (reports go and come back with their submission) as a report of
-- its submission's post.
CREATE VIEW reconciliation_buckets_rule AS
SELECT bucket, sum(posts)::bigint AS posts, sum(posts_hash) AS posts_hash, sum(reports)::bigint AS reports,
       sum(reports_hash) AS reports_hash
FROM (SELECT legacy_id / 100 AS bucket, 1 AS posts, post_version_hash(legacy_id, legacy_updated_at)::numeric AS posts_hash,
             0 AS reports, 0::numeric AS reports_hash
      FROM submissions WHERE deleted_at IS NULL
      UNION ALL
      SELECT s.legacy_id / 100, 0, 0, 1, report_version_hash(r.legacy_id, s.legacy_id, r.legacy_updated_at)::numeric
      FROM reports r JOIN submissions s ON s.id = r.submission_id WHERE r.deleted_at IS NULL) AS counted
GROUP BY bucket;

INSERT INTO reconciliation_buckets SELECT * FROM reconciliation_buckets_rule;

-- What the rows a statement wrote add, less what the rows it replaced took away. Each statement is planned only when
-- its branch runs, so an INSERT trigger never sees old_rows, nor a DELETE trigger new_rows.
CREATE FUNCTION move_submission_buckets() RETURNS trigger
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

CREATE FUNCTION move_report_buckets() RETURNS trigger
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

-- Emptied tables empty their buckets (reports go whenever submissions go: TRUNCATE … CASCADE).
CREATE FUNCTION empty_reconciliation_buckets() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'submissions' THEN
        DELETE FROM reconciliation_buckets;
    ELSE
        UPDATE reconciliation_buckets SET reports = 0, reports_hash = 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER submissions_buckets_insert AFTER INSERT ON submissions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION move_submission_buckets();
CREATE TRIGGER submissions_buckets_update AFTER UPDATE ON submissions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION move_submission_buckets();
CREATE TRIGGER submissions_buckets_delete AFTER DELETE ON submissions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION move_submission_buckets();
CREATE TRIGGER submissions_buckets_truncate AFTER TRUNCATE ON submissions
    FOR EACH STATEMENT EXECUTE FUNCTION empty_reconciliation_buckets();
CREATE TRIGGER reports_buckets_insert AFTER INSERT ON reports
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION move_report_buckets();
CREATE TRIGGER reports_buckets_update AFTER UPDATE ON reports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION move_report_buckets();
CREATE TRIGGER reports_buckets_delete AFTER DELETE ON reports
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION move_report_buckets();
CREATE TRIGGER reports_buckets_truncate AFTER TRUNCATE ON reports
    FOR EACH STATEMENT EXECUTE FUNCTION empty_reconciliation_buckets();

-- The buckets counted again from the rows, for repair (the read model's rebuild calls it); returns how many differed.
CREATE FUNCTION rebuild_reconciliation_buckets() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint;
BEGIN
    LOCK TABLE reconciliation_buckets IN SHARE ROW EXCLUSIVE MODE;
    CREATE TEMP TABLE recounted_buckets ON COMMIT DROP AS SELECT * FROM reconciliation_buckets_rule;
    SELECT count(*) INTO changed FROM (
        (SELECT * FROM recounted_buckets EXCEPT SELECT * FROM reconciliation_buckets
         WHERE (posts, reports, posts_hash, reports_hash) <> (0, 0, 0, 0))
        UNION ALL
        (SELECT * FROM reconciliation_buckets WHERE (posts, reports, posts_hash, reports_hash) <> (0, 0, 0, 0)
         EXCEPT SELECT * FROM recounted_buckets)) AS differing;
    IF changed > 0 THEN
        DELETE FROM reconciliation_buckets;
        INSERT INTO reconciliation_buckets SELECT * FROM recounted_buckets;
    END IF;
    DROP TABLE recounted_buckets;
    RETURN changed;
END
$$;
REVOKE EXECUTE ON FUNCTION rebuild_reconciliation_buckets() FROM PUBLIC;
