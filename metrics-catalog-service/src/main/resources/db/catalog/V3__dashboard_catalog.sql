-- Dashboard definitions: which catalog metric fills each number of a page (JSON, the canonical form of a
-- DashboardDefinition), kept like metric definitions: versions that are drafts, published or deprecated, one draft at a
-- time, and an audit trail of who did what. A published or deprecated version never changes.
CREATE TABLE dashboards (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dashboard_key text        NOT NULL UNIQUE,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE dashboard_versions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dashboard_id    bigint      NOT NULL REFERENCES dashboards (id),
    version         int         NOT NULL CHECK (version > 0),
    status          text        NOT NULL CHECK (status IN ('draft', 'published', 'deprecated')),
    definition      jsonb       NOT NULL,
    definition_hash text        NOT NULL,
    revision        bigint      NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL,
    published_by    text,
    published_at    timestamptz,
    deprecated_by   text,
    deprecated_at   timestamptz,
    UNIQUE (dashboard_id, version)
);
CREATE UNIQUE INDEX dashboard_versions_one_draft ON dashboard_versions (dashboard_id) WHERE status = 'draft';

CREATE TABLE dashboard_changes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dashboard_key   text        NOT NULL,
    version         int         NOT NULL,
    action          text        NOT NULL CHECK (action IN ('created', 'updated', 'versioned', 'published', 'deprecated')),
    actor           text        NOT NULL,
    actor_username  text,
    at              timestamptz NOT NULL,
    definition_hash text        NOT NULL
);
CREATE INDEX dashboard_changes_key_idx ON dashboard_changes (dashboard_key, at);

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
