import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark clients (not a test) that try to take a service down, for bench/hostile-clients.sh. Each mode runs for a
 * bounded time against 127.0.0.1 only and prints one summary line.
 * <pre>
 *   java bench/HostileClients.java slow-bodies PORT PATH TOKEN CONNECTIONS SECONDS
 *       CONNECTIONS clients keep a POST open that announces 1,000 bytes and sends one; a client that is answered
 *       (or cut) opens a new one, until SECONDS have passed. Counts the answers by status.
 *   java bench/HostileClients.java slow-readers PORT PATH TOKENS_FILE BYTES_PER_SECOND SECONDS
 *       one client per token in TOKENS_FILE GETs PATH (a CSV export) and reads it at BYTES_PER_SECOND; counts the
 *       answers by status, and the exports read to their end whose "# rows: N" equals their data rows.
 *   java bench/HostileClients.java slow-reader PORT PATH TOKEN BYTES_PER_SECOND ABANDON_SECONDS SECONDS
 *       one person (TOKEN) GETs PATH and reads it at BYTES_PER_SECOND, abandoning it after ABANDON_SECONDS, again and
 *       again until SECONDS have passed (a refusal is asked again after half a second); prints one line
 *       "export-slow OUTCOME COUNT" per outcome (200-complete, 200-abandoned, 429, …) for bench/flood.sh.
 *   java bench/HostileClients.java health PORT SECONDS
 *       asks /q/health/ready twice a second; prints the answers by status and the slowest answer.
 * </pre>
 */
public class HostileClients {

