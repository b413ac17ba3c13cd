package org.moderation.bi.dashboard.submissions;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.engine.Submissions;
import org.moderation.bi.shared.api.ApiException;

/**
 * The {@code after} cursor of a listing: where the previous page ended (its last row's time, in microseconds, and
 * submission id), opaque to clients. A cursor that does not decode, or points outside the list's window, is a 400,
 * never a wrong page or a database error.
 */
final class ListCursor {

    private ListCursor() {
    }

    static String encode(Submissions.Position position) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.time());
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "." + position.submissionId()).getBytes(StandardCharsets.US_ASCII));
    }

    /** A position inside {@code window}: the last row of a page of this list, whose times all lie in it. */
    static Submissions.Position decode(String cursor, TimeWindow window) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.");
            if (parts.length != 2) {
                throw new IllegalArgumentException("two parts");
            }
            Instant time = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
            if (time.isBefore(window.from()) || !time.isBefore(window.to())) {
                throw new IllegalArgumentException("outside the window");
            }
            return new Submissions.Position(time, Long.parseLong(parts[1]));
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw new ApiException(400, "bad_request", "after '" + cursor + "' is not a cursor this service gave: "
                    + "use the next value of the previous page");
        }
    }
}
