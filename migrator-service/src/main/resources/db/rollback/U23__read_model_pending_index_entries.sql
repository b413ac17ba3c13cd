-- Reverses V23__read_model_pending_index_entries.sql: the pending lists are merged by vacuum and their limit again.
DROP FUNCTION flush_read_model_pending_entries();
