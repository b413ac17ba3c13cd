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

    /**
     * Before a run writes anything: a legacy database with fewer posts than the target has live submissions lacks at
     * least the difference, whatever else the reconciliation would find. Refused here, the run changed nothing at all.
     */
    Optional<String> beforeWriting(long legacyPosts, long liveSubmissions, String legacyDatabase) {
        long atLeastGone = Math.max(0, liveSubmissions - legacyPosts);
        return refusal(new Deletions(atLeastGone, liveSubmissions, 0, 0, legacyPosts > 0, legacyDatabase),
                "at least ", "nothing was changed");
    }

    /**
     * After the reconciliation compared everything: the deletions it found. The posts the run loaded or rewrote from
     * that database before stay until a run against the right one re-syncs them; nothing is deleted.
     */
    Optional<String> beforeDeleting(Deletions deletions) {
        return refusal(deletions, "", "nothing was deleted");
    }

    private Optional<String> refusal(Deletions d, String bound, String outcome) {
        String counts = String.format("%s%,d of %,d live submissions", bound, d.submissions(), d.liveSubmissions())
                + (d.liveReports() == 0 ? "" : String.format(" and %,d of %,d live reports", d.reports(),
                d.liveReports()));
        if (!d.legacyHasPosts() && d.liveSubmissions() > 0) {
            return Optional.of("the legacy database " + d.legacyDatabase() + " has no posts at all, so this run would "
                    + "soft-delete " + counts + "; " + outcome);
        }
        if (tooMany(d.submissions(), d.liveSubmissions()) || tooMany(d.reports(), d.liveReports())) {
            return Optional.of(String.format("the legacy database %s lacks %s (more than the %.1f %% a run may "
                    + "delete); %s", d.legacyDatabase(), counts, maxShare * 100, outcome));
        }
        return Optional.empty();
    }

    private boolean tooMany(long gone, long live) {
        return gone > 0 && gone > maxShare * live;
    }
}
