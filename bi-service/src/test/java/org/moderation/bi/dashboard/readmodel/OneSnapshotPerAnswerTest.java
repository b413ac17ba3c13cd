package org.moderation.bi.dashboard.readmodel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.moderation.bi.dashboard.support.GeneratedSubmissions;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

/**
 * Two answers that name the same read-model version were computed from the same data. While chunks land one after
 * the other, as deltas write them, the overview's submissions and the total of the list behind them are asked for in
 * pairs, and a day of the series and the list of that day: every pair that names one version agrees.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class OneSnapshotPerAnswerTest {

    /** Pairs that named one version, for the agreement to mean something; asked until there are as many. */
    private static final int AGREED = 16;
    /** On a busy machine the chunks outrun the requests and fewer pairs meet one version: ask more, up to this. */
    private static final int MAX_PAIRS = 600;

    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final AtomicInteger chunks = new AtomicInteger();
    private ExecutorService writer;

    @BeforeEach
    void twoWeeksOfSubmissions() throws Exception {
        GeneratedSubmissions.load(2800);
    }

    @Test
    void answersThatNameOneVersionAgree() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String window = "from=" + today.minusDays(6) + "&to=" + today.plusDays(1);
        String day = "from=" + today + "&to=" + today.plusDays(1);
        writer = Executors.newSingleThreadExecutor();
        Future<?> deltas = writer.submit(this::writeChunks);

        var versions = new HashSet<Long>();
        var agreed = new ArrayList<String>();
        var disagreed = new ArrayList<String>();
        for (int pair = 0; pair < MAX_PAIRS && agreed.size() < AGREED; pair++) {
            JsonPath overview = get("/api/v1/overview?" + window);
            JsonPath list = get("/api/v1/submissions?measure=submitted&limit=1&" + window);
            compare("overview " + pair, overview.getLong("submissions"), overview.getLong("freshness.version"),
                    list.getLong("total"), list.getLong("freshness.version"), agreed, disagreed, versions);
            JsonPath series = get("/api/v1/timeseries?metric=submissions&granularity=day&" + window);
            JsonPath ofDay = get("/api/v1/submissions?measure=submitted&limit=1&" + day);
            List<Long> values = series.getList("series[0].points.value", Long.class);
            compare("today " + pair, values.getLast(), series.getLong("freshness.version"), ofDay.getLong("total"),
                    ofDay.getLong("freshness.version"), agreed, disagreed, versions);
        }
        writing.set(false);
        deltas.get();

        assertThat(disagreed).as("pairs that named one version and still disagreed").isEmpty();
        assertThat(chunks.get()).as("chunks written while the pairs were asked").isGreaterThan(10);
        assertThat(versions).as("versions the pairs saw").hasSizeGreaterThan(5);
        assertThat(agreed).as("pairs that named one version").hasSizeGreaterThanOrEqualTo(AGREED);
    }

    private static void compare(String pair, long number, long numberVersion, long total, long totalVersion,
            List<String> agreed, List<String> disagreed, java.util.Set<Long> versions) {
        versions.add(numberVersion);
        if (numberVersion == totalVersion) {
            (number == total ? agreed : disagreed).add(pair + ": " + number + " vs " + total + " at v" + numberVersion);
        }
    }

    /** Chunks as deltas write them: today's submissions and takedowns, each chunk with its facts and a new version. */
    private void writeChunks() {
        int next = 1_000_000;
        while (writing.get()) {
            try {
                int legacyId = next++;
                ReadModelDatabase.execute("""
                        BEGIN;
                        INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source,
                                                 status, submitted_at, legacy_updated_at, last_run_id)
                        VALUES (%d, 1, 'x', 'x', 'url_host', 'new', now() - interval '%d minutes', now(), 1);
                        UPDATE submissions SET legacy_removed_at = now() WHERE id = (
                            SELECT id FROM submissions WHERE legacy_removed_at IS NULL AND deleted_at IS NULL
                            ORDER BY submitted_at DESC OFFSET %d LIMIT 1);
                        SELECT apply_submission_facts(ARRAY(SELECT id FROM submissions
                            WHERE legacy_id = %d OR legacy_removed_at >= now() - interval '1 second'));
                        COMMIT;""".formatted(legacyId, ThreadLocalRandom.current().nextInt(600),
                        ThreadLocalRandom.current().nextInt(50), legacyId));
                chunks.incrementAndGet();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonPath get(String path) {
        return given().auth().oauth2(Tokens.superadmin()).get(path).then().statusCode(200).extract().jsonPath();
    }

    @AfterEach
    void stop() {
        writing.set(false);
        if (writer != null) {
            writer.shutdownNow();
        }
    }
}
