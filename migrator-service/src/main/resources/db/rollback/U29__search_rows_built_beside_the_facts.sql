-- Reverses V29__search_rows_built_beside_the_facts.sql: V22's refresh_submission_facts, on one connection.
CREATE OR REPLACE FUNCTION refresh_submission_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint := 0;
    new_version bigint;
    r read_model_rollups;
BEGIN
    LOCK TABLE mv_submission_facts, mv_submission_search, mv_seen_values IN SHARE ROW EXCLUSIVE MODE;
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', r.relation);
    END LOOP;

    DROP TABLE IF EXISTS pg_temp.rebuilt_facts, pg_temp.rebuilt_search;  -- a second rebuild in the same transaction
    CREATE TEMP TABLE rebuilt_facts ON COMMIT DROP AS SELECT * FROM submission_facts_rule;
    changed := changed + replace_differing_rows('mv_submission_facts', 'pg_temp.rebuilt_facts',
                                                't.submission_id = d.submission_id');
    CREATE TEMP TABLE rebuilt_search ON COMMIT DROP AS SELECT * FROM submission_search_rule;
    changed := changed + replace_differing_rows('mv_submission_search', 'pg_temp.rebuilt_search',
                                                't.submission_id = d.submission_id');
    INSERT INTO search_configurations SELECT DISTINCT search_config FROM pg_temp.rebuilt_search ON CONFLICT DO NOTHING;
    INSERT INTO mv_seen_values (dimension, value) SELECT * FROM seen_values_rule ON CONFLICT DO NOTHING;
    FOR r IN SELECT * FROM read_model_rollups
             ORDER BY rollup_rebuild_order(unit), cardinality(dimensions) DESC, name LOOP
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', 'rebuilt_' || r.name);
        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS %s', 'rebuilt_' || r.name, rollup_rebuild_sql(r));
        changed := changed + replace_differing_rows(r.relation::regclass, ('pg_temp.rebuilt_' || r.name)::regclass,
                                                    rollup_same_row_sql(r));
    END LOOP;
    IF changed > 0 THEN
        UPDATE read_model_version SET version = version + 1, changed_at = clock_timestamp()
        RETURNING version INTO new_version;
        UPDATE read_model_partitions SET version = new_version;
        PERFORM touch_partitions('SELECT * FROM mv_submission_facts', new_version);
    END IF;
    RETURN changed;
END
$$;
DROP FUNCTION lock_read_model(), refresh_facts_and_rollups(), refresh_submission_search(),
    publish_read_model_changes(bigint);
