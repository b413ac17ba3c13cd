-- The metrics catalog's own schema (its own Flyway history). Definitions are stored as the canonical JSON of
-- the metric language; a published or deprecated version never changes, which a trigger enforces as well.
CREATE TABLE metrics (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    metric_key text        NOT NULL UNIQUE,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE metric_versions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    metric_id       bigint      NOT NULL REFERENCES metrics (id),
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
    UNIQUE (metric_id, version)
);
-- One draft at a time per metric: a new version starts from the latest, so two drafts would fork history.
CREATE UNIQUE INDEX metric_versions_one_draft ON metric_versions (metric_id) WHERE status = 'draft';

CREATE TABLE metric_changes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    metric_key      text        NOT NULL,
    version         int         NOT NULL,
    action          text        NOT NULL CHECK (action IN ('created', 'updated', 'versioned', 'published', 'deprecated')),
    actor           text        NOT NULL,
    at              timestamptz NOT NULL,
    definition_hash text        NOT NULL
);
CREATE INDEX metric_changes_key_idx ON metric_changes (metric_key, at);

CREATE FUNCTION metric_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'metric versions are never deleted';
    END IF;
    IF OLD.status <> 'draft' AND (NEW.definition IS DISTINCT FROM OLD.definition
                                  OR NEW.definition_hash IS DISTINCT FROM OLD.definition_hash) THEN
        RAISE EXCEPTION 'version % of metric % is %: its definition cannot change', OLD.version, OLD.metric_id, OLD.status;
    END IF;
    IF OLD.status = 'deprecated' AND NEW.status <> 'deprecated' OR OLD.status = 'published' AND NEW.status = 'draft' THEN
        RAISE EXCEPTION 'version % of metric % cannot go from % back to %', OLD.version, OLD.metric_id, OLD.status, NEW.status;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER metric_versions_immutable BEFORE UPDATE OR DELETE ON metric_versions
    FOR EACH ROW EXECUTE FUNCTION metric_versions_immutable();
