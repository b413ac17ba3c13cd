package org.moderation.bi.engine.snapshot;

import java.time.Duration;

/** A read-model statement ran past its time limit and was cancelled by PostgreSQL. */
public class QueryTimedOut extends RuntimeException {

    public QueryTimedOut(Duration limit) {
        super("the read model did not answer within " + limit.toMillis() + " ms; narrow the window or try again later");
    }
}
