-- The normalized target model. One legacy post becomes a submission bundle: submissions + post_data +
-- submission_metadata + hashtags/categories links + analysis + legacy_raw; legacy post_reports become reports.
-- Surrogate ids are the new system's; legacy ids are kept (unique) so loads can upsert and be re-run.

CREATE TABLE communities (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    legacy_id   bigint      NOT NULL UNIQUE,
    name        text        NOT NULL,
    slug        text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL
);

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    legacy_id     bigint      NOT NULL UNIQUE,
    email         text        NOT NULL,
    display_name  text,
    role          text        NOT NULL,
    community_id  bigint REFERENCES communities (id),
    created_at    timestamptz NOT NULL
);

CREATE TABLE submissions (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    legacy_id          bigint      NOT NULL UNIQUE,
    community_id       bigint REFERENCES communities (id),
    submitted_by       bigint REFERENCES users (id),
    url                text,
    url_host           text,
    platform           text        NOT NULL,
    platform_source    text        NOT NULL CHECK (platform_source IN ('url_host', 'legacy_text', 'none')),
    status             text        NOT NULL
        CHECK (status IN ('new', 'in_review', 'reported', 'removed', 'rejected', 'duplicate')),
    submitted_at       timestamptz NOT NULL,
    legacy_removed_at  timestamptz,
    legacy_updated_at  timestamptz NOT NULL,
    deleted_at         timestamptz,
    last_run_id        bigint      NOT NULL
);
CREATE INDEX submissions_community_idx ON submissions (community_id);
-- The deletion sweep compares live legacy ids bucket by bucket.
CREATE INDEX submissions_live_legacy_idx ON submissions (legacy_id) WHERE deleted_at IS NULL;

CREATE TABLE post_data (
    submission_id  bigint PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    content_text   text,
    author_handle  text,
    posted_at      timestamptz
);

CREATE TABLE submission_metadata (
    submission_id  bigint PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    language       text,
    extra          jsonb
);

-- Normalization (lower-case, no '#') is the transformer's rule; the database only refuses empty values.
-- Unique on md5 because a pasted wall of text must not exceed the btree row limit: every value is kept.
CREATE TABLE hashtags (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tag  text NOT NULL CHECK (tag <> '')
);
CREATE UNIQUE INDEX hashtags_tag_key ON hashtags (md5(tag));

CREATE TABLE submission_hashtags (
    submission_id  bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    hashtag_id     bigint NOT NULL REFERENCES hashtags (id),
    PRIMARY KEY (submission_id, hashtag_id)
);
CREATE INDEX submission_hashtags_hashtag_idx ON submission_hashtags (hashtag_id);

CREATE TABLE categories (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code  text NOT NULL CHECK (code <> '')
);
CREATE UNIQUE INDEX categories_code_key ON categories (md5(code));

CREATE TABLE submission_categories (
    submission_id  bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    category_id    bigint NOT NULL REFERENCES categories (id),
    PRIMARY KEY (submission_id, category_id)
);
CREATE INDEX submission_categories_category_idx ON submission_categories (category_id);

-- Both legacy analysis shapes in one: v1 {score,label} and v2 {model,scores,labels}.
CREATE TABLE analysis (
    submission_id  bigint PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    shape_version  smallint NOT NULL CHECK (shape_version IN (1, 2)),
    model          text,
    score          numeric,
    scores         jsonb    NOT NULL,
    labels         text[]   NOT NULL
);

-- The legacy row exactly as the legacy database rendered it (to_jsonb), for audit and repairs.
CREATE TABLE legacy_raw (
    submission_id  bigint PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    post           jsonb NOT NULL
);

CREATE TABLE reports (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    legacy_id          bigint      NOT NULL UNIQUE,
    submission_id      bigint      NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    reported_by        bigint REFERENCES users (id),
    channel            text,
    reported_at        timestamptz NOT NULL,
    platform_ticket    text,
    outcome            text,
    taken_down_at      timestamptz,
    legacy_updated_at  timestamptz NOT NULL,
    deleted_at         timestamptz
);
CREATE INDEX reports_submission_idx ON reports (submission_id);
CREATE INDEX reports_live_legacy_idx ON reports (legacy_id) WHERE deleted_at IS NULL;

-- Legacy id → new id, written in the same transaction as the rows they map.
CREATE TABLE id_mappings (
    entity      text        NOT NULL CHECK (entity IN ('community', 'user', 'submission', 'report')),
    legacy_id   bigint      NOT NULL,
    new_id      bigint      NOT NULL,
    run_id      bigint      NOT NULL,
    mapped_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entity, legacy_id),
    UNIQUE (entity, new_id)
);

CREATE TABLE migration_runs (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('full', 'delta')),
    status               text        NOT NULL
        CHECK (status IN ('running', 'succeeded', 'validation_failed', 'failed')),
    started_at           timestamptz NOT NULL DEFAULT now(),
    finished_at          timestamptz,
    heartbeat_at         timestamptz NOT NULL DEFAULT now(),
    window_from          timestamptz,
    window_to            timestamptz,
    resumed_from_run_id  bigint REFERENCES migration_runs (id),
    checkpoint_post_id   bigint,
    posts_total          bigint,
    posts_read           bigint      NOT NULL DEFAULT 0,
    submissions_written  bigint      NOT NULL DEFAULT 0,
    reports_written      bigint      NOT NULL DEFAULT 0,
    quarantined          bigint      NOT NULL DEFAULT 0,
    error                text
);
CREATE INDEX migration_runs_kind_status_idx ON migration_runs (kind, status, id DESC);

CREATE TABLE validation_results (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      bigint      NOT NULL REFERENCES migration_runs (id) ON DELETE CASCADE,
    check_name  text        NOT NULL,
    category    text        NOT NULL CHECK (category IN ('structural', 'semantic', 'data_quality')),
    outcome     text        NOT NULL CHECK (outcome IN ('passed', 'failed', 'finding')),
    legacy      jsonb,
    target      jsonb,
    message     text        NOT NULL,
    checked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX validation_results_run_idx ON validation_results (run_id);

-- Legacy rows no rule could interpret. Kept until a later run loads them.
CREATE TABLE quarantine (
    entity         text        NOT NULL,
    legacy_id      bigint      NOT NULL,
    reason_code    text        NOT NULL,
    detail         text        NOT NULL,
    first_run_id   bigint      NOT NULL,
    last_run_id    bigint      NOT NULL,
    first_seen_at  timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entity, legacy_id)
);

CREATE TABLE read_model_refreshes (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id       bigint REFERENCES migration_runs (id) ON DELETE SET NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    duration_ms  bigint      NOT NULL,
    concurrent   boolean     NOT NULL
);
