-- Reverses V14__rollups_per_grouping_set.sql: the rollups per grouping set go, and a rebuild computes every rollup
-- from its rule again (V12's).
CREATE OR REPLACE FUNCTION refresh_submission_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint := 0;
    new_version bigint;
    r read_model_rollups;
BEGIN
    LOCK TABLE mv_submission_facts IN SHARE ROW EXCLUSIVE MODE;
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', r.relation);
    END LOOP;

    DROP TABLE IF EXISTS pg_temp.rebuilt_facts;  -- a second rebuild in the same transaction
    CREATE TEMP TABLE rebuilt_facts ON COMMIT DROP AS SELECT * FROM submission_facts_rule;
    changed := changed + replace_differing_rows('mv_submission_facts', 'pg_temp.rebuilt_facts',
                                                't.submission_id = d.submission_id');
    FOR r IN SELECT * FROM read_model_rollups ORDER BY name LOOP
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', 'rebuilt_' || r.name);
        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT * FROM %I ORDER BY %I', 'rebuilt_' || r.name,
                       r.name || '_rollup_rule', r.time_column);
        changed := changed + replace_differing_rows(r.relation::regclass, ('pg_temp.rebuilt_' || r.name)::regclass,
            (SELECT string_agg(CASE WHEN k = 'community_id' THEN 'coalesce(t.community_id, -1) = coalesce(d.community_id, -1)'
                                    ELSE format('t.%1$I = d.%1$I', k) END, ' AND ')
             FROM unnest(r.time_column || r.dimensions) k));
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
DROP FUNCTION rollup_rebuild_sql(read_model_rollups), rollup_rebuild_order(text);

DROP VIEW daily_by_platform_rollup_now, daily_by_platform_rollup_rule, weekly_by_platform_rollup_now,
          weekly_by_platform_rollup_rule, monthly_by_platform_rollup_now, monthly_by_platform_rollup_rule,
          weekly_by_community_rollup_now, weekly_by_community_rollup_rule, monthly_by_community_rollup_now,
          monthly_by_community_rollup_rule;
DROP TABLE mv_daily_by_platform_rollup, mv_weekly_by_platform_rollup, mv_monthly_by_platform_rollup,
           mv_weekly_by_community_rollup, mv_monthly_by_community_rollup;
DELETE FROM read_model_rollups WHERE name IN ('daily_by_platform', 'weekly_by_platform', 'monthly_by_platform',
                                              'weekly_by_community', 'monthly_by_community');
