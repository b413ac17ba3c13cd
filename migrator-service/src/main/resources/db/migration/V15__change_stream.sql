-- The stream of legacy changes (logical replication through a publication and a named slot on the legacy database):
-- where it stands, what it is doing, and which legacy transactions it applied. Its position moves in the same target
-- transaction as the rows each batch of changes produced, so a crash never loses or repeats a change.

-- A stream session is recorded as a run of its own kind: what it wrote is counted there, chunk by chunk.
ALTER TABLE migration_runs DROP CONSTRAINT migration_runs_kind_check;
ALTER TABLE migration_runs ADD CONSTRAINT migration_runs_kind_check
    CHECK (kind IN ('full', 'delta', 'reconcile', 'audit', 'stream'));

CREATE TABLE stream_state (
    singleton               boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    slot_name               text        NOT NULL,
    -- The position: every legacy transaction that committed at or before commit_lsn is applied; of the one in
    -- progress (too large for one chunk), the changes up to in_txn_lsn. NULL before a slot was ever created.
    commit_lsn              pg_lsn,
    in_txn_id               bigint,
    in_txn_lsn              pg_lsn,
    last_commit_at          timestamptz,
    applied_at              timestamptz,
    status                  text        NOT NULL CHECK (status IN ('starting', 'live', 'catching_up', 'waiting',
                                                                   'paused', 'unavailable', 'failed', 'stopped')),
    reason                  text,
    status_since            timestamptz NOT NULL DEFAULT now(),
    -- Written every few seconds by the process that streams: a status whose heartbeat is old is nobody's any more.
    heartbeat_at            timestamptz NOT NULL DEFAULT now(),
    slot_created_at         timestamptz,
    -- Set when a slot is created: changes committed before it may be missing until a run that started later has
    -- reconciled the target with the legacy database, so the stream is not called live before that.
    unverified_since        timestamptz,
    -- The deletion guard's count for the stream: what it soft-deleted since the last completed run.
    deletions_since_run     bigint      NOT NULL DEFAULT 0,
    reports_gone_since_run  bigint      NOT NULL DEFAULT 0,
    -- An operator's consent to the deletions the guard refused, until the next completed run.
    mass_delete_allowed     boolean     NOT NULL DEFAULT false,
    -- The scheduled backstop's period, for pages that say how fresh the numbers are when the stream is not live.
    polling_every           interval,
    session_run_id          bigint
);

-- The legacy transactions the stream applied (the latest ones; older rows are pruned by completed runs): a commit
-- LSN is applied once, or the batch that would apply it again fails.
CREATE TABLE stream_applied_transactions (
    commit_lsn    pg_lsn      PRIMARY KEY,
    legacy_txid   bigint      NOT NULL,
    committed_at  timestamptz,
    applied_at    timestamptz NOT NULL DEFAULT now(),
    posts         integer     NOT NULL
);

-- How fresh the numbers are, as every reader says it: live while the streaming process's heartbeat is recent and the
-- stream is live; otherwise as often as the scheduled backstop polls.
CREATE VIEW stream_freshness AS
SELECT status, reason, status_since, heartbeat_at, last_commit_at, applied_at, polling_every, live,
       CASE WHEN live THEN 'live'
            WHEN polling_every IS NULL THEN 'no scheduled polling'
            ELSE 'polling every ' || CASE
                WHEN extract(epoch FROM polling_every)::bigint % 3600 = 0
                    THEN extract(epoch FROM polling_every)::bigint / 3600 || ' h'
                WHEN extract(epoch FROM polling_every)::bigint % 60 = 0
                    THEN extract(epoch FROM polling_every)::bigint / 60 || ' min'
                ELSE extract(epoch FROM polling_every)::bigint || ' s' END
       END AS freshness
FROM (SELECT *, status = 'live' AND heartbeat_at > now() - interval '30 seconds' AS live FROM stream_state) s;

-- bi-service reads the view only (it runs with its owner's rights), never the stream's position.
GRANT SELECT ON stream_freshness TO bi_reader;
