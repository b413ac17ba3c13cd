package org.moderation.bi.migrator.transform;

import org.moderation.bi.shared.platform.PlatformDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.moderation.bi.migrator.legacy.LegacyPost;
import org.moderation.bi.migrator.legacy.LegacyPostWithReports;
import org.moderation.bi.migrator.legacy.LegacyReport;

class BundleTransformerTest {

    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2024-05-01T10:00:00Z");

    @Test
    void turnsAPostAndItsReportsIntoOneBundle() {
        var first = report(11, OffsetDateTime.parse("2024-05-03T08:00:00Z"));
        var second = report(12, OffsetDateTime.parse("2024-05-02T08:00:00Z"));
        var third = report(13, null);

        SubmissionBundle bundle = accepted(post(" Reported ", "Meta", "https://instagram.com/p/1",
                OffsetDateTime.parse("2024-05-09T00:00:00Z")), first, second, third);

        assertThat(bundle.legacyId()).isEqualTo(7);
        assertThat(bundle.status()).isEqualTo("reported");
        assertThat(bundle.platform()).isEqualTo(new Platform("meta", PlatformDetail.INSTAGRAM, PlatformSource.URL_HOST,
                "instagram.com"));
        assertThat(bundle.submittedAt()).isEqualTo(CREATED);
        // Takedown timestamps are carried over untouched: the rule is applied by the read model, not here.
        assertThat(bundle.legacyRemovedAt()).isEqualTo(OffsetDateTime.parse("2024-05-09T00:00:00Z"));
        assertThat(bundle.reports()).extracting(SubmissionBundle.Report::legacyId).containsExactly(11L, 12L, 13L);
        assertThat(bundle.reports()).extracting(SubmissionBundle.Report::takenDownAt)
                .containsExactly(first.takenDownAt(), second.takenDownAt(), null);
        assertThat(bundle.categoryCodes()).containsExactly("holocaust_denial", "conspiracy");
        assertThat(bundle.hashtags()).containsExactly("jews", "nwo", "globalists");
        assertThat(bundle.analysis()).get().extracting(Analysis::shapeVersion).isEqualTo(1);
        assertThat(bundle.metadata().language()).isEqualTo("de");
        assertThat(bundle.legacyRawJson()).isEqualTo("{\"id\":7}");
    }

    @Test
    void keepsTheMessOf2021ImportsAsItIs() {
        var post = new LegacyPost(8, null, null, null, null, null, null, null, "removed", null, null, null, null,
                null, OffsetDateTime.parse("2021-02-01T00:00:00Z"), OffsetDateTime.parse("2021-01-01T00:00:00Z"),
                "{}");

        SubmissionBundle bundle = accepted(post);

        assertThat(bundle.communityLegacyId()).isNull();
        assertThat(bundle.postData().postedAt()).isNull();
        assertThat(bundle.legacyUpdatedAt()).isBefore(bundle.submittedAt());
        assertThat(bundle.status()).isEqualTo("removed");
        assertThat(bundle.legacyRemovedAt()).isNull();
        assertThat(bundle.platform().detail()).isEqualTo(PlatformDetail.UNKNOWN);
        assertThat(bundle.analysis()).isEmpty();
        assertThat(bundle.categoryCodes()).isEmpty();
        assertThat(bundle.hashtags()).isEmpty();
        assertThat(bundle.metadata().language()).isNull();
    }

    @Test
    void quarantinesAnUnknownStatus() {
        var result = BundleTransformer.transform(new LegacyPostWithReports(post("spam", null, null, null), List.of()));

        assertThat(result).isEqualTo(new TransformResult.Quarantined(7, "UNKNOWN_STATUS",
                "status 'spam' is not a known status"));
    }

    @Test
    void quarantinesAnAnalysisOfNeitherShape() {
        var legacy = post("new", null, null, null);
        var malformed = new LegacyPost(legacy.id(), 1, 2, null, null, null, null, null, "new", null, null, null,
                "{\"confidence\": 0.3}", null, CREATED, CREATED, "{}");

        var result = BundleTransformer.transform(new LegacyPostWithReports(malformed, List.of()));

        assertThat(result).isInstanceOf(TransformResult.Quarantined.class);
        assertThat(((TransformResult.Quarantined) result).reasonCode()).isEqualTo("ANALYSIS_UNKNOWN_SHAPE");
    }

    @Test
    void quarantinesWhatNoRuleForesawInsteadOfFailing() {
        // Stands for any value a rule chokes on: here the reports themselves are missing.
        var result = BundleTransformer.transform(new LegacyPostWithReports(post("new", null, null, null), null));

        assertThat(result).isInstanceOf(TransformResult.Quarantined.class);
        assertThat(((TransformResult.Quarantined) result).reasonCode()).isEqualTo("TRANSFORM_FAILED");
    }

    @Test
    void ignoresALanguageThatIsNotText() {
        var legacy = new LegacyPost(9, 1, 2, null, null, null, null, null, "new", null, null, null, null,
                "{\"language\": [\"de\"]}", CREATED, CREATED, "{}");

        assertThat(accepted(legacy).metadata().language()).isNull();
        assertThat(accepted(legacy).metadata().extraJson()).isEqualTo("{\"language\": [\"de\"]}");
    }

    private static SubmissionBundle accepted(LegacyPost post, LegacyReport... reports) {
        TransformResult result = BundleTransformer.transform(new LegacyPostWithReports(post, List.of(reports)));
        assertThat(result).isInstanceOf(TransformResult.Accepted.class);
        return ((TransformResult.Accepted) result).bundle();
    }

    private static LegacyPost post(String status, String platform, String url, OffsetDateTime removedAt) {
        return new LegacyPost(7, 3, 4, url, platform, "text", "@author", CREATED.minusDays(1), status, removedAt,
                " Holocaust_Denial;conspiracy;;CONSPIRACY", "#Jews #NWO,globalists",
                "{\"score\": 0.91, \"label\": \"antisemitic\"}", "{\"language\": \"DE\", \"geo\": \"DE\"}", CREATED,
                CREATED.plusDays(2), "{\"id\":7}");
    }

    private static LegacyReport report(long id, OffsetDateTime takenDownAt) {
        return new LegacyReport(id, 7, 5, "platform_form", CREATED.plusHours(1), "T-" + id, "removed", takenDownAt,
                CREATED.plusDays(1));
    }
}
