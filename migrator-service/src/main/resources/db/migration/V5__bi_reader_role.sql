-- bi-service reads through the role bi_reader and can do nothing else. The role has no login: each deployment
-- creates its own login role in it (CREATE ROLE bi_service LOGIN PASSWORD '…' IN ROLE bi_reader), so no password
-- lives in a migration. Creating bi_reader needs CREATEROLE; where the migrator lacks it, create the role first.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bi_reader') THEN
        CREATE ROLE bi_reader NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO bi_reader;
-- Exactly what bi-service queries: the read model, its refresh log, and what "explain" shows of one submission.
GRANT SELECT ON mv_submission_facts, mv_daily_rollup, read_model_refreshes,
                communities, submissions, reports, legacy_raw TO bi_reader;
