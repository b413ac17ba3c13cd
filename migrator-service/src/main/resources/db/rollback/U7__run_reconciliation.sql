-- Reverses V7__run_reconciliation.sql. Runs of the kinds 'reconcile' and 'audit' go with it.
DELETE FROM migration_runs WHERE kind IN ('reconcile', 'audit');
ALTER TABLE migration_runs
    DROP COLUMN posts_unchanged,
    DROP COLUMN submissions_soft_deleted,
    DROP COLUMN submissions_restored,
    DROP COLUMN reconciliation,
    DROP COLUMN mass_delete_refused;
ALTER TABLE migration_runs DROP CONSTRAINT migration_runs_kind_check;
ALTER TABLE migration_runs ADD CONSTRAINT migration_runs_kind_check CHECK (kind IN ('full', 'delta'));
