-- Local buckets in every zone whose offset is whole hours (issue 44). The rollups are cut at UTC days, weeks and
-- months, and the hourly one keeps 8 days: a local day in Berlin, Paris, London, Vienna, Tel Aviv or New York (23, 24
-- or 25 UTC hours, DST days included) over a longer window was read from the facts, so a 90-day view by day cost what
-- 90 days of submissions cost. These two hourly rollups keep every hour: without dimensions (a superadmin's chart)
-- and by community (a manager's scope is a community filter). The metric engine already reads whole UTC hours for a
-- whole-hour zone; it now finds them for any window. Zones at half and quarter hours (Asia/Kolkata, America/St_Johns,
-- Australia/Adelaide) still read the facts for their buckets. Maintained in each chunk's transaction, audited,
-- rebuilt and reverted like every rollup declared here (the functions are V16's); a rebuild sums the total from the
-- rollup by community.
INSERT INTO read_model_rollups VALUES
    ('hourly_total', 'mv_hourly_total_rollup', 'hour', 'hour', '{}', NULL),
    ('hourly_by_community', 'mv_hourly_by_community_rollup', 'hour', 'hour', '{community_id}', NULL);

CREATE TABLE mv_hourly_by_community_rollup (
    hour                      timestamptz NOT NULL,
    community_id              bigint,
    submissions               bigint      NOT NULL,
    submissions_removed       bigint      NOT NULL,
    removals                  bigint      NOT NULL,
    removals_report_flow      bigint      NOT NULL,
    removals_legacy_fallback  bigint      NOT NULL,
    submissions_removed_14d   bigint      NOT NULL
);
CREATE TABLE mv_hourly_total_rollup (
    hour                      timestamptz NOT NULL,
    submissions               bigint      NOT NULL,
    submissions_removed       bigint      NOT NULL,
    removals                  bigint      NOT NULL,
    removals_report_flow      bigint      NOT NULL,
    removals_legacy_fallback  bigint      NOT NULL,
    submissions_removed_14d   bigint      NOT NULL
);

SELECT create_rollup_views(name) FROM read_model_rollups
WHERE name IN ('hourly_total', 'hourly_by_community') ORDER BY name;

INSERT INTO mv_hourly_by_community_rollup SELECT * FROM hourly_by_community_rollup_rule ORDER BY hour;
INSERT INTO mv_hourly_total_rollup SELECT * FROM hourly_total_rollup_rule ORDER BY hour;
CREATE UNIQUE INDEX mv_hourly_by_community_rollup_pk ON mv_hourly_by_community_rollup (hour, community_id)
    NULLS NOT DISTINCT;
-- A manager's year of hours is their community's 8,760 rows, not every community's.
CREATE INDEX mv_hourly_by_community_rollup_community_hour_idx ON mv_hourly_by_community_rollup (community_id, hour);
CREATE UNIQUE INDEX mv_hourly_total_rollup_pk ON mv_hourly_total_rollup (hour);
ANALYZE mv_hourly_by_community_rollup, mv_hourly_total_rollup;
