package org.moderation.bi.dashboard.rest;

import java.io.IOException;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.api.dashboard.ScopeView;

/**
 * CSV answers: chosen with {@code format=csv} or {@code Accept: text/csv}; what the numbers are (window, scope, read
 * model version, the rule) in {@code #} comment lines above the header, the last one {@code rows: N}. Every text cell
 * and comment is made safe for spreadsheets ({@link SpreadsheetSafe}).
 */
public final class CsvAnswer {

    public static final String MEDIA_TYPE = "text/csv";
    public static final String MEDIA_TYPE_UTF8 = MEDIA_TYPE + "; charset=UTF-8";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#')
            .setRecordSeparator("\n").get();

    /** Writes the rows of an answer. */
    @FunctionalInterface
    public interface RowWriter {
        void write(Rows rows) throws IOException;
    }

    /** The rows of an answer, as they are written: counted, every text cell made safe. */
    public static final class Rows {

        private final CSVPrinter printer;
        private long count;

        public Rows(Appendable out) throws IOException {
            this.printer = new CSVPrinter(out, FORMAT);
        }

        public void write(Object... cells) throws IOException {
            var safe = new Object[cells.length];
            for (int i = 0; i < cells.length; i++) {
                safe[i] = SpreadsheetSafe.cell(cells[i]);
            }
            printer.printRecord(safe);
            count++;
        }

        public long count() {
            return count;
        }
    }

    private CsvAnswer() {
    }

    /** Whether the caller asked for CSV: {@code format} first (json or csv), else the Accept header. */
    public static boolean wanted(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new ApiException(400, "bad_request", "format '" + format + "' is not json or csv");
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (type.isCompatible(MediaType.valueOf(MEDIA_TYPE))) {
                return true;
            }
        }
        return false;
    }

    /** A small answer, written whole before it is sent: the comments, {@code rows: N}, the header, the rows. */
    public static Response of(String filename, List<String> comments, List<String> header, RowWriter writer)
            throws IOException {
        var text = new StringBuilder();
        var rows = new Rows(text);
        writer.write(rows);
        return attachment(filename, preamble(comments, rows.count(), header) + text);
    }

    /** What goes above the rows once they are counted: the comment lines, {@code rows: N} last, and the header. */
    public static String preamble(List<String> comments, long rows, List<String> header) throws IOException {
        var preamble = new StringBuilder();
        var printer = new CSVPrinter(preamble, FORMAT);
        for (String comment : comments) {
            printer.printComment(SpreadsheetSafe.comment(comment));
        }
        printer.printComment("rows: " + rows);
        new Rows(preamble).write(header.toArray());
        return preamble.toString();
    }

    public static Response attachment(String filename, Object body) {
        return Response.ok(body, MEDIA_TYPE_UTF8)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    /** The comment lines every answer carries: its window, the scope applied, and the read model's version. */
    public static List<String> context(OverviewView.Window window, ScopeView scope, OverviewView.Freshness readModel) {
        return List.of("window: [" + window.from() + ", " + window.to() + ")",
                "scope: " + scope.role() + ", " + (scope.allCommunities() ? "every community"
                        : "communities " + (scope.communities().isEmpty() ? "none" : String.join(" ", scope.communities()))),
                "read model: " + (readModel.version() == null ? "version not read yet"
                        : "version " + readModel.version() + ", last change " + readModel.changedAt()));
    }
}
