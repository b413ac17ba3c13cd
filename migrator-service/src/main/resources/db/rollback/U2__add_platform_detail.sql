-- Reverses V2__add_platform_detail.sql.
DROP TABLE data_repair_changes, data_repairs;
ALTER TABLE submissions DROP COLUMN platform_detail;
