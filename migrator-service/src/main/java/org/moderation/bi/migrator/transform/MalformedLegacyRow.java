package org.moderation.bi.migrator.transform;

/** A legacy value no rule can interpret; the row is quarantined under {@code reasonCode} and retried next run. */
public final class MalformedLegacyRow extends Exception {

    private final String reasonCode;

    public MalformedLegacyRow(String reasonCode, String detail) {
        super(detail, null, false, false);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
