-- Reverses V17__bi_reader_post_content.sql.
REVOKE SELECT (submission_id, content_text, author_handle) ON post_data FROM bi_reader;
