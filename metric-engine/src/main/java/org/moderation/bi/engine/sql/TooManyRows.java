package org.moderation.bi.engine.sql;

/** A statement found more rows than its caller accepts: an answer cut short would look complete. */
public class TooManyRows extends RuntimeException {

    private final int limit;

    public TooManyRows(int limit) {
        super("more than " + limit + " rows");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
