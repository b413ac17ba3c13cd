-- Reverses V4__read_model.sql.
DROP MATERIALIZED VIEW mv_daily_rollup;
DROP MATERIALIZED VIEW mv_submission_facts;
ALTER TABLE submissions ALTER COLUMN platform_detail DROP NOT NULL;
