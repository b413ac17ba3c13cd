package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.moderation.bi.migrator.transform.Analysis;
import org.moderation.bi.migrator.transform.SubmissionBundle;

/**
 * Writes a chunk of bundles with set-based upserts keyed on legacy ids: re-writing the same chunk changes
 * nothing, and the id mappings are written by the same statements (so in the same transaction) as the rows.
 */
@ApplicationScoped
public class SubmissionBundleWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String UPSERT_SUBMISSIONS = """
            WITH input AS (
                SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                                     ?::text[])
                    AS t(legacy_id, community_legacy_id, submitter_legacy_id, url, url_host, platform, platform_detail,
                         platform_source, status, submitted_at, legacy_removed_at, legacy_updated_at, fingerprint)
            ), restored AS (
                SELECT count(*) AS n FROM submissions
                WHERE legacy_id IN (SELECT legacy_id FROM input) AND deleted_at IS NOT NULL
            ), upserted AS (
                INSERT INTO submissions AS s (legacy_id, community_id, submitted_by, url, url_host, platform,
                        platform_detail, platform_source, status, submitted_at, legacy_removed_at, legacy_updated_at,
                        content_fingerprint, deleted_at, last_run_id)
                SELECT i.legacy_id, c.id, u.id, i.url, i.url_host, i.platform, i.platform_detail, i.platform_source,
                       i.status, i.submitted_at, i.legacy_removed_at, i.legacy_updated_at, decode(i.fingerprint, 'hex'),
                       NULL, ?
                FROM input i
                LEFT JOIN communities c ON c.legacy_id = i.community_legacy_id
                LEFT JOIN users u ON u.legacy_id = i.submitter_legacy_id
                ON CONFLICT (legacy_id) DO UPDATE SET
                    community_id = EXCLUDED.community_id, submitted_by = EXCLUDED.submitted_by, url = EXCLUDED.url,
                    url_host = EXCLUDED.url_host, platform = EXCLUDED.platform,
                    platform_detail = EXCLUDED.platform_detail, platform_source = EXCLUDED.platform_source,
                    status = EXCLUDED.status, submitted_at = EXCLUDED.submitted_at,
                    legacy_removed_at = EXCLUDED.legacy_removed_at, legacy_updated_at = EXCLUDED.legacy_updated_at,
                    content_fingerprint = EXCLUDED.content_fingerprint, deleted_at = NULL,
                    last_run_id = EXCLUDED.last_run_id
                RETURNING s.id, s.legacy_id
            ), mapped AS (
                INSERT INTO id_mappings (entity, legacy_id, new_id, run_id)
                SELECT 'submission', legacy_id, id, ? FROM upserted
                ON CONFLICT (entity, legacy_id) DO NOTHING
            )
            SELECT legacy_id, id, (SELECT n FROM restored) FROM upserted""";

    private static final String UPSERT_POST_DATA = """
            INSERT INTO post_data (submission_id, content_text, author_handle, posted_at)
            SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[])
            ON CONFLICT (submission_id) DO UPDATE SET content_text = EXCLUDED.content_text,
                author_handle = EXCLUDED.author_handle, posted_at = EXCLUDED.posted_at""";

    private static final String UPSERT_METADATA = """
            INSERT INTO submission_metadata (submission_id, language, extra)
            SELECT t.submission_id, t.language, t.extra::jsonb
            FROM unnest(?::bigint[], ?::text[], ?::text[]) AS t(submission_id, language, extra)
            ON CONFLICT (submission_id) DO UPDATE SET language = EXCLUDED.language, extra = EXCLUDED.extra""";

    private static final String UPSERT_LEGACY_RAW = """
            INSERT INTO legacy_raw (submission_id, post)
            SELECT t.submission_id, t.post::jsonb
            FROM unnest(?::bigint[], ?::text[]) AS t(submission_id, post)
            ON CONFLICT (submission_id) DO UPDATE SET post = EXCLUDED.post""";

    /**
     * Optional 1:1 and link rows are replaced wholesale: simpler than diffing, and the chunk is small. Every
     * statement after the upsert takes the submission ids it returned, so each is an index lookup whatever the
     * planner estimates (joining back by legacy id made it scan whole tables for the first chunks of a run).
     */
    private static final String DELETE_ANALYSIS = "DELETE FROM analysis WHERE submission_id = ANY (?)";

    private static final String INSERT_ANALYSIS = """
            INSERT INTO analysis (submission_id, shape_version, model, score, scores, labels)
            SELECT t.submission_id, t.shape_version, t.model, t.score::numeric, t.scores::jsonb,
                   ARRAY(SELECT jsonb_array_elements_text(t.labels::jsonb))
            FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS t(submission_id, shape_version, model, score, scores, labels)""";

    /**
     * Returns the submissions that reports moved away from (a legacy report's post_id changed): their facts change
     * too. All parts of the statement see the rows as they were before it, so {@code previous} reads the old owners.
     * It looks each staged report up by its legacy id (LIMIT 1 keeps the lookup a subquery the planner cannot turn
     * into a join): PgJDBC prepares the statement once per connection, and the plan PostgreSQL caches early in a
     * load, when reports was small, hash-joined the whole table per chunk, so the load slowed as the table grew.
     */
    private static final String UPSERT_REPORTS = """
            WITH input AS (
                SELECT * FROM staged_reports
            ), previous AS (
                SELECT DISTINCT r.submission_id
                FROM input i
                CROSS JOIN LATERAL (SELECT submission_id FROM reports WHERE legacy_id = i.legacy_id LIMIT 1) r
                WHERE r.submission_id <> i.submission_id
            ), upserted AS (
                INSERT INTO reports AS r (legacy_id, submission_id, reported_by, channel, reported_at,
                        platform_ticket, outcome, taken_down_at, legacy_updated_at, deleted_at)
                SELECT i.legacy_id, i.submission_id, u.id, i.channel, i.reported_at, i.platform_ticket, i.outcome,
                       i.taken_down_at, i.legacy_updated_at, NULL
                FROM input i
                LEFT JOIN users u ON u.legacy_id = i.reporter_legacy_id
                ON CONFLICT (legacy_id) DO UPDATE SET
                    submission_id = EXCLUDED.submission_id, reported_by = EXCLUDED.reported_by,
                    channel = EXCLUDED.channel, reported_at = EXCLUDED.reported_at,
                    platform_ticket = EXCLUDED.platform_ticket, outcome = EXCLUDED.outcome,
                    taken_down_at = EXCLUDED.taken_down_at, legacy_updated_at = EXCLUDED.legacy_updated_at,
                    deleted_at = NULL
                RETURNING r.id, r.legacy_id
            ), mapped AS (
                INSERT INTO id_mappings (entity, legacy_id, new_id, run_id)
                SELECT 'report', legacy_id, id, ? FROM upserted
                ON CONFLICT (entity, legacy_id) DO NOTHING
            )
            SELECT submission_id FROM previous""";

    /** Every report of these posts was read, so a report not among them is gone from the legacy database. */
    private static final String SOFT_DELETE_VANISHED_REPORTS = """
            UPDATE reports SET deleted_at = now()
            WHERE submission_id = ANY (?) AND deleted_at IS NULL
              AND legacy_id NOT IN (SELECT legacy_id FROM staged_reports)""";

    private static final String SOFT_DELETE_ALL_REPORTS = """
            UPDATE reports SET deleted_at = now() WHERE submission_id = ANY (?) AND deleted_at IS NULL""";

    private record ReportRow(long submissionId, SubmissionBundle.Report report) {
    }

    /** The chunk's reports, copied in for the one upsert that writes them with their id mappings. */
    private static final StagingTable<ReportRow> REPORTS = new StagingTable<>("staged_reports", """
            legacy_id bigint, submission_id bigint, reporter_legacy_id bigint, channel text, reported_at timestamptz,
            platform_ticket text, outcome text, taken_down_at timestamptz, legacy_updated_at timestamptz""",
            List.of(r -> r.report().legacyId(), ReportRow::submissionId, r -> r.report().reporterLegacyId(),
                    r -> r.report().channel(), r -> r.report().reportedAt(), r -> r.report().platformTicket(),
                    r -> r.report().outcome(), r -> r.report().takenDownAt(), r -> r.report().legacyUpdatedAt()));

    /** Live submissions that hold exactly these bundles already (by content fingerprint). */
    private static final String SAME_FINGERPRINT = """
            SELECT s.legacy_id FROM unnest(?::bigint[], ?::text[]) AS t(legacy_id, fingerprint)
            JOIN submissions s ON s.legacy_id = t.legacy_id
            WHERE s.deleted_at IS NULL AND s.content_fingerprint = decode(t.fingerprint, 'hex')""";

    private final LinkWriter links = new LinkWriter();

    /**
     * @param submissionIds the written submissions' ids and those that reports moved away from: the submissions whose
     *                      read-model facts the caller brings up to date
     * @param restored      how many of them had been soft-deleted: their legacy post is back
     */
    public record Written(List<Long> submissionIds, int restored) {

        static final Written NOTHING = new Written(List.of(), 0);
    }

    /** @return the legacy ids of the bundles the target holds as they are: writing them would change nothing */
    public Set<Long> unchanged(Connection connection, List<SubmissionBundle> bundles) throws SQLException {
        var unchanged = new HashSet<Long>();
        if (bundles.isEmpty()) {
            return unchanged;
        }
        try (var statement = connection.prepareStatement(SAME_FINGERPRINT)) {
            ColumnBinder.of(connection, statement, bundles)
                    .bigints(SubmissionBundle::legacyId)
                    .texts(SubmissionBundle::fingerprint);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    unchanged.add(rows.getLong(1));
                }
            }
        }
        return unchanged;
    }

    public Written write(Connection connection, long runId, List<SubmissionBundle> bundles) throws SQLException {
        if (bundles.isEmpty()) {
            return Written.NOTHING;
        }
        Upserted upserted = upsertSubmissions(connection, runId, bundles);
        Map<Long, Long> ids = upserted.idsByLegacyId();
        Function<SubmissionBundle, Long> id = b -> ids.get(b.legacyId());
        try (var statement = connection.prepareStatement(UPSERT_POST_DATA)) {
            ColumnBinder.of(connection, statement, bundles)
                    .bigints(id)
                    .texts(b -> b.postData().contentText())
                    .texts(b -> b.postData().authorHandle())
                    .times(b -> b.postData().postedAt());
            statement.executeUpdate();
        }
        try (var statement = connection.prepareStatement(UPSERT_METADATA)) {
            ColumnBinder.of(connection, statement, bundles)
                    .bigints(id)
                    .texts(b -> b.metadata().language())
                    .texts(b -> b.metadata().extraJson());
            statement.executeUpdate();
        }
        try (var statement = connection.prepareStatement(UPSERT_LEGACY_RAW)) {
            ColumnBinder.of(connection, statement, bundles)
                    .bigints(id)
                    .texts(SubmissionBundle::legacyRawJson);
            statement.executeUpdate();
        }
        Long[] submissionIds = bundles.stream().map(id).toArray(Long[]::new);
        writeAnalysis(connection, bundles, id, submissionIds);
        links.replace(connection, LinkWriter.HASHTAGS, submissionIds, bundles, id, SubmissionBundle::hashtags);
        links.replace(connection, LinkWriter.CATEGORIES, submissionIds, bundles, id, SubmissionBundle::categoryCodes);
        var touched = new LinkedHashSet<>(List.of(submissionIds));
        touched.addAll(writeReports(connection, runId, bundles, id, submissionIds));
        return new Written(List.copyOf(touched), upserted.restored());
    }

    /** New submission id by legacy id, for every bundle; and how many of them were soft-deleted before. */
    private record Upserted(Map<Long, Long> idsByLegacyId, int restored) {
    }

    private static Upserted upsertSubmissions(Connection connection, long runId, List<SubmissionBundle> bundles)
            throws SQLException {
        try (var statement = connection.prepareStatement(UPSERT_SUBMISSIONS)) {
            ColumnBinder.of(connection, statement, bundles)
                    .bigints(SubmissionBundle::legacyId)
                    .bigints(SubmissionBundle::communityLegacyId)
                    .bigints(SubmissionBundle::submitterLegacyId)
                    .texts(SubmissionBundle::url)
                    .texts(b -> b.platform().urlHost())
                    .texts(b -> b.platform().group())
                    .texts(b -> b.platform().detail().code())
                    .texts(b -> b.platform().source().code())
                    .texts(SubmissionBundle::status)
                    .times(SubmissionBundle::submittedAt)
                    .times(SubmissionBundle::legacyRemovedAt)
                    .times(SubmissionBundle::legacyUpdatedAt)
                    .texts(SubmissionBundle::fingerprint)
                    .bigint(runId)
                    .bigint(runId);
            try (var rows = statement.executeQuery()) {
                var ids = new HashMap<Long, Long>(bundles.size() * 2);
                int restored = 0;
                while (rows.next()) {
                    ids.put(rows.getLong(1), rows.getLong(2));
                    restored = rows.getInt(3);
                }
                return new Upserted(ids, restored);
            }
        }
    }

    private static void writeAnalysis(Connection connection, List<SubmissionBundle> bundles,
            Function<SubmissionBundle, Long> id, Long[] submissionIds) throws SQLException {
        try (var delete = connection.prepareStatement(DELETE_ANALYSIS)) {
            delete.setArray(1, connection.createArrayOf("int8", submissionIds));
            delete.executeUpdate();
        }
        record Row(long submissionId, Analysis analysis) {
        }
        List<Row> rows = bundles.stream()
                .filter(b -> b.analysis().isPresent())
                .map(b -> new Row(id.apply(b), b.analysis().get()))
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        try (var statement = connection.prepareStatement(INSERT_ANALYSIS)) {
            ColumnBinder.of(connection, statement, rows)
                    .bigints(Row::submissionId)
                    .bigints(r -> r.analysis().shapeVersion())
                    .texts(r -> r.analysis().model())
                    .texts(r -> r.analysis().score() == null ? null : r.analysis().score().toPlainString())
                    .texts(r -> json(r.analysis().scores()))
                    .texts(r -> json(r.analysis().labels()));
            statement.executeUpdate();
        }
    }

    /** @return the submissions that reports of these bundles moved away from */
    private static List<Long> writeReports(Connection connection, long runId, List<SubmissionBundle> bundles,
            Function<SubmissionBundle, Long> id, Long[] submissionIds) throws SQLException {
        var rows = new ArrayList<ReportRow>();
        bundles.forEach(b -> b.reports().forEach(r -> rows.add(new ReportRow(id.apply(b), r))));
        var previousOwners = new ArrayList<Long>();
        if (!rows.isEmpty()) {
            REPORTS.fill(connection, rows);
            try (var statement = connection.prepareStatement(UPSERT_REPORTS)) {
                statement.setLong(1, runId);
                try (var previous = statement.executeQuery()) {
                    while (previous.next()) {
                        previousOwners.add(previous.getLong(1));
                    }
                }
            }
        }
        try (var statement = connection.prepareStatement(
                rows.isEmpty() ? SOFT_DELETE_ALL_REPORTS : SOFT_DELETE_VANISHED_REPORTS)) {
            statement.setArray(1, connection.createArrayOf("int8", submissionIds));
            statement.executeUpdate();
        }
        return previousOwners;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value instanceof Map<?, ?> map ? new TreeMap<>(map) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("analysis values are plain maps and lists", e);
        }
    }
}
