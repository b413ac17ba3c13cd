package org.moderation.bi.migrator.legacy;

/**
 * The one SQL expression both sides hash content versions with, so that equal versions hash alike on the legacy
 * database and on the target: a 64-bit hash of {@code (post id, updated_at)} and of {@code (report id, post id,
 * updated_at)}, summed per bucket (a sum does not depend on row order). Timestamps enter through
 * {@code date_part('epoch', …)}, a double on every PostgreSQL version and in any session time zone ({@code extract}
 * turned numeric in PostgreSQL 14, and the legacy server may be older than the target).
 */
public final class ContentHash {

    private ContentHash() {
    }

    /** @param id, updatedAt SQL column expressions of the querying side (constants of its queries) */
    public static String post(String id, String updatedAt) {
        return "hashint8extended(" + id + ", " + micros(updatedAt) + ")";
    }

    public static String report(String id, String postId, String updatedAt) {
        return "hashint8extended(" + id + ", hashint8extended(" + postId + ", " + micros(updatedAt) + "))";
    }

    private static String micros(String time) {
        return "(date_part('epoch', " + time + ") * 1000000)::bigint";
    }
}
