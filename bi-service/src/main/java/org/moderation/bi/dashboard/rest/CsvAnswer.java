package org.moderation.bi.dashboard.rest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.dashboard.OverviewView;
import org.moderation.bi.shared.api.dashboard.ScopeView;

/**
 * CSV answers: chosen with {@code format=csv} or {@code Accept: text/csv}; what the numbers are (window, scope, read
 * model version, the rule) in {@code #} comment lines above the header; rows written as they come, so an export of
 * any length is never held in memory. A cell that a spreadsheet would run as a formula is quoted as text.
 */
public final class CsvAnswer {

    public static final String MEDIA_TYPE = "text/csv";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#')
            .setRecordSeparator("\n").get();

    /** Writes the rows of an answer; called while the response streams. */
    @FunctionalInterface
    public interface Rows {
        void write(CSVPrinter printer) throws Exception;
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

    public static Response of(String filename, List<String> comments, List<String> header, Rows rows) {
        StreamingOutput body = output -> {
            Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            try (CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
                for (String comment : comments) {
                    printer.printComment(comment);
                }
                printer.printRecord(header);
                rows.write(printer);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("the export stopped: " + e.getMessage(), e);
            }
        };
        return Response.ok(body, MEDIA_TYPE + "; charset=UTF-8")
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

    /** A value as a cell: text that starts like a formula (=, +, -, @, tab, CR) is prefixed with a quote. */
    public static Object cell(Object value) {
        if (value instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }
}
