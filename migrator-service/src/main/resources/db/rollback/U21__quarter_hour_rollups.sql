-- Reverses V21__quarter_hour_rollups.sql: the engine reads what the declarations name, so buckets in zones at half
-- and quarter hours come from the facts again.
DELETE FROM read_model_rollups WHERE name IN ('quarter_hourly_total', 'quarter_hourly_by_community');
DROP VIEW quarter_hourly_total_rollup_now, quarter_hourly_total_rollup_rule, quarter_hourly_by_community_rollup_now,
    quarter_hourly_by_community_rollup_rule;
DROP TABLE mv_quarter_hourly_total_rollup, mv_quarter_hourly_by_community_rollup;
CREATE OR REPLACE FUNCTION rollup_rebuild_order(unit text) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
    SELECT array_position(ARRAY['hour', 'day', 'week', 'month'], unit)
$$;
CREATE OR REPLACE FUNCTION rollup_bucket_sql(unit text, at text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE unit
        WHEN 'hour' THEN format('date_trunc(''hour'', %s, ''UTC'')', at)
        ELSE format('(date_trunc(%L, %s, ''UTC'') AT TIME ZONE ''UTC'')::date', unit, at)
    END
$$;
ALTER TABLE read_model_rollups DROP CONSTRAINT read_model_rollups_unit_check,
    ADD CONSTRAINT read_model_rollups_unit_check CHECK (unit IN ('hour', 'day', 'week', 'month'));
