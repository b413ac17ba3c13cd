-- Reverses V8__reconciliation_buckets.sql: reconciliations summarise the target by scanning it again.
DROP TRIGGER submissions_buckets_insert ON submissions;
DROP TRIGGER submissions_buckets_update ON submissions;
DROP TRIGGER submissions_buckets_delete ON submissions;
DROP TRIGGER submissions_buckets_truncate ON submissions;
DROP TRIGGER reports_buckets_insert ON reports;
DROP TRIGGER reports_buckets_update ON reports;
DROP TRIGGER reports_buckets_delete ON reports;
DROP TRIGGER reports_buckets_truncate ON reports;
DROP FUNCTION move_submission_buckets(), move_report_buckets(), empty_reconciliation_buckets(),
    rebuild_reconciliation_buckets();
DROP VIEW reconciliation_buckets_rule;
DROP TABLE reconciliation_buckets;
DROP FUNCTION post_version_hash(bigint, timestamptz), report_version_hash(bigint, bigint, timestamptz);
