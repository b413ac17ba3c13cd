package org.moderation.bi.migrator.validation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.TreeMap;

/** Counts {@link BusinessFigures} over a stream of facts; the same counting for both sides. */
final class FiguresAccumulator {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final OffsetDateTime windowFrom;
    private final OffsetDateTime asOf;
    private long submissions;
    private long removed;
    private final TreeMap<String, Long> removedByMonth = new TreeMap<>();
    private final TreeMap<String, Long> removedBySource = new TreeMap<>();
    private final TreeMap<String, Long> byCommunity = new TreeMap<>();
    private long windowSubmitted;
    private long windowRemoved;
    private long removedStatusWithoutTakedown;

    FiguresAccumulator(OffsetDateTime windowFrom, OffsetDateTime asOf) {
        this.windowFrom = windowFrom;
        this.asOf = asOf;
    }

    void add(SubmissionFact fact) {
        submissions++;
        byCommunity.merge(fact.community() == null ? BusinessFigures.NO_COMMUNITY : fact.community(), 1L, Long::sum);
        if (fact.takedownAt() != null) {
            removed++;
            removedByMonth.merge(MONTH.format(fact.takedownAt().withOffsetSameInstant(ZoneOffset.UTC)), 1L, Long::sum);
            removedBySource.merge(String.valueOf(fact.source()), 1L, Long::sum);
        } else if ("removed".equals(fact.status())) {
            removedStatusWithoutTakedown++;
        }
        if (!fact.createdAt().isBefore(windowFrom) && fact.createdAt().isBefore(asOf)) {
            windowSubmitted++;
            if (fact.takedownAt() != null && !fact.takedownAt().isAfter(asOf)) {
                windowRemoved++;
            }
        }
    }

    BusinessFigures figures() {
        return new BusinessFigures(submissions, removed, removedByMonth, removedBySource,
                new BusinessFigures.RemovalRate(windowFrom.toInstant().toString(), asOf.toInstant().toString(),
                        windowSubmitted, windowRemoved),
                byCommunity, removedStatusWithoutTakedown);
    }
}
