-- A list of submissions is acted on by moderators: each row shows the post's link (submissions.url, granted in V5), a
-- text excerpt and the author's handle. bi_reader may read those two columns of post_data and the key that joins
-- them, nothing else of it (posted_at stays the migrator's).
GRANT SELECT (submission_id, content_text, author_handle) ON post_data TO bi_reader;
