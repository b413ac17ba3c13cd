-- Reverses V15__change_stream.sql. Stream sessions go with it (the slot on the legacy database stays: drop it with
-- `migrator stream drop-slot` first, or it keeps WAL).
DROP VIEW stream_freshness;
DROP TABLE stream_applied_transactions, stream_state;
DELETE FROM migration_runs WHERE kind = 'stream';
ALTER TABLE migration_runs DROP CONSTRAINT migration_runs_kind_check;
ALTER TABLE migration_runs ADD CONSTRAINT migration_runs_kind_check
    CHECK (kind IN ('full', 'delta', 'reconcile', 'audit'));
