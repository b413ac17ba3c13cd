package org.moderation.bi.engine;

import java.time.Duration;

/**
 * The engine's one refusal: a question it will not answer as asked. {@link #reason()} says which; the message says
 * it in words a person acts on (no SQL, no class names). Every service maps it in one place.
 */
public final class Refused extends RuntimeException {

    public enum Reason {
        /** PostgreSQL cancelled a statement at the snapshot's time limit: a dependency too slow, to retry later. */
        TIMED_OUT,
        /** The answer has more rows than the question allows: an answer cut short would look complete. */
        TOO_MANY_ROWS,
        /** A derived metric's references nest deeper than the language allows. */
        TOO_DEEP
    }

    private final Reason reason;

    private Refused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    static Refused timedOut(Duration limit) {
        return new Refused(Reason.TIMED_OUT, "the read model did not answer within " + limit.toMillis()
                + " ms; narrow the window or try again later");
    }

    static Refused tooManyRows(int limit) {
        return new Refused(Reason.TOO_MANY_ROWS, "the answer has more than " + limit
                + " rows; use a coarser grain, fewer groups or a shorter window");
    }

    static Refused tooDeep() {
        return new Refused(Reason.TOO_DEEP, "derived metrics nest too deeply to compute");
    }

    public Reason reason() {
        return reason;
    }
}
