package org.moderation.bi.migrator.load;

import java.sql.SQLException;

import org.moderation.bi.migrator.transform.TransformResult;

/**
 * Tells a database refusal of a value (data exception, constraint violation, a value past a program limit such as
 * the index row size) from a failure of the database itself, which must stop the run instead.
 */
final class RejectedValue {

    private RejectedValue() {
    }

    static boolean is(SQLException e) {
        String state = state(e);
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /** The quarantine entry for a post the database refused, with its words cut short (some quote the value). */
    static TransformResult.Quarantined quarantine(TransformResult post, SQLException e) {
        String message = "SQLSTATE " + state(e) + ": " + e.getMessage();
        return new TransformResult.Quarantined(post.legacyId(), "WRITE_REJECTED",
                message.length() <= 500 ? message : message.substring(0, 500) + "…");
    }

    private static String state(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
