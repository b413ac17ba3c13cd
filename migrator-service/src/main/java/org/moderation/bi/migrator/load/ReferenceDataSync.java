package org.moderation.bi.migrator.load;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.migrator.legacy.LegacyPostWithReports;
import org.moderation.bi.migrator.legacy.LegacyReferenceData;
import org.moderation.bi.migrator.legacy.LegacyReferenceReader;
import org.moderation.bi.migrator.legacy.LegacySnapshot;

/**
 * Keeps communities and users in the target ahead of the posts that refer to them: loaded at the start of every
 * run, and again whenever a page refers to one created since (a reporter who signed up during a long load), so a
 * post never loses its community or submitter to timing.
 */
@ApplicationScoped
public class ReferenceDataSync {

    private final LegacyReferenceReader reader;
    private final ChunkCommitter committer;
    private final Set<Long> communities = ConcurrentHashMap.newKeySet();
    private final Set<Long> users = ConcurrentHashMap.newKeySet();

    public ReferenceDataSync(LegacyReferenceReader reader, ChunkCommitter committer) {
        this.reader = reader;
        this.committer = committer;
    }

    /** @return whether a community or user was added or changed (their names and slugs are in the read model) */
    public boolean load(long runId) throws SQLException {
        return load(runId, reader.read());
    }

    /** As in the snapshot a reconciliation makes the target equal to. */
    boolean load(long runId, LegacySnapshot snapshot) throws SQLException {
        return load(runId, reader.read(snapshot));
    }

    private boolean load(long runId, LegacyReferenceData data) throws SQLException {
        int changed = committer.commitReferenceData(runId, data);
        communities.clear();
        users.clear();
        data.communities().forEach(c -> communities.add(c.id()));
        data.users().forEach(u -> users.add(u.id()));
        return changed > 0;
    }

    /** Loads the reference data again if this page refers to a community or user the target does not have yet. */
    void ensureKnown(long runId, List<LegacyPostWithReports> page) throws SQLException {
        boolean unknown = page.stream().anyMatch(p -> missing(p.post().communityId(), communities)
                || missing(p.post().submittedBy(), users)
                || p.reports().stream().anyMatch(r -> missing(r.reportedBy(), users)));
        if (unknown) {
            load(runId);
        }
    }

    private static boolean missing(Integer legacyId, Set<Long> known) {
        return legacyId != null && !known.contains(legacyId.longValue());
    }
}
