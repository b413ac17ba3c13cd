package org.moderation.bi.engine;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The read-model version of the last change to each community's facts in each UTC month of a span, as one snapshot
 * saw it: an answer over a window within some communities stays exact for as long as {@link #of} stays.
 */
public final class PartitionVersions {

    private record Partition(LocalDate month, String community, long version) {
    }

    private final List<Partition> partitions;

    private PartitionVersions(List<Partition> partitions) {
        this.partitions = partitions;
    }

    static PartitionVersions read(Snapshot snapshot, Instant from, Instant to) throws SQLException {
        try (var statement = snapshot.connection().prepareStatement("""
                SELECT p.month, c.slug, p.version
                FROM read_model_partitions p LEFT JOIN communities c ON c.id = p.community_id
                WHERE p.month >= ? AND p.month < ?""")) {
            statement.setObject(1, Snapshots.firstMonth(from));
            statement.setObject(2, Snapshots.monthAfter(to));
            var partitions = new ArrayList<Partition>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    partitions.add(new Partition(rows.getObject(1, LocalDate.class), rows.getString(2),
                            rows.getLong(3)));
                }
            }
            return new PartitionVersions(List.copyOf(partitions));
        }
    }

    static List<String> communitiesChangedSince(Snapshot snapshot, long version) throws SQLException {
        try (var statement = snapshot.connection().prepareStatement("""
                SELECT DISTINCT c.slug FROM read_model_partitions p LEFT JOIN communities c ON c.id = p.community_id
                WHERE p.version > ?""")) {
            statement.setLong(1, version);
            var slugs = new ArrayList<String>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    slugs.add(rows.getString(1));
                }
            }
            return slugs;
        }
    }

    /**
     * The version of the last change to the facts of these communities (empty: every community, and submissions
     * without one) in the UTC months [from, to) touches; 0: none since they were first counted. Only months within the
     * span these versions were read for are seen.
     */
    public long of(Instant from, Instant to, Collection<String> communities) {
        LocalDate first = Snapshots.firstMonth(from);
        LocalDate after = Snapshots.monthAfter(to);
        return partitions.stream()
                .filter(p -> !p.month().isBefore(first) && p.month().isBefore(after))
                .filter(p -> communities.isEmpty() || p.community() != null && communities.contains(p.community()))
                .mapToLong(Partition::version).max().orElse(0);
    }
}
