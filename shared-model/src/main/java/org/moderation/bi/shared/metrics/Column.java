package org.moderation.bi.shared.metrics;

import java.util.Arrays;
import java.util.Optional;

/**
 * The whitelist of what a metric may read: the columns of the read model {@code mv_submission_facts} under their
 * language names. A name that is not here cannot be written in a definition, so it can never reach SQL.
 */
public enum Column {
    SUBMISSION_ID("submission_id", Kind.IDENTITY, Type.ID),
    COMMUNITY("community", Kind.DIMENSION, Type.STRING),
    PLATFORM("platform", Kind.DIMENSION, Type.STRING),
    PLATFORM_DETAIL("platform_detail", Kind.DIMENSION, Type.STRING),
    STATUS("status", Kind.DIMENSION, Type.STRING),
    TAKEDOWN_SOURCE("takedown_source", Kind.DIMENSION, Type.STRING),
    SUBMITTED_AT("submitted_at", Kind.TIME, Type.TIMESTAMP),
    EFFECTIVE_TAKEDOWN_AT("effective_takedown_at", Kind.TIME, Type.TIMESTAMP),
    /** Has an effective takedown time up to now: the legacy README's "removed", as the removal rate counts it. */
    TAKEN_DOWN("taken_down", Kind.FLAG, Type.BOOLEAN),
    REPORT_COUNT("report_count", Kind.MEASURE, Type.NUMBER),
    HASHTAG_COUNT("hashtag_count", Kind.MEASURE, Type.NUMBER),
    ANALYSIS_SCORE("analysis_score", Kind.MEASURE, Type.NUMBER),
    /** Seconds from submission to effective takedown; null when there is none. */
    TIME_TO_TAKEDOWN("time_to_takedown", Kind.MEASURE, Type.DURATION);

    /** What a column is for: grouping (dimension), anchoring a metric in time, or measuring. */
    public enum Kind { IDENTITY, DIMENSION, TIME, FLAG, MEASURE }

    public enum Type { ID, STRING, TIMESTAMP, BOOLEAN, NUMBER, DURATION }

    private final String jsonName;
    private final Kind kind;
    private final Type type;

    Column(String jsonName, Kind kind, Type type) {
        this.jsonName = jsonName;
        this.kind = kind;
        this.type = type;
    }

    public String jsonName() {
        return jsonName;
    }

    public Kind kind() {
        return kind;
    }

    public Type type() {
        return type;
    }

    public boolean numeric() {
        return type == Type.NUMBER || type == Type.DURATION;
    }

    /** Exact, case-sensitive match: look-alike spellings are unknown columns, not guesses. */
    public static Optional<Column> named(String name) {
        return Arrays.stream(values()).filter(c -> c.jsonName.equals(name)).findFirst();
    }
}
