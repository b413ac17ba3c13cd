-- Runs reconcile legacy and target by content, can be refused by the mass-deletion guard, and count what they did
-- so that the counts add up: posts_read = submissions_written + posts_unchanged + quarantined
-- + submissions_soft_deleted (submissions_restored is part of submissions_written).
-- Two more kinds: 'reconcile' (the reconciliation alone) and 'audit' (every submission and the read model checked).
ALTER TABLE migration_runs DROP CONSTRAINT migration_runs_kind_check;
ALTER TABLE migration_runs ADD CONSTRAINT migration_runs_kind_check
    CHECK (kind IN ('full', 'delta', 'reconcile', 'audit'));
ALTER TABLE migration_runs
    ADD COLUMN posts_unchanged           bigint  NOT NULL DEFAULT 0,
    ADD COLUMN submissions_soft_deleted  bigint  NOT NULL DEFAULT 0,
    ADD COLUMN submissions_restored      bigint  NOT NULL DEFAULT 0,
    -- what the reconciliation compared and repaired, and why (see ReconciliationView)
    ADD COLUMN reconciliation            jsonb,
    -- the run would have soft-deleted an implausible share of live submissions or reports, and deleted nothing
    ADD COLUMN mass_delete_refused       boolean NOT NULL DEFAULT false;
