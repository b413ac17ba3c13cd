-- The read model's GIN indexes (the facts' categories and hashtags, the search's words, authors and links, the values
-- seen) take new entries into a pending list, merged into the index once it passes gin_pending_list_limit (4 MB) or
-- when vacuum runs, and every scan of the index reads that list in full. After a full load of 1,000,000 posts the
-- lists held up to 447 pages: a search's author lookup took 41 ms of which the index itself 0.5 ms. A smaller limit
-- would bound them but doubled (256 kB) or quadrupled (64 kB) the cost of writing the search rows; so the writers keep
-- the limit and merge the lists once they have written: at the end of every run and of a rebuild. What the stream
-- writes waits for the next run, the scheduled backstop at the latest.
CREATE FUNCTION flush_read_model_pending_entries() RETURNS bigint
LANGUAGE sql AS $$
    SELECT coalesce(sum(gin_clean_pending_list(i.indexrelid)), 0)::bigint
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am a ON a.oid = c.relam
    WHERE a.amname = 'gin'
      AND i.indrelid IN ('mv_submission_facts'::regclass, 'mv_submission_search'::regclass,
                         'mv_seen_values'::regclass)
$$;
REVOKE EXECUTE ON FUNCTION flush_read_model_pending_entries() FROM PUBLIC;
