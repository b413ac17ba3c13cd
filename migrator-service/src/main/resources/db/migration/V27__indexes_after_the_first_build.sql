-- V9's replace_differing_rows, with the rows of a table that is empty (a bulk load's final build, a rollup a migration
-- adds) inserted before its indexes are built: an index kept up row by row costs more than one built from all the
-- rows, most of all a GIN index, whose entries pass through its pending list (1M search rows: 75 s with their three
-- GIN indexes in place, 37 s inserted first and indexed after). Constraints' indexes stay. Readers of the empty table
-- wait for the build to commit, as for any build that drops an index; before a first build there is nothing to read.
CREATE OR REPLACE FUNCTION replace_differing_rows(target regclass, rebuilt regclass, same_key text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    is_empty boolean;
    inserted bigint;
    indexes text[];
    definitions text[];
    definition text;
BEGIN
    EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %s)', target) INTO is_empty;
    IF NOT is_empty THEN
        RETURN replace_rows_by_difference(target, rebuilt, same_key);
    END IF;
    SELECT coalesce(array_agg(i.indexrelid::regclass::text), '{}'),
           coalesce(array_agg(pg_get_indexdef(i.indexrelid)), '{}')
    INTO indexes, definitions
    FROM pg_index i
    WHERE i.indrelid = target AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
    IF cardinality(indexes) > 0 THEN
        EXECUTE 'DROP INDEX ' || array_to_string(indexes, ', ');
    END IF;
    EXECUTE format('INSERT INTO %s SELECT * FROM %s', target, rebuilt);
    GET DIAGNOSTICS inserted = ROW_COUNT;
    FOREACH definition IN ARRAY definitions LOOP
        EXECUTE definition;
    END LOOP;
    RETURN inserted;
END
$$;
