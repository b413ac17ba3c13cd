package org.moderation.bi.dashboard.export;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.PathPart;

import io.vertx.ext.web.RoutingContext;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.rest.CallerSlots;
import org.moderation.bi.dashboard.rest.CsvAnswer;
import org.moderation.bi.dashboard.rest.TooManyAtOnce;
import org.moderation.bi.shared.api.ApiException;

/**
 * Whole-list CSV exports that never hold a database connection while a client reads: the rows are spooled to a file
 * at the database's pace, the connection goes back to the pool, and Vert.x sends the file (sendFile: no thread waits
 * on a slow socket). An export holds its slot ({@link CallerSlots}) and its file until both its spooling and its
 * response have ended, whichever ends last; then the file is deleted. A download that moves nothing for
 * {@code bi.exports.stall-timeout} is closed ({@link StallWatch}).
 */
@ApplicationScoped
public class CsvExports {

    /**
     * Room at the file's start for the comments and the header, written there once the rows are counted, so the rows
     * are never copied; an unwritten hole costs no disk. They take a few KiB: a metric's description is at most 2,000
     * characters, a request line at most 4 KiB.
     */
    private static final int PREAMBLE_ROOM = 64 * 1024;

    /** Writes every row of an export, read in one snapshot; answers the comment lines that say what they are. */
    @FunctionalInterface
    public interface Spooler {
        List<String> spool(CsvAnswer.Rows rows) throws SQLException, IOException;
    }

    private final CallerSlots slots;
    private final ExportSpool spool;
    private final long maxBytes;
    private final Duration stallAfter;

    public CsvExports(ExportSpool spool, BiConfig config) {
        BiConfig.Exports limits = config.exports();
        this.slots = new CallerSlots("exports", "too_many_exports", limits.perCaller(), limits.overall(),
                limits.perCallerAMinute(), limits.retryAfter());
        this.spool = spool;
        this.maxBytes = config.exports().maxSize().asLongValue();
        this.stallAfter = config.exports().stallTimeout();
    }

    /**
     * The export as an answer whose body Vert.x sends from the spooled file.
     *
     * @throws TooManyAtOnce when the caller or the service already runs as many exports as it may
     */
    public Response send(String caller, RoutingContext request, String filename, List<String> header,
            Spooler spooler) throws SQLException, IOException {
        slots.take(caller);
        Path file;
        try {
            file = spool.create();
        } catch (RuntimeException e) {
            slots.release(caller);
            throw e;
        }
        var held = new Held(caller, file);
        var stall = new StallWatch(stallAfter);
        request.addEndHandler(ended -> {
            stall.stop();
            held.answered();
        });
        if (request.response().ended() || request.response().closed()) {
            // Ended before the handler was added (the client left at once): it would never be called.
            held.answered();
        }
        try {
            PathPart body = write(file, header, spooler);
            // Watched from here: while the rows are spooled, nothing is sent and nothing is stalled.
            stall.watch(request);
            return CsvAnswer.attachment(filename, body);
        } finally {
            held.spooled();
        }
    }

    private PathPart write(Path file, List<String> header, Spooler spooler) throws SQLException, IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.position(PREAMBLE_ROOM);
            Writer writer = new BufferedWriter(new OutputStreamWriter(
                    new Capped(Channels.newOutputStream(channel), maxBytes), StandardCharsets.UTF_8));
            var rows = new CsvAnswer.Rows(writer);
            List<String> comments = spooler.spool(rows);
            writer.flush();
            ByteBuffer preamble = ByteBuffer.wrap(CsvAnswer.preamble(comments, rows.count(), header)
                    .getBytes(StandardCharsets.UTF_8));
            if (preamble.remaining() > PREAMBLE_ROOM) {
                throw new IllegalStateException("an export's comments and header take " + preamble.remaining()
                        + " bytes, more than the " + PREAMBLE_ROOM + " kept for them");
            }
            long start = PREAMBLE_ROOM - preamble.remaining();
            for (long at = start; preamble.hasRemaining(); ) {
                at += channel.write(preamble, at);
            }
            return new PathPart(file, start, channel.size() - start);
        } catch (TooLarge e) {
            throw new ApiException(400, "result_too_large", "the export is larger than " + maxBytes + " bytes "
                    + "(bi.exports.max-size); narrow the window or add filters");
        }
    }

    /** A slot and a file, given back once both the spooling and the response have ended. */
    private final class Held {

        private final String caller;
        private final Path file;
        private final AtomicInteger ongoing = new AtomicInteger(2);
        private final AtomicBoolean answered = new AtomicBoolean();

        Held(String caller, Path file) {
            this.caller = caller;
            this.file = file;
        }

        void spooled() {
            end();
        }

        void answered() {
            if (answered.compareAndSet(false, true)) {
                end();
            }
        }

        private void end() {
            if (ongoing.decrementAndGet() == 0) {
                slots.release(caller);
                spool.delete(file);
            }
        }
    }

    /** Refuses to write past the largest export allowed. */
    private static final class Capped extends FilterOutputStream {

        private final long max;
        private long written;

        Capped(OutputStream out, long max) {
            super(out);
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            count(length);
            out.write(bytes, offset, length);
        }

        private void count(int bytes) throws TooLarge {
            written += bytes;
            if (written > max) {
                throw new TooLarge();
            }
        }
    }

    private static final class TooLarge extends IOException {
    }
}
