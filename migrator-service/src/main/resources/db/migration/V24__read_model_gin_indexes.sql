-- The read model's GIN indexes named once: V23's merge and whoever reads how much they hold pending (the tests, an
-- operator with pgstattuple's pgstatginindex) select the same indexes, so a GIN index added to the read model is merged
-- and watched without a second list to keep equal.
CREATE VIEW read_model_gin_indexes AS
    SELECT i.indexrelid::regclass AS index_name
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am a ON a.oid = c.relam
    WHERE a.amname = 'gin'
      -- Looked up by name at each use, as V23 did: a view naming the tables by regclass would depend on them, and a
      -- DROP … CASCADE of one would take the view and leave the merge failing at run time.
      AND i.indrelid IN (to_regclass('mv_submission_facts'), to_regclass('mv_submission_search'),
                         to_regclass('mv_seen_values'));

-- V23's comment said what the stream writes waits for the next run: the stream now merges the lists itself, after its
-- batches have committed, at most every migrator.stream.merge-pending-every (LegacyStream); runs and rebuilds still
-- merge at their end.
CREATE OR REPLACE FUNCTION flush_read_model_pending_entries() RETURNS bigint
LANGUAGE sql AS $$
    SELECT coalesce(sum(gin_clean_pending_list(index_name)), 0)::bigint FROM read_model_gin_indexes
$$;
