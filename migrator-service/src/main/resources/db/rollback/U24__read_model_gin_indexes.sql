-- Reverses V24__read_model_gin_indexes.sql: V23's merge selects the indexes itself again.
CREATE OR REPLACE FUNCTION flush_read_model_pending_entries() RETURNS bigint
LANGUAGE sql AS $$
    SELECT coalesce(sum(gin_clean_pending_list(i.indexrelid)), 0)::bigint
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am a ON a.oid = c.relam
    WHERE a.amname = 'gin'
      AND i.indrelid IN ('mv_submission_facts'::regclass, 'mv_submission_search'::regclass,
                         'mv_seen_values'::regclass)
$$;
DROP VIEW read_model_gin_indexes;
