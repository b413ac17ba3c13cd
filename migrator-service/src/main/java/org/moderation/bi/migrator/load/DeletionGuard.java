package org.moderation.bi.migrator.load;

import java.util.Optional;

/**
 * Whether a run may soft-delete what it found gone. A legacy database without any post, or one that lacks more than
 * {@code maxShare} of the live submissions or reports, is far likelier a wrong URL, a fresh branch or a restore in
 * progress than a real clean-up: such a run deletes nothing and says why, unless an operator allows it.
 */
record DeletionGuard(double maxShare) {

    /** What the reconciliation would soft-delete, out of what is live, and what it read it from. */
    record Deletions(long submissions, long liveSubmissions, long reports, long liveReports, boolean legacyHasPosts,
            String legacyDatabase) {
    }

    /** @return why the deletions must not happen, or empty when they may */
    Optional<String> refusal(Deletions d) {
        String counts = String.format("%,d of %,d live submissions and %,d of %,d live reports", d.submissions(),
                d.liveSubmissions(), d.reports(), d.liveReports());
        if (!d.legacyHasPosts() && d.liveSubmissions() > 0) {
            return Optional.of("the legacy database " + d.legacyDatabase() + " has no posts at all, so this run would "
                    + "soft-delete " + counts + "; nothing was changed");
        }
        if (tooMany(d.submissions(), d.liveSubmissions()) || tooMany(d.reports(), d.liveReports())) {
            return Optional.of(String.format("the legacy database %s lacks %s (more than the %.1f %% a run may "
                    + "delete); nothing was changed", d.legacyDatabase(), counts, maxShare * 100));
        }
        return Optional.empty();
    }

    private boolean tooMany(long gone, long live) {
        return gone > 0 && gone > maxShare * live;
    }
}
