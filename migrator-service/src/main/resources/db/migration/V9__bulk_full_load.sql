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

-- The bucket triggers stand aside in a bulk load's chunk transactions (SET LOCAL migrator.bulk_load = 'on'): the
-- final build counts the buckets from the rows. Otherwise they fire as in V8.
DROP TRIGGER submissions_buckets_insert ON submissions;
DROP TRIGGER submissions_buckets_update ON submissions;
DROP TRIGGER submissions_buckets_delete ON submissions;
DROP TRIGGER reports_buckets_insert ON reports;
DROP TRIGGER reports_buckets_update ON reports;
DROP TRIGGER reports_buckets_delete ON reports;
CREATE TRIGGER submissions_buckets_insert AFTER INSERT ON submissions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT WHEN (current_setting('migrator.bulk_load', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION move_submission_buckets();
CREATE TRIGGER submissions_buckets_update AFTER UPDATE ON submissions REFERENCING OLD TABLE AS old_rows
    NEW TABLE AS new_rows FOR EACH STATEMENT WHEN (current_setting('migrator.bulk_load', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION move_submission_buckets();
CREATE TRIGGER submissions_buckets_delete AFTER DELETE ON submissions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT WHEN (current_setting('migrator.bulk_load', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION move_submission_buckets();
CREATE TRIGGER reports_buckets_insert AFTER INSERT ON reports REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT WHEN (current_setting('migrator.bulk_load', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION move_report_buckets();
CREATE TRIGGER reports_buckets_update AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_rows
    NEW TABLE AS new_rows FOR EACH STATEMENT WHEN (current_setting('migrator.bulk_load', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION move_report_buckets();
CREATE TRIGGER reports_buckets_delete AFTER DELETE ON reports REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT WHEN (current_setting('migrator.bulk_load', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION move_report_buckets();

-- V6's set differences, kept under another name, and before them a plain insert into an empty table (the first build
-- after a bulk load): no two set differences over every row.
ALTER FUNCTION replace_differing_rows(regclass, regclass, text) RENAME TO replace_rows_by_difference;
CREATE FUNCTION replace_differing_rows(target regclass, rebuilt regclass, same_key text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    is_empty boolean;
    inserted bigint;
BEGIN
    EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %s)', target) INTO is_empty;
    IF NOT is_empty THEN
        RETURN replace_rows_by_difference(target, rebuilt, same_key);
    END IF;
    EXECUTE format('INSERT INTO %s SELECT * FROM %s', target, rebuilt);
    GET DIAGNOSTICS inserted = ROW_COUNT;
    RETURN inserted;
END
$$;
REVOKE EXECUTE ON FUNCTION replace_differing_rows(regclass, regclass, text) FROM PUBLIC;

-- Everything derived from the rows, from the rules: the facts and every rollup (refresh_submission_facts) and the
-- reconciliation buckets. The one entry point of a bulk load's final build and of a rebuild: a new pre-aggregation
-- joins refresh_submission_facts and is built by both. Returns how many rows differed.
CREATE FUNCTION build_read_model() RETURNS bigint
LANGUAGE sql AS $$
    SELECT refresh_submission_facts() + rebuild_reconciliation_buckets()
$$;
REVOKE EXECUTE ON FUNCTION build_read_model() FROM PUBLIC;
