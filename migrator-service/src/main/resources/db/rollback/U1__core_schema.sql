-- Reverses V1__core_schema.sql.
DROP TABLE read_model_refreshes, quarantine, validation_results, migration_runs, id_mappings, reports, legacy_raw,
    analysis, submission_categories, categories, submission_hashtags, hashtags, submission_metadata, post_data,
    submissions, users, communities;
