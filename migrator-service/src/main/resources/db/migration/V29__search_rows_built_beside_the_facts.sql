-- V22's refresh_submission_facts() in parts, so that a build can rebuild the search rows on a second connection
-- while its own rebuilds the facts and rollups: the two share no table, and a build on one backend leaves the
-- database's other cores idle (1M posts: the search rows and their three GIN indexes about 33 s, the facts and rollups
-- about 57 s). The migrator's build (ReadModelMaintenance.build) locks, exports its snapshot for the second connection,
-- and publishes the changes of both; refresh_submission_facts() and build_read_model() still do it all on one.

-- What a build holds until it commits, except the search rows (refresh_submission_search() locks those): writers of
-- the read model lock the facts before the search rows, so once a build holds these, none holds the search rows.
CREATE FUNCTION lock_read_model() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    r read_model_rollups;
BEGIN
    LOCK TABLE mv_submission_facts, mv_seen_values IN SHARE ROW EXCLUSIVE MODE;
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', r.relation);
    END LOOP;
END
$$;

-- The facts, the values seen and every rollup made equal to their rules; the read model's version is left to
-- publish_read_model_changes. Returns how many rows differed.
CREATE FUNCTION refresh_facts_and_rollups() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint := 0;
    r read_model_rollups;
BEGIN
    PERFORM lock_read_model();
    DROP TABLE IF EXISTS pg_temp.rebuilt_facts;  -- a second rebuild in the same transaction
    CREATE TEMP TABLE rebuilt_facts ON COMMIT DROP AS SELECT * FROM submission_facts_rule;
    changed := changed + replace_differing_rows('mv_submission_facts', 'pg_temp.rebuilt_facts',
                                                't.submission_id = d.submission_id');
    INSERT INTO mv_seen_values (dimension, value) SELECT * FROM seen_values_rule ON CONFLICT DO NOTHING;
    FOR r IN SELECT * FROM read_model_rollups
             ORDER BY rollup_rebuild_order(unit), cardinality(dimensions) DESC, name LOOP
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', 'rebuilt_' || r.name);
        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS %s', 'rebuilt_' || r.name, rollup_rebuild_sql(r));
        changed := changed + replace_differing_rows(r.relation::regclass, ('pg_temp.rebuilt_' || r.name)::regclass,
                                                    rollup_same_row_sql(r));
    END LOOP;
    RETURN changed;
END
$$;

-- The search rows made equal to their rule, and the search configurations they use. Returns how many differed.
CREATE FUNCTION refresh_submission_search() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint;
BEGIN
    LOCK TABLE mv_submission_search IN SHARE ROW EXCLUSIVE MODE;
    DROP TABLE IF EXISTS pg_temp.rebuilt_search;
    CREATE TEMP TABLE rebuilt_search ON COMMIT DROP AS SELECT * FROM submission_search_rule;
    changed := replace_differing_rows('mv_submission_search', 'pg_temp.rebuilt_search',
                                      't.submission_id = d.submission_id');
    INSERT INTO search_configurations SELECT DISTINCT search_config FROM pg_temp.rebuilt_search ON CONFLICT DO NOTHING;
    RETURN changed;
END
$$;

-- A new read model version for every reader's cache when a build changed anything (the facts, a rollup or a search
-- row): every month and community is marked. Returns changed.
CREATE FUNCTION publish_read_model_changes(changed bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    new_version bigint;
BEGIN
    IF changed > 0 THEN
        UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp()
        RETURNING version INTO new_version;
        UPDATE read_model_partitions SET version = new_version;
        PERFORM touch_partitions('SELECT * FROM mv_submission_facts', new_version);
    END IF;
    RETURN changed;
END
$$;

CREATE OR REPLACE FUNCTION refresh_submission_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint;
BEGIN
    changed := refresh_facts_and_rollups();
    changed := changed + refresh_submission_search();
    RETURN publish_read_model_changes(changed);
END
$$;

REVOKE EXECUTE ON FUNCTION lock_read_model(), refresh_facts_and_rollups(), refresh_submission_search(),
    publish_read_model_changes(bigint) FROM PUBLIC;
