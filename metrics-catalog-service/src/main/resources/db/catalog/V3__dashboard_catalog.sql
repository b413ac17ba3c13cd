-- Dashboard definitions: which catalog metric fills each number of a page (JSON, the canonical form of a
-- DashboardDefinition), kept like metric definitions: versions that are drafts, published or deprecated, one draft at a
-- time, and an audit trail of who did what. A published or deprecated version never changes.
-- The same tables as the metrics', by construction (columns, identities, CHECKs, unique keys, the one-draft index),
-- with the names of what they hold.
CREATE TABLE dashboards (LIKE metrics INCLUDING ALL);
ALTER TABLE dashboards RENAME COLUMN metric_key TO dashboard_key;
ALTER INDEX dashboards_metric_key_key RENAME TO dashboards_dashboard_key_key;

CREATE TABLE dashboard_versions (LIKE metric_versions INCLUDING ALL);
ALTER TABLE dashboard_versions RENAME COLUMN metric_id TO dashboard_id;
ALTER TABLE dashboard_versions ADD FOREIGN KEY (dashboard_id) REFERENCES dashboards (id);
ALTER INDEX dashboard_versions_metric_id_idx RENAME TO dashboard_versions_one_draft;
ALTER INDEX dashboard_versions_metric_id_version_key RENAME TO dashboard_versions_dashboard_id_version_key;
ALTER TABLE dashboard_versions RENAME CONSTRAINT metric_versions_status_check TO dashboard_versions_status_check;
ALTER TABLE dashboard_versions RENAME CONSTRAINT metric_versions_version_check TO dashboard_versions_version_check;

CREATE TABLE dashboard_changes (LIKE metric_changes INCLUDING ALL);
ALTER TABLE dashboard_changes RENAME COLUMN metric_key TO dashboard_key;
ALTER INDEX dashboard_changes_metric_key_at_idx RENAME TO dashboard_changes_key_idx;
ALTER TABLE dashboard_changes RENAME CONSTRAINT metric_changes_action_check TO dashboard_changes_action_check;

-- One guard for every table of versions the catalog keeps (V1's metric_versions_immutable, made general).
CREATE FUNCTION catalog_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'rows of % are never deleted', TG_TABLE_NAME;
    END IF;
    IF OLD.status <> 'draft' AND (NEW.definition IS DISTINCT FROM OLD.definition
                                  OR NEW.definition_hash IS DISTINCT FROM OLD.definition_hash) THEN
        RAISE EXCEPTION 'version % (row %) of % is %: its definition cannot change', OLD.version, OLD.id, TG_TABLE_NAME,
            OLD.status;
    END IF;
    IF OLD.status = 'deprecated' AND NEW.status <> 'deprecated' OR OLD.status = 'published' AND NEW.status = 'draft' THEN
        RAISE EXCEPTION 'version % (row %) of % cannot go from % back to %', OLD.version, OLD.id, TG_TABLE_NAME,
            OLD.status, NEW.status;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER dashboard_versions_immutable BEFORE UPDATE OR DELETE ON dashboard_versions
    FOR EACH ROW EXECUTE FUNCTION catalog_versions_immutable();

DROP TRIGGER metric_versions_immutable ON metric_versions;
CREATE TRIGGER metric_versions_immutable BEFORE UPDATE OR DELETE ON metric_versions
    FOR EACH ROW EXECUTE FUNCTION catalog_versions_immutable();
DROP FUNCTION metric_versions_immutable();
