-- Reverses V27__indexes_after_the_first_build.sql: V9's replace_differing_rows, which inserts into an empty table
-- with its indexes in place.
CREATE OR REPLACE FUNCTION replace_differing_rows(target regclass, rebuilt regclass, same_key text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    is_empty boolean;
    inserted bigint;
BEGIN
    EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %s)', target) INTO is_empty;
    IF NOT is_empty THEN
        RETURN replace_rows_by_difference(target, rebuilt, same_key);
    END IF;
    EXECUTE format('INSERT INTO %s SELECT * FROM %s', target, rebuilt);
    GET DIAGNOSTICS inserted = ROW_COUNT;
    RETURN inserted;
END
$$;
