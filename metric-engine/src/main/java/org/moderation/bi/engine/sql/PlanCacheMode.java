package org.moderation.bi.engine.sql;

/**
 * How PostgreSQL plans a snapshot's statements: its {@code plan_cache_mode}, local to the snapshot's transaction.
 * {@link #CUSTOM} is the snapshot's default: a statement over the facts reads a day or ten years with the same text,
 * and only its values tell which plan fits. A statement whose reads are small whatever its values is
 * {@link #GENERIC}: planned once per pooled connection instead of at every request (planning the year's overview cost
 * PostgreSQL about a fifth of the statement); it sets the default back after itself, in the same round trip.
 */
public enum PlanCacheMode {
    CUSTOM("force_custom_plan"),
    GENERIC("force_generic_plan");

    private final String setting;

    PlanCacheMode(String setting) {
        this.setting = setting;
    }

    /** A statement without placeholders that makes the transaction's next statements planned this way. */
    public String statement() {
        return "SELECT " + setting();
    }

    /** The same as an expression, for a statement that sets more. */
    public String setting() {
        return "set_config('plan_cache_mode', '" + setting + "', true)";
    }
}
