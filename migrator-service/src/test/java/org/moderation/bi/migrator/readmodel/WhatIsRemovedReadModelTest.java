package org.moderation.bi.migrator.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.run.RunResult;
import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.LegacyFixture;
import org.moderation.bi.migrator.support.TargetDatabase;

/**
 * What is removed, per submission, on hand-built legacy posts: categories, hashtags, report channels, the takedown's
 * channel, language, classifier label and the words search reads, as a full load writes them and as a delta keeps
 * them.
 */
@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class WhatIsRemovedReadModelTest {

    private static final long REPORTED = 910_001;
    private static final long LEGACY_FALLBACK = 910_002;
    private static final long ODD_CHANNEL = 910_003;

    @Inject
    MigrationRunner runner;

    @Inject
    ReadModelMaintenance readModel;

    @BeforeEach
    void handBuiltPosts() throws Exception {
        LegacyFixture.regenerate();
        TargetDatabase.reset();
        post(REPORTED, "' Holocaust_Denial;conspiracy;;CONSPIRACY;Antisemitic  Trope'", "'#Jews #NWO,globalists #nwo'",
                null, """
                {"model": "clf-v2", "scores": {"antisemitism": 0.93, "violence": 0.97}, "labels": ["antisemitism", "Violence"]}""",
                "{\"language\": \"EN\"}", "Holocaust denial posted again, the usual conspiracy", "@HateAccount",
                "https://x.com/HateAccount/status/1");
        report(REPORTED, "trusted_flagger", "'2024-05-01 08:00:00+00'", "'2024-05-03 08:00:00+00'");
        report(REPORTED, " Platform Form ", "'2024-05-01 20:00:00+00'", "'2024-05-02 08:00:00+00'");
        report(REPORTED, null, "'2024-05-01 09:00:00+00'", "NULL");
        post(LEGACY_FALLBACK, "NULL", "NULL", "'2024-04-01 00:00:00+00'", "{\"score\": 0.91, \"label\": \"Antisemitic\"}",
                "{\"language\": \"de-DE\"}", "Die Juden wurden wieder beschuldigt", "troll_de", "t.me/hetze/5");
        report(LEGACY_FALLBACK, "email", "'2024-03-20 00:00:00+00'", "NULL");
        post(ODD_CHANNEL, "''", "' , '", null, "{}", null, null, null, null);
        report(ODD_CHANNEL, "fax", "'2024-03-20 00:00:00+00'", "NULL");
    }

    @Test
    void aFullLoadKeepsWhatEachSubmissionIsAbout() throws Exception {
        RunResult load = runner.run(RunKind.FULL);

        assertThat(load.validation().failures()).isEmpty();
        assertThat(facts(REPORTED)).containsExactly("{antisemitic_trope,conspiracy,holocaust_denial}",
                "{globalists,jews,nwo}", "3", "{platform_form,trusted_flagger,unknown}", "platform_form",
                "2024-05-01 20:00:00+00", "en", "violence", "report_flow");
        assertThat(facts(LEGACY_FALLBACK)).as("a legacy-fallback takedown has no channel").containsExactly("{}", "{}",
                "0", "{email}", null, null, "de-de", "antisemitic", "legacy_fallback");
        assertThat(facts(ODD_CHANNEL)).containsExactly("{}", "{}", "0", "{other}", null, null, null, null, null);
        assertThat(TargetDatabase.rows("SELECT dimension || ':' || value FROM mv_seen_values "
                + "WHERE value IN ('holocaust_denial', 'nwo', 'de-de', 'violence', 'antisemitic') ORDER BY 1"))
                .containsExactly("category:holocaust_denial", "classifier_label:antisemitic", "classifier_label:violence",
                        "hashtag:nwo", "language:de-de");
        assertThat(TargetDatabase.pendingIndexPages()).as("what the load left pending in the GIN indexes, read by every scan")
                .isZero();
    }

    @Test
    void theFactsRuleAskedForSomeSubmissionsGivesEachTheRowItGivesAskedForAll() throws Exception {
        runner.run(RunKind.FULL);
        var loaded = TargetDatabase.liveSnapshot();
        TargetDatabase.execute("SELECT apply_submission_facts(NULL)");
        assertThat(TargetDatabase.liveSnapshot()).as("NULL asks for no submission, not for all").isEqualTo(loaded);
        TargetDatabase.execute("UPDATE reports SET deleted_at = now() WHERE submission_id = "
                + "(SELECT id FROM submissions WHERE legacy_id = ?)", LEGACY_FALLBACK);
        TargetDatabase.execute("UPDATE submissions SET deleted_at = now() WHERE legacy_id = ?", ODD_CHANNEL);
        String live = "SELECT f::text FROM submission_facts_rule f ORDER BY f.submission_id";

        List<String> all = TargetDatabase.rows(live);

        assertThat(all).hasSize((int) TargetDatabase.count("SELECT count(*) FROM submissions WHERE deleted_at IS NULL"));
        // Constant ids, as a chunk's are when its statement is planned: the function is inlined and folded.
        String ids = String.join(",", TargetDatabase.rows("SELECT id FROM submissions"));
        assertThat(TargetDatabase.rows("SELECT f::text FROM submission_facts_of('{" + ids + "}'::bigint[]) f "
                + "ORDER BY f.submission_id")).isEqualTo(all);
        assertThat(TargetDatabase.rows("SELECT f::text FROM submissions s, submission_facts_of(ARRAY[s.id]) f "
                + "ORDER BY f.submission_id")).as("one at a time, as a chunk of one asks").isEqualTo(all);
        assertThat(TargetDatabase.rows("SELECT report_count || ' ' || report_channels::text || ' ' || takedown_source "
                + "FROM submission_facts_of(ARRAY(SELECT id FROM submissions WHERE legacy_id = " + LEGACY_FALLBACK + ")) f"))
                .as("every report deleted: none counted, the legacy takedown stays").containsExactly("0 {} legacy_fallback");
    }

    @Test
    void theTakedownsReportIsTheOneTakenDownFirstThenTheOneReportedFirstThenTheOneFiledFirst() throws Exception {
        runner.run(RunKind.FULL);
        String reportsOfTheReported = "submission_id = (SELECT id FROM submissions WHERE legacy_id = %d)"
                .formatted(REPORTED);
        String takedown = "SELECT takedown_channel || ' ' || to_char(takedown_reported_at AT TIME ZONE 'UTC', 'HH24:MI') "
                + "FROM submission_facts_rule WHERE legacy_id = " + REPORTED;
        assertThat(TargetDatabase.text(takedown)).isEqualTo("platform_form 20:00");

        TargetDatabase.execute("UPDATE reports SET taken_down_at = '2024-05-02 08:00:00+00' WHERE taken_down_at IS NOT NULL "
                + "AND " + reportsOfTheReported);
        assertThat(TargetDatabase.text(takedown)).as("taken down together: the one reported first")
                .isEqualTo("trusted_flagger 08:00");

        TargetDatabase.execute("UPDATE reports SET reported_at = '2024-05-01 12:00:00+00' WHERE taken_down_at IS NOT NULL "
                + "AND " + reportsOfTheReported);
        TargetDatabase.execute("UPDATE reports SET legacy_id = -legacy_id WHERE channel = ' Platform Form ' AND "
                + reportsOfTheReported);
        assertThat(TargetDatabase.text(takedown)).as("reported together too: the one filed first in the legacy app")
                .isEqualTo("platform_form 12:00");
        assertThat(TargetDatabase.text("SELECT takedown_channel FROM submission_facts_of(ARRAY(SELECT id FROM submissions "
                + "WHERE legacy_id = " + REPORTED + "))")).as("asked for this submission alone").isEqualTo("platform_form");
    }

    @Test
    void channelsAndLabelsAreNormalizedWhateverShapeTheyCameIn() throws Exception {
        assertThat(TargetDatabase.rows("""
                SELECT coalesce(c, '(null)') || ' -> ' || report_channel(c)
                FROM unnest(ARRAY['api', 'email', 'platform_form', 'trusted_flagger', ' Platform Form ', 'TRUSTED-flagger',
                                  'e mail', 'fax', '', '  ', NULL]) WITH ORDINALITY AS v (c, n)
                ORDER BY n"""))
                .containsExactly("api -> api", "email -> email", "platform_form -> platform_form",
                        "trusted_flagger -> trusted_flagger", " Platform Form  -> platform_form",
                        "TRUSTED-flagger -> trusted_flagger", "e mail -> other", "fax -> other", " -> unknown",
                        "   -> unknown", "(null) -> unknown");
        assertThat(TargetDatabase.rows("""
                SELECT coalesce(classifier_label(l, s), '(null)')
                FROM (VALUES (1, '{}'::text[], '{}'::jsonb), (2, '{" Hate "}', '{}'), (3, '{""}', '{}'), (4, '{NULL}', '{}'),
                             (5, '{"  "}', '{"x": 1}'), (6, NULL, '{}'), (7, '{b,a}', '{}'),
                             (8, '{b,a}', '{"a": 0.2, "b": 0.9}'), (9, '{b,a}', '{"a": 0.2, "b": "high"}'),
                             (10, '{" ",a}', '{}')) AS v (n, l, s)
                ORDER BY n"""))
                .as("one label as it is, trimmed; of several the best scored, then the first alphabetically")
                .containsExactly("(null)", "Hate", "(null)", "(null)", "(null)", "(null)", "a", "b", "a", "a");
    }

    @Test
    void searchReadsEachPostInItsOwnLanguage() throws Exception {
        runner.run(RunKind.FULL);

        assertThat(matching("denials")).as("English stemming").containsExactly(REPORTED);
        assertThat(matching("Jude")).as("German stemming: Juden").containsExactly(LEGACY_FALLBACK);
        assertThat(matching("\"usual conspiracy\"")).containsExactly(REPORTED);
        assertThat(matching("holocaust -conspiracy")).isEmpty();
        assertThat(TargetDatabase.text("SELECT search_config::text FROM mv_submission_search x JOIN submissions s "
                + "ON s.id = x.submission_id WHERE s.legacy_id = ?", ODD_CHANNEL)).isEqualTo("simple");
    }

    @Test
    void aPostsLanguageChoosesItsSearchConfigurationByCodeOrByName() throws Exception {
        assertThat(TargetDatabase.rows("""
                SELECT coalesce(l, '(null)') || ' -> ' || search_configuration(l)::text
                FROM unnest(ARRAY['en', 'en-GB', ' PT_br ', 'nb', 'nn-NO', 'yi', 'German', 'simple', 'he', 'pl-PL',
                                  'xx', '', NULL, '-en', 'english-GB']) WITH ORDINALITY AS v (l, n)
                ORDER BY n"""))
                .containsExactly("en -> english", "en-GB -> english", " PT_br  -> portuguese", "nb -> norwegian",
                        "nn-NO -> norwegian", "yi -> yiddish", "German -> german", "simple -> simple", "he -> simple",
                        "pl-PL -> simple", "xx -> simple", " -> simple", "(null) -> simple", "-en -> simple",
                        "english-GB -> english");
    }

    @Test
    void aDeltaKeepsThemCurrentAndTheAuditFindsTheKeptRowsEqualToTheRules() throws Exception {
        runner.run(RunKind.FULL);
        LegacyFixture.execute("UPDATE post_reports SET channel = 'API' WHERE post_id = ? AND channel = ' Platform Form '",
                REPORTED);
        LegacyFixture.execute("UPDATE posts SET content_text = 'Nichts mehr zu sehen', hashtags = '#Neu' WHERE id = ?",
                LEGACY_FALLBACK);
        LegacyFixture.execute("DELETE FROM posts WHERE id = ?", ODD_CHANNEL);

        RunResult delta = runner.run(RunKind.DELTA);

        assertThat(delta.validation().failures()).isEmpty();
        assertThat(facts(REPORTED).get(3)).isEqualTo("{api,trusted_flagger,unknown}");
        assertThat(facts(REPORTED).get(4)).isEqualTo("api");
        assertThat(facts(LEGACY_FALLBACK).get(1)).isEqualTo("{neu}");
        assertThat(matching("Jude")).isEmpty();
        assertThat(matching("sehen")).containsExactly(LEGACY_FALLBACK);
        assertThat(TargetDatabase.count("SELECT count(*) FROM mv_submission_search x JOIN submissions s "
                + "ON s.id = x.submission_id WHERE s.legacy_id = ?", ODD_CHANNEL)).isZero();
        assertThat(TargetDatabase.pendingIndexPages()).as("what the delta left pending in the GIN indexes").isZero();
        var afterDelta = TargetDatabase.liveSnapshot();
        TargetDatabase.reset();
        runner.run(RunKind.FULL);
        assertThat(TargetDatabase.liveSnapshot()).isEqualTo(afterDelta);
    }

    @Test
    void aRebuildLeavesNothingPendingInTheIndexesItWrote() throws Exception {
        runner.run(RunKind.FULL);
        TargetDatabase.execute("UPDATE post_data SET content_text = 'Rebuilt words' WHERE submission_id = "
                + "(SELECT id FROM submissions WHERE legacy_id = ?)", REPORTED);

        readModel.rebuild(null);

        assertThat(matching("rebuilt")).containsExactly(REPORTED);
        assertThat(TargetDatabase.pendingIndexPages()).isZero();
    }

    /** Categories, hashtags, hashtag count, report channels, takedown channel and report time, language, label. */
    private static List<String> facts(long legacyId) throws SQLException {
        return TargetDatabase.rows("""
                SELECT unnest(ARRAY[category_codes::text, hashtags::text, hashtag_count::text, report_channels::text,
                       takedown_channel, to_char(takedown_reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS+00'),
                       language, classifier_label, takedown_source])
                FROM mv_submission_facts WHERE legacy_id = %d""".formatted(legacyId)).stream()
                .map(value -> "null".equals(value) ? null : value).toList();
    }

    private static List<Long> matching(String query) throws SQLException {
        return TargetDatabase.rows("""
                SELECT s.legacy_id FROM mv_submission_search x JOIN submissions s ON s.id = x.submission_id
                WHERE x.document @@ websearch_to_tsquery(x.search_config, '%s') AND s.legacy_id >= 910000
                ORDER BY 1""".formatted(query.replace("'", "''"))).stream().map(Long::valueOf).toList();
    }

    private static void post(long id, String categories, String hashtags, String removedAt, String analysis,
            String extra, String text, String author, String url) throws SQLException {
        LegacyFixture.execute("INSERT INTO posts (id, community_id, url, platform, content_text, author_handle, status, "
                + "removed_at, categories, hashtags, analysis, extra, created_at, updated_at) VALUES (?, 1, ?, NULL, ?, ?, "
                + "'reported', " + (removedAt == null ? "NULL" : removedAt) + ", " + categories + ", " + hashtags
                + ", ?::jsonb, ?::jsonb, '2024-03-15 00:00:00+00', '2024-06-01 00:00:00+00')", id, url, text, author,
                analysis, extra);
    }

    private static void report(long postId, String channel, String reportedAt, String takenDownAt)
            throws SQLException {
        LegacyFixture.execute("INSERT INTO post_reports (post_id, channel, reported_at, taken_down_at, updated_at) "
                + "VALUES (?, ?, " + reportedAt + ", " + takenDownAt + ", '2024-06-01 00:00:00+00')", postId, channel);
    }
}
