-- Reverses V5__bi_reader_role.sql. The role itself stays: it belongs to the cluster, and other databases may use it.
REVOKE SELECT ON mv_submission_facts, mv_daily_rollup, read_model_refreshes,
                 communities, submissions, reports, legacy_raw FROM bi_reader;
REVOKE USAGE ON SCHEMA public FROM bi_reader;
