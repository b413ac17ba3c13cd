import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark client (not a test) for bench/stream.sh: how long a legacy commit takes to show in bi-service's answers.
 * <pre>
 *   java -cp POSTGRESQL_JAR bench/StreamLatency.java latency LEGACY_JDBC_URL USER BI_URL TOKEN COMMITS PER_SECOND
 *       commits COMMITS new posts, one per transaction, at PER_SECOND; meanwhile asks bi-service every 50 ms for
 *       today's submissions (GET /api/v1/overview, one window, every community). A commit's latency is the time from
 *       its commit returning to the first answer that counts it (one that started after the commit). Prints p50, p95
 *       and max over all commits, and how many answers were read.
 *   java -cp POSTGRESQL_JAR bench/StreamLatency.java load LEGACY_JDBC_URL USER PER_SECOND SECONDS
 *       commits new posts, one per transaction, at PER_SECOND for SECONDS (moderators at work while the migrator is
 *       away); prints how many.
 * </pre>
 */
public class StreamLatency {

    private static final Pattern SUBMISSIONS = Pattern.compile("\"submissions\":(\\d+)");

    private record Answer(long receivedNanos, long startedNanos, long submissions) {
    }

    private static final String NEW_POST = """
            INSERT INTO posts (community_id, url, platform, status, categories, hashtags, created_at, updated_at)
            SELECT community_id, url, platform, 'new', 'bench_stream', '#bench', now(), now()
            FROM posts WHERE id = (SELECT min(id) FROM posts WHERE community_id IS NOT NULL)""";

    public static void main(String[] args) throws Exception {
        if (args.length == 7 && args[0].equals("latency")) {
            latency(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        } else if (args.length == 5 && args[0].equals("load")) {
            int perSecond = Integer.parseInt(args[3]);
            long[] committed = commit(args[1], args[2], perSecond * Integer.parseInt(args[4]), perSecond);
            System.out.printf("  %,d new posts committed at %d/s%n", committed.length, perSecond);
        } else {
            System.err.println("usage: latency LEGACY_JDBC_URL USER BI_URL TOKEN COMMITS PER_SECOND");
            System.err.println("       load LEGACY_JDBC_URL USER PER_SECOND SECONDS");
            System.exit(64);
        }
    }

    /** Commits {@code commits} new posts, one per transaction, at {@code perSecond}; @return when each returned */
    private static long[] commit(String legacyUrl, String user, int commits, int perSecond) throws Exception {
        long[] committed = new long[commits];
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try (Connection legacy = DriverManager.getConnection(legacyUrl, user, null);
             var insert = legacy.prepareStatement(NEW_POST)) {
            var done = new CountDownLatch(commits);
            var next = new AtomicInteger();
            clock.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= commits) {
                    return;
                }
                try {
                    insert.executeUpdate();
                    committed[i] = System.nanoTime();
                } catch (SQLException e) {
                    // A scheduled task that throws stops silently, and the run with it: say why and end.
                    System.err.println("a commit failed: " + e.getMessage());
                    System.exit(1);
                }
                done.countDown();
            }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
            done.await();
        } finally {
            clock.shutdownNow();
        }
        return committed;
    }

    private static void latency(String legacyUrl, String user, String bi, String token, int commits, int perSecond)
            throws Exception {
        Instant today = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        URI overview = URI.create(bi + "/api/v1/overview?from=" + today + "&to=" + today.plus(Duration.ofDays(1)));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ask = HttpRequest.newBuilder(overview).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build();
        long base = submissions(http.send(ask, HttpResponse.BodyHandlers.ofString()).body());

        List<Answer> answers = new CopyOnWriteArrayList<>();
        var allSeen = new CountDownLatch(1);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        // An answer every 50 ms, as a page that is told of a change asks at once (the answers' resolution).
        clock.scheduleAtFixedRate(() -> {
            long started = System.nanoTime();
            try {
                long seen = submissions(http.send(ask, HttpResponse.BodyHandlers.ofString()).body());
                answers.add(new Answer(System.nanoTime(), started, seen));
                if (seen >= base + commits) {
                    allSeen.countDown();
                }
            } catch (Exception e) {
                System.err.println("an answer failed: " + e);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);

        long[] committed = commit(legacyUrl, user, commits, perSecond);
        boolean complete = allSeen.await(2, TimeUnit.MINUTES);
        clock.shutdownNow();
        if (!complete) {
            System.err.println("not every commit was seen within 2 minutes");
        }

        double[] latencies = new double[commits];
        int missing = 0;
        for (int i = 0; i < commits; i++) {
            long needed = base + i + 1;
            long at = committed[i];
            Answer first = answers.stream().filter(a -> a.startedNanos() >= at && a.submissions() >= needed)
                    .findFirst().orElse(null);
            if (first == null) {
                missing++;
                latencies[i] = Double.POSITIVE_INFINITY;
            } else {
                latencies[i] = (first.receivedNanos() - at) / 1e6;
            }
        }
        Arrays.sort(latencies);
        System.out.printf("commits %d at %d/s; answers read %d; commit to first answer that counts it (ms): "
                        + "p50 %.0f, p95 %.0f, max %.0f%s%n", commits, perSecond, answers.size(),
                percentile(latencies, 50), percentile(latencies, 95), latencies[commits - 1],
                missing == 0 ? "" : "; " + missing + " never seen within 2 minutes");
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long submissions(String body) {
        Matcher m = SUBMISSIONS.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no submissions in " + body);
        }
        return Long.parseLong(m.group(1));
    }
}
