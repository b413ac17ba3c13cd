-- Reverses V19__engine_reads_rollup_declarations.sql.
REVOKE SELECT ON read_model_rollups FROM bi_reader;
