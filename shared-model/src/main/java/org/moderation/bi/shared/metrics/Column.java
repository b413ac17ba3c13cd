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
    /** The post's category codes (many per submission). */
    CATEGORY("category", Kind.DIMENSION, Type.STRING, true),
    /** The post's hashtags, without '#' (many per submission). */
    HASHTAG("hashtag", Kind.DIMENSION, Type.STRING, true),
    /** The channels of the submission's reports (many per submission). */
    REPORT_CHANNEL("report_channel", Kind.DIMENSION, Type.STRING, true),
    /** The channel of the report whose takedown is the effective one; none for a legacy-fallback takedown. */
    TAKEDOWN_CHANNEL("takedown_channel", Kind.DIMENSION, Type.STRING),
    /** The post's language (the legacy {@code extra.language}); none where it was not recorded. */
    LANGUAGE("language", Kind.DIMENSION, Type.STRING),
    /** The label the classifier was surest of (both analysis shapes); none without an analysis or a label. */
    CLASSIFIER_LABEL("classifier_label", Kind.DIMENSION, Type.STRING),
    SUBMITTED_AT("submitted_at", Kind.TIME, Type.TIMESTAMP),
    EFFECTIVE_TAKEDOWN_AT("effective_takedown_at", Kind.TIME, Type.TIMESTAMP),
    /** Has an effective takedown time up to now: the legacy README's "removed", as the removal rate counts it. */
    TAKEN_DOWN("taken_down", Kind.FLAG, Type.BOOLEAN),
    REPORT_COUNT("report_count", Kind.MEASURE, Type.NUMBER),
    HASHTAG_COUNT("hashtag_count", Kind.MEASURE, Type.NUMBER),
    ANALYSIS_SCORE("analysis_score", Kind.MEASURE, Type.NUMBER),
    /** Seconds from submission to effective takedown; null when there is none. */
    TIME_TO_TAKEDOWN("time_to_takedown", Kind.MEASURE, Type.DURATION),
    /**
     * Seconds from the report whose takedown is the effective one to that takedown: how fast a channel got content
     * removed; null for a legacy-fallback takedown and without one.
     */
    REPORT_TO_TAKEDOWN("report_to_takedown", Kind.MEASURE, Type.DURATION);

    /** What a column is for: grouping (dimension), anchoring a metric in time, or measuring. */
    public enum Kind { IDENTITY, DIMENSION, TIME, FLAG, MEASURE }

    public enum Type { ID, STRING, TIMESTAMP, BOOLEAN, NUMBER, DURATION }

    private final String jsonName;
    private final Kind kind;
    private final Type type;
    private final boolean manyValued;

    Column(String jsonName, Kind kind, Type type) {
        this(jsonName, kind, type, false);
    }

    Column(String jsonName, Kind kind, Type type, boolean manyValued) {
        this.jsonName = jsonName;
        this.kind = kind;
        this.type = type;
        this.manyValued = manyValued;
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

    /**
     * A submission holds a set of values of it (possibly none): a filter asks whether it has (any, none or all of)
     * some values, and grouping by it counts the submission once per value it has.
     */
    public boolean manyValued() {
        return manyValued;
    }

    public boolean numeric() {
        return type == Type.NUMBER || type == Type.DURATION;
    }

    /** Exact, case-sensitive match: look-alike spellings are unknown columns, not guesses. */
    public static Optional<Column> named(String name) {
        return Arrays.stream(values()).filter(c -> c.jsonName.equals(name)).findFirst();
    }

    /** A name validation has already accepted (it refused every other): a programming error otherwise. */
    public static Column validated(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException("not a validated column: " + name));
    }
}
