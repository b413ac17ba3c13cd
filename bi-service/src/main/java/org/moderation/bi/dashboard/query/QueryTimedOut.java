package org.moderation.bi.dashboard.query;

import java.time.Duration;

/** A read-model query ran longer than the statement timeout and was cancelled. */
public class QueryTimedOut extends RuntimeException {

    public QueryTimedOut(Duration timeout) {
        super("the query took longer than " + timeout.toMillis() + " ms and was cancelled; try a shorter window");
    }
}
