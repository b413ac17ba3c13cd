package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.moderation.bi.engine.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * The buckets the engine lists are the ones the read model's rows fall in: for every minute of a window around a
 * change of the zone's offset, PostgreSQL's {@code date_trunc(grain, t, zone)} names a bucket the engine lists, and
 * the minutes of each bucket are the time the engine says it holds.
 */
class BucketsAgreeWithPostgresTest {

    private static ReadModelDatabase database;

    @BeforeAll
    static void connect() {
        database = ReadModelDatabase.create();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @ParameterizedTest(name = "{2} {0} in {3}")
    @CsvSource({
        // Lord Howe: half an hour back (02:00 +11 → 01:30 +10:30) and forward (02:00 +10:30 → 02:30 +11).
        "2026-04-04T10:00:00Z, 2026-04-04T20:00:00Z, HOUR, Australia/Lord_Howe",
        "2026-10-03T10:00:00Z, 2026-10-03T20:00:00Z, HOUR, Australia/Lord_Howe",
        "2026-04-03T10:17:00Z, 2026-04-06T03:00:00Z, DAY, Australia/Lord_Howe",
        // Whole hours back and forward, a zone a quarter of an hour off, one half an hour off with summer time.
        "2026-10-24T22:00:00Z, 2026-10-25T04:00:00Z, HOUR, Europe/Berlin",
        "2026-03-29T00:00:00Z, 2026-03-29T03:00:00Z, HOUR, Europe/Berlin",
        "2026-04-04T12:13:00Z, 2026-04-04T20:31:00Z, HOUR, Asia/Kathmandu",
        "2026-11-01T02:00:00Z, 2026-11-01T07:00:00Z, HOUR, America/St_Johns",
        // A day that starts at one in the morning (Santiago moves from midnight to one), and weeks across it.
        "2026-09-05T00:00:00Z, 2026-09-08T00:00:00Z, DAY, America/Santiago",
        "2026-08-20T00:00:00Z, 2026-09-20T00:00:00Z, WEEK, America/Santiago",
        "2026-01-15T00:00:00Z, 2026-05-15T00:00:00Z, MONTH, Australia/Lord_Howe",
    })
    void everyMinuteFallsInTheBucketTheEngineListsForIt(Instant from, Instant to, Grain grain, String zone)
            throws Exception {
        var postgres = new ArrayList<Answer.Bucket>();
        try (var connection = database.connect(); var statement = connection.prepareStatement("""
                SELECT date_trunc(?, t, ?) AS start, min(t), max(t) + interval '1 minute'
                FROM generate_series(?::timestamptz, ?::timestamptz - interval '1 minute', interval '1 minute') t
                GROUP BY 1 ORDER BY 1""")) {
            statement.setString(1, grain.name().toLowerCase(Locale.ROOT));
            statement.setString(2, zone);
            statement.setObject(3, from.atOffset(ZoneOffset.UTC));
            statement.setObject(4, to.atOffset(ZoneOffset.UTC));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    postgres.add(new Answer.Bucket(instant(rows, 1), instant(rows, 2), instant(rows, 3), false));
                }
            }
        }
        List<Answer.Bucket> engine = Buckets.of(from, to, grain, ZoneId.of(zone), Instant.MAX).stream()
                .map(b -> new Answer.Bucket(b.start(), b.coveredFrom(), b.coveredTo(), false)).toList();
        assertThat(engine).isEqualTo(postgres);
        assertThat(Buckets.count(from, to, grain, ZoneId.of(zone))).as("the count that guards a window's size")
                .isGreaterThanOrEqualTo(engine.size()).isLessThanOrEqualTo(engine.size() + 1);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
