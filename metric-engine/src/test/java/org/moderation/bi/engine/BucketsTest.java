package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.moderation.bi.shared.metrics.Vocabulary.Grain;

class BucketsTest {

    @Test
    void aBucketTheWindowCutsIsPartialAndSaysWhichPartItCovers() {
        var weeks = Buckets.of(Instant.parse("2026-08-26T00:00:00Z"), Instant.parse("2026-09-09T00:00:00Z"), Grain.WEEK,
                ZoneOffset.UTC, Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(weeks).containsExactly(
                new Answer.Bucket(Instant.parse("2026-08-24T00:00:00Z"), Instant.parse("2026-08-26T00:00:00Z"),
                        Instant.parse("2026-08-31T00:00:00Z"), true),
                new Answer.Bucket(Instant.parse("2026-08-31T00:00:00Z"), Instant.parse("2026-08-31T00:00:00Z"),
                        Instant.parse("2026-09-07T00:00:00Z"), false),
                new Answer.Bucket(Instant.parse("2026-09-07T00:00:00Z"), Instant.parse("2026-09-07T00:00:00Z"),
                        Instant.parse("2026-09-09T00:00:00Z"), true));
    }

    @Test
    void todayIsPartialUntilItEnds() {
        var days = Buckets.of(Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"), Grain.DAY,
                ZoneOffset.UTC, Instant.parse("2026-11-24T15:00:00Z"));
        assertThat(days).extracting(Answer.Bucket::partial).containsExactly(false, false, true);
    }

    @Test
    void daysInAZoneAreItsDaysWhateverTheirLength() {
        var days = Buckets.of(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-30T22:00:00Z"), Grain.DAY,
                ZoneId.of("Europe/Berlin"), Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(days).hasSize(2);
        assertThat(Duration.between(days.get(0).coveredFrom(), days.get(0).coveredTo())).isEqualTo(Duration.ofHours(23));
        assertThat(days).extracting(Answer.Bucket::partial).containsExactly(false, false);
        assertThat(Buckets.count(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-30T22:00:00Z"),
                Grain.DAY, ZoneId.of("Europe/Berlin"))).isEqualTo(2);
    }

    @Test
    void bucketsStayAsTheyAreUntilOneOfThemEnds() {
        Instant from = Instant.parse("2026-11-22T00:00:00Z");
        Instant to = Instant.parse("2026-11-25T00:00:00Z");
        assertThat(Buckets.asOf(from, to, Grain.DAY, ZoneOffset.UTC, Instant.parse("2026-11-24T15:00:00Z"))
                .unchanged())
                .isEqualTo(new Buckets.Span(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z")));
        assertThat(Buckets.asOf(from, to, Grain.DAY, ZoneOffset.UTC, Instant.parse("2026-11-25T00:00:00Z"))
                .unchanged())
                .isEqualTo(new Buckets.Span(Instant.parse("2026-11-25T00:00:00Z"), Instant.MAX));
        assertThat(Buckets.asOf(from, to, Grain.DAY, ZoneOffset.UTC, Instant.parse("2026-11-20T00:00:00Z"))
                .unchanged())
                .isEqualTo(new Buckets.Span(Instant.MIN, Instant.parse("2026-11-23T00:00:00Z")));
    }

    @Test
    void inAZoneHalfAnHourOffUtcTheStretchEndsWhereItsHoursDo() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant from = Instant.parse("2026-04-04T12:30:00Z");
        Instant to = Instant.parse("2026-04-04T20:30:00Z");
        Buckets.Span unchanged = Buckets.asOf(from, to, Grain.HOUR, kolkata, Instant.parse("2026-04-04T16:10:00Z"))
                .unchanged();
        assertThat(unchanged).isEqualTo(new Buckets.Span(Instant.parse("2026-04-04T15:30:00Z"),
                Instant.parse("2026-04-04T16:30:00Z")));
        assertThat(Buckets.of(from, to, Grain.HOUR, kolkata, unchanged.to().minusNanos(1)))
                .isEqualTo(Buckets.of(from, to, Grain.HOUR, kolkata, unchanged.from()))
                .isNotEqualTo(Buckets.of(from, to, Grain.HOUR, kolkata, unchanged.to()));
    }
}
