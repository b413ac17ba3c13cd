package org.moderation.bi.dashboard.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

import org.moderation.bi.shared.metrics.BuiltInMetrics;

/**
 * Drills into every number a dashboard answer shows and checks that the list behind it has that number as its total,
 * and that its pages, walked to the end, hold exactly that many distinct submissions.
 */
public final class DrillDowns {

    private DrillDowns() {
    }

    /**
     * Every KPI and breakdown row of the overview of {@code window} (a query string: from, to, tz, community), as
     * {@code token} sees it. Returns how many numbers were drilled into.
     */
    public static int overview(String token, String window) {
        return overview(token, window, 7);
    }

    /** The same, walking pages of {@code limit} rows. */
    public static int overview(String token, String window, int limit) {
        JsonPath overview = get(token, "/api/v1/overview?" + window);
        var expected = new ArrayList<Map.Entry<String, Long>>();
        expected.add(Map.entry("measure=submitted", overview.getLong("submissions")));
        expected.add(Map.entry("measure=removed", overview.getLong("removed")));
        Double rate = overview.get("removalRate") == null ? null : overview.getDouble("removalRate");
        if (rate != null) {
            // The rate's numerator: taken down within its horizon, listed by the metric itself.
            int version = BuiltInMetrics.versionOf(BuiltInMetrics.REMOVAL_RATE);
            expected.add(Map.entry("metric=removal_rate&version=" + version + "&part=numerator",
                    Math.round(rate * overview.getLong("submissions"))));
        }
        Map<String, Number> sources = overview.getMap("takedownSources");
        sources.forEach((source, count) -> expected.add(Map.entry("measure=removed&takedownSource=" + source,
                count.longValue())));
        for (String breakdown : List.of("platform", "platformDetail")) {
            String list = breakdown.equals("platform") ? "byPlatform" : "byPlatformDetail";
            List<Map<String, Object>> rows = overview.getList(list);
            for (Map<String, Object> row : rows) {
                String filter = "&" + breakdown + "=" + row.get(breakdown);
                expected.add(Map.entry("measure=submitted" + filter, number(row.get("submissions"))));
                expected.add(Map.entry("measure=removed" + filter, number(row.get("removed"))));
            }
        }
        List<Map<String, Object>> communities = overview.getList("byCommunity");
        for (Map<String, Object> row : communities) {
            String filter = row.get("community") == null ? "&noCommunity=true" : "&community=" + row.get("community");
            expected.add(Map.entry("measure=submitted" + filter, number(row.get("submissions"))));
            expected.add(Map.entry("measure=removed" + filter, number(row.get("removed"))));
        }
        for (var number : expected) {
            assertThat(walk(token, window + "&" + number.getKey(), limit))
                    .as("the list behind %s for %s", number.getKey(), window).isEqualTo(number.getValue());
        }
        return expected.size();
    }

    /**
     * Every bucket of a time series ({@code submissions} or {@code removals}) of {@code window} (with granularity
     * and tz); returns how many buckets were drilled into.
     */
    public static int series(String token, String metric, String query) {
        JsonPath series = get(token, "/api/v1/timeseries?metric=" + metric + "&" + query);
        List<Map<String, Object>> points = series.getList("series[0].points");
        String tz = series.getString("timeZone");
        String measure = metric.equals("submissions") ? "measure=submitted" : "measure=removed";
        for (int i = 0; i < points.size(); i++) {
            String from = i == 0 ? series.getString("window.from") : (String) points.get(i).get("start");
            String to = i == points.size() - 1 ? series.getString("window.to") : (String) points.get(i + 1).get("start");
            String bucket = "from=" + encode(from) + "&to=" + encode(to) + "&tz=" + tz + "&" + measure;
            assertThat(walk(token, bucket, 50)).as("the list behind bucket %s", bucket)
                    .isEqualTo(number(points.get(i).get("value")));
        }
        return points.size();
    }

    /**
     * The list's total, after checking that its pages (of {@code limit}) hold exactly that many distinct
     * submissions, newest first.
     */
    public static long walk(String token, String query, int limit) {
        JsonPath first = get(token, "/api/v1/submissions?" + query + "&limit=" + limit);
        long total = first.getLong("total");
        var seen = new HashSet<Long>();
        String previousAt = null;
        JsonPath page = first;
        while (true) {
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                assertThat(seen.add(number(item.get("submissionId")))).as("each submission once").isTrue();
                String at = (String) item.get("at");
                if (previousAt != null) {
                    assertThat(Instant.parse(at)).as("newest first").isBeforeOrEqualTo(Instant.parse(previousAt));
                }
                previousAt = at;
            }
            String next = page.getString("next");
            if (next == null) {
                break;
            }
            page = get(token, "/api/v1/submissions?" + query + "&limit=" + limit + "&after=" + next);
            assertThat(page.get("total") == null).as("only the first page has the total").isTrue();
        }
        assertThat((long) seen.size()).as("rows of %s", query).isEqualTo(total);
        return total;
    }

    private static JsonPath get(String token, String path) {
        return given().auth().oauth2(token).urlEncodingEnabled(false).get(path).then().statusCode(200).extract()
                .jsonPath();
    }

    private static long number(Object value) {
        return value == null ? 0 : Math.round(((Number) value).doubleValue());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
