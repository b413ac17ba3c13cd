import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.moderation.bi.engine.Answer;
import org.moderation.bi.engine.Submissions;
import org.moderation.bi.shared.api.dashboard.TimeSeriesView;
import org.moderation.bi.shared.metrics.Column;

/**
 * Benchmark (not a test): the heap a kept answer takes per unit of {@code bi.kept-values}, for BENCHMARKS.md. Builds
 * N of each thing an answer holds, shaped as the engine builds them from JDBC (every string and instant its own object,
 * one group column per value, a ratio's numerator and denominator), and divides the growth of the used heap after a
 * full GC by N.
 * <pre>
 *   ./mvnw -B -q -DskipTests package -pl bi-service -am
 *   java -cp metric-engine/target/classes:shared-model/target/classes bench/KeptBytes.java [N]
 * </pre>
 */
public class KeptBytes {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        report("engine value (bucket, one group column, ratio)", n, i -> {
            Map<Column, String> group = new LinkedHashMap<>();
            group.put(Column.COMMUNITY, new String("community-" + (i % 500)));
            return new Answer.Value(1, base.plusSeconds(3600L * i), group, 0.25 + i, 1.0 + i, 4.0 + i);
        });
        report("series point", n, i -> new TimeSeriesView.Point(new String("2024-01-01"), (double) i,
                base.plusSeconds(86400L * i), base.plusSeconds(86400L * (i + 1)), false, null));
        report("submission row", n, i -> new Submissions.Row(i, 1_000_000L + i, new String("community-" + i % 500),
                new String("reddit"), new String("old.reddit.com"), base.plusSeconds(i), base.plusSeconds(i + 60),
                new String("moderator"), i % 7, base.plusSeconds(i + 60), new String("https://redd.it/abc" + i),
                new String("A post of about a hundred and sixty characters, as an excerpt of its text would be on "
                        + "the page, cut at a word " + i), new String("@author" + i)));
    }

    private static void report(String what, int n, IntFunction<Object> build) {
        long before = usedAfterGc();
        List<Object> kept = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            kept.add(build.apply(i));
        }
        long after = usedAfterGc();
        System.out.printf("%-48s %6.0f bytes each (%d built, %s)%n", what, (double) (after - before) / n, kept.size(),
                System.getProperty("java.vm.version"));
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