    private static final Pattern ROWS = Pattern.compile("^# rows: (\\d+)");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "slow-bodies" -> slowBodies(Integer.parseInt(args[1]), args[2], args[3], Integer.parseInt(args[4]),
                    Duration.ofSeconds(Long.parseLong(args[5])));
            case "slow-readers" -> slowReaders(Integer.parseInt(args[1]), args[2], Files.readAllLines(Path.of(args[3])),
                    Integer.parseInt(args[4]), Duration.ofSeconds(Long.parseLong(args[5])));
            case "slow-reader" -> slowReader(Integer.parseInt(args[1]), args[2], args[3], Integer.parseInt(args[4]),
                    Duration.ofSeconds(Long.parseLong(args[5])), Duration.ofSeconds(Long.parseLong(args[6])));
            case "health" -> health(Integer.parseInt(args[1]), Duration.ofSeconds(Long.parseLong(args[2])));
            default -> throw new IllegalArgumentException("no mode " + args[0]);
        }
    }

    private static void slowBodies(int port, String path, String token, int connections, Duration duration)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        AtomicLong opened = new AtomicLong();
        AtomicLong answeredAfterMillis = new AtomicLong();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections; i++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        String outcome;
                        try (Socket socket = new Socket("127.0.0.1", port)) {
                            socket.setSoTimeout((int) Duration.ofMinutes(2).toMillis());
                            opened.incrementAndGet();
                            OutputStream out = socket.getOutputStream();
                            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                            outcome = answer.isEmpty() ? "closed without an answer"
                                    : answer.substring(0, answer.indexOf('\r') > 0 ? answer.indexOf('\r') : answer.length())
                                            + (answer.contains("\"error\":\"request_timeout\"") ? " request_timeout" : "");
                        } catch (IOException e) {
                            outcome = "failed: " + e.getClass().getSimpleName();
                        }
                        answeredAfterMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                });
            }
        }
        System.out.printf("slow bodies: %d connections opened, answers %s, longest held %d ms%n", opened.get(),
                new TreeMap<>(outcomes), answeredAfterMillis.get());
    }

    private static void slowReaders(int port, String path, List<String> tokens, int bytesPerSecond, Duration duration)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String token : tokens) {
                clients.submit(() -> {
                    outcomes.computeIfAbsent(readSlowly(port, path, token, bytesPerSecond, end), k -> new AtomicLong())
                            .incrementAndGet();
                    return null;
                });
            }
        }
        System.out.printf("slow readers at %d B/s: %s%n", bytesPerSecond, new TreeMap<>(outcomes));
    }

    /** One export read at a bounded rate: "200 complete", "200 incomplete …", "200 still reading", or the status. */
    private static void slowReader(int port, String path, String token, int bytesPerSecond, Duration abandonAfter,
            Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        Map<String, Long> outcomes = new TreeMap<>();
        while (System.nanoTime() < end) {
            String outcome = readSlowly(port, path, token, bytesPerSecond,
                    Math.min(end, System.nanoTime() + abandonAfter.toNanos()));
            outcome = outcome.startsWith("200 still reading") ? "200-abandoned"
                    : outcome.startsWith("200 complete") ? "200-complete" : outcome.replace(' ', '-');
            outcomes.merge(outcome, 1L, Long::sum);
            if (!outcome.startsWith("200")) {
                Thread.sleep(500);
            }
        }
        outcomes.forEach((outcome, count) -> System.out.println("export-slow " + outcome + " " + count));
    }

    private static String readSlowly(int port, String path, String token, int bytesPerSecond, long end) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setReceiveBufferSize(4096);
            socket.setSoTimeout((int) Duration.ofMinutes(2).toMillis());
            // HTTP/1.0: the answer is the file as it is, no chunk framing, and the connection ends with it.
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream throttled = new Throttled(socket.getInputStream(), bytesPerSecond, end);
            BufferedReader lines = new BufferedReader(new InputStreamReader(throttled, StandardCharsets.UTF_8), 1024);
            String status = lines.readLine();
            if (status == null) {
                return "closed without an answer";
            }
            String code = status.split(" ")[1];
            String header;
            do {
                header = lines.readLine();
            } while (header != null && !header.isEmpty());
            if (!code.equals("200")) {
                return code;
            }
            long announced = -1;
            long dataRows = -1; // the header line is not a data row
            boolean insideQuotes = false; // a quoted cell may hold a line break: one record, several lines
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher rows = ROWS.matcher(line);
                if (!insideQuotes && rows.find()) {
                    announced = Long.parseLong(rows.group(1));
                } else if (insideQuotes || (!line.startsWith("#") && !line.isEmpty())) {
                    dataRows += insideQuotes ? 0 : 1;
                    insideQuotes ^= line.chars().filter(c -> c == '"').count() % 2 == 1;
                }
            }
            return announced >= 0 && announced == dataRows ? "200 complete"
                    : "200 incomplete (" + dataRows + " rows of " + announced + ")";
        } catch (DeadlineReached e) {
            return "200 still reading at the end";
        } catch (IOException e) {
            return "failed: " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }

    private static void health(int port, Duration duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Integer> statuses = new TreeMap<>();
        List<Long> millis = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            long started = System.nanoTime();
            String status;
            try {
                status = String.valueOf(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException e) {
                status = "failed: " + e.getClass().getSimpleName();
            }
            millis.add((System.nanoTime() - started) / 1_000_000);
            statuses.merge(status, 1, Integer::sum);
            Thread.sleep(Math.max(0, 500 - (System.nanoTime() - started) / 1_000_000));
        }
        System.out.printf("health: %s, slowest answer %d ms%n", statuses, millis.stream().mapToLong(m -> m).max()
                .orElse(0));
    }

    private static final class DeadlineReached extends IOException {
    }

    /** Reads at most {@code bytesPerSecond}, in small steps; past {@code end} it stops with DeadlineReached. */
    private static final class Throttled extends InputStream {
        private final InputStream in;
        private final int bytesPerSecond;
        private final long end;
        private final long started = System.nanoTime();
        private long read;

        Throttled(InputStream in, int bytesPerSecond, long end) {
            this.in = in;
            this.bytesPerSecond = bytesPerSecond;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (System.nanoTime() > end) {
                throw new DeadlineReached();
            }
            long due = started + read * 1_000_000_000L / bytesPerSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            int n = in.read(buffer, offset, Math.min(length, 1024));
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
