package org.moderation.bi.legacy.generator;

import static org.moderation.bi.legacy.generator.Timeline.DAY;
import static org.moderation.bi.legacy.generator.Timeline.HOUR;
import static org.moderation.bi.legacy.generator.Timeline.MINUTE;
import static org.moderation.bi.legacy.generator.Timeline.earliest;
import static org.moderation.bi.legacy.generator.Timeline.later;
import static org.moderation.bi.legacy.generator.Timeline.latest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What happened to a post after submission: its status, the legacy removed_at and its reports.
 * This is where quirk 1 (takedowns in two places) and the silent 2021 removals of quirk 7 live.
 */
final class TakedownHistory {

    static final String NEW = "new";
    static final String IN_REVIEW = "in_review";
    static final String REPORTED = "reported";
    static final String REMOVED = "removed";
    static final String REJECTED = "rejected";
    static final String DUPLICATE = "duplicate";

    record Result(String status, Instant removedAt, List<LegacyReport> reports, Instant lastActivity) {
    }

    /** A report before it gets its id: ids are handed out in reported_at order. */
    private record Filing(Instant reportedAt, String outcome, Instant takenDownAt) {
    }

    private final Roster roster;
    private final Instant now;
    private final Chance chance;

    TakedownHistory(Roster roster, Instant now, Chance chance) {
        this.roster = roster;
        this.now = now;
        this.chance = chance;
    }

    Result build(long postId, Instant created, LongSupplier reportIds) {
        if (created.isBefore(Timeline.REPORT_FLOW_START)) {
            return legacyEra(postId, created, reportIds);
        }
        if (chance.chance(0.41)) {
            Instant firstReport = earliest(now, later(created, reportDelay()));
            Instant takedown = later(firstReport, takedownDelay());
            if (!takedown.isAfter(now)) {
                return reportFlow(postId, created, firstReport, takedown, reportIds);
            }
        }
        return notRemoved(postId, created, reportIds);
    }

    /** Before March 2024 a takedown was written to posts.removed_at only. */
    private Result legacyEra(long postId, Instant created, LongSupplier reportIds) {
        if (!chance.chance(0.42)) {
            return notRemoved(postId, created, reportIds);
        }
        if (created.isBefore(Timeline.IMPORT_END) && chance.chance(0.22)) {
            // quirk 7: imported as 'removed' with no timestamp anywhere
            return withoutTakedownTime(postId, created, REMOVED, chance.between(0, 2), reportIds, true);
        }
        Instant removal = later(created, removalDelay());
        if (removal.isAfter(now)) {
            return notRemoved(postId, created, reportIds);
        }
        if (!removal.isBefore(Timeline.REPORT_FLOW_START)) {
            // removed after the switch: the new flow recorded it on the report
            Instant firstReport = Timeline.between(created, earliest(removal, later(created, 3 * DAY)), chance);
            return reportFlow(postId, created, firstReport, removal, reportIds);
        }
        List<Filing> filings = new ArrayList<>();
        int reports = chance.weighted(30, 50, 20);
        for (int i = 0; i < reports; i++) {
            String outcome = switch (chance.weighted(50, 30, 20)) {
                case 0 -> REMOVED;
                case 1 -> null;
                default -> "pending";
            };
            filings.add(new Filing(Timeline.between(created, removal, chance), outcome, null));
        }
        if (chance.chance(0.05)) {
            // the content came back and was re-reported through the new flow: removed_at AND a later taken_down_at
            Instant again = Timeline.between(latest(removal, Timeline.REPORT_FLOW_START), now, chance);
            Instant takedown = later(again, takedownDelay());
            if (!takedown.isAfter(now)) {
                filings.add(new Filing(again, REMOVED, takedown));
            }
        }
        String status = chance.chance(0.93) ? REMOVED : REPORTED;
        return result(postId, created, status, removal, filings, reportIds);
    }

    /** From March 2024 takedowns are recorded on reports; removed_at is usually left NULL. */
    private Result reportFlow(long postId, Instant created, Instant firstReport, Instant firstTakedown,
            LongSupplier reportIds) {
        List<Filing> filings = new ArrayList<>();
        filings.add(new Filing(firstReport, chance.chance(0.9) ? REMOVED : "restricted", firstTakedown));
        int variant = chance.weighted(70, 14, 16);
        int extra = variant == 0 ? 0 : chance.between(1, 2);
        for (int i = 0; i < extra; i++) {
            if (variant == 1 && firstTakedown.isBefore(now)) {
                // several reports, several different takedown times
                Instant reportedAt = Timeline.between(firstReport, firstTakedown, chance);
                Instant takedown = earliest(now, later(firstTakedown, chance.betweenLong(HOUR, 12 * DAY)));
                filings.add(new Filing(reportedAt, REMOVED, takedown));
            } else {
                // another report that never led to a takedown
                Instant reportedAt = Timeline.between(created, earliest(now, later(firstTakedown, 5 * DAY)), chance);
                filings.add(new Filing(reportedAt, chance.pick("pending", REJECTED, null, "restricted"), null));
            }
        }
        Instant removedAt = null;
        if (chance.chance(0.12)) {
            boolean earlier = chance.chance(0.5);
            if (earlier && firstTakedown.getEpochSecond() - created.getEpochSecond() > MINUTE) {
                removedAt = Timeline.between(created, firstTakedown.minusSeconds(MINUTE), chance);
            } else if (firstTakedown.isBefore(now)) {
                Instant upTo = earliest(now, later(firstTakedown, 10 * DAY));
                removedAt = Timeline.between(firstTakedown.plusSeconds(1), upTo, chance);
            }
        }
        String status = chance.chance(0.92) ? REMOVED : REPORTED;
        return result(postId, created, status, removedAt, filings, reportIds);
    }

    private Result notRemoved(long postId, Instant created, LongSupplier reportIds) {
        String status = switch (chance.weighted(14, 18, 38, 20, 10)) {
            case 0 -> NEW;
            case 1 -> IN_REVIEW;
            case 2 -> REPORTED;
            case 3 -> REJECTED;
            default -> DUPLICATE;
        };
        int reports = switch (status) {
            case REPORTED -> chance.chance(0.75) ? 1 : 2;
            case IN_REVIEW -> chance.chance(0.3) ? 1 : 0;
            case REJECTED -> chance.chance(0.5) ? 1 : 0;
            default -> 0;
        };
        return withoutTakedownTime(postId, created, status, reports, reportIds, false);
    }

    private Result withoutTakedownTime(long postId, Instant created, String status, int reports,
            LongSupplier reportIds, boolean removedByPlatform) {
        List<Filing> filings = new ArrayList<>();
        for (int i = 0; i < reports; i++) {
            Instant reportedAt = earliest(now, later(created, reportDelay()));
            String outcome = removedByPlatform ? chance.pick(REMOVED, null)
                    : REJECTED.equals(status) ? REJECTED
                    : chance.pick("pending", "pending", null, "restricted", REJECTED);
            filings.add(new Filing(reportedAt, outcome, null));
        }
        return result(postId, created, status, null, filings, reportIds);
    }

    private Result result(long postId, Instant created, String status, Instant removedAt, List<Filing> filings,
            LongSupplier reportIds) {
        filings.sort(Comparator.comparing(Filing::reportedAt));
        List<LegacyReport> reports = new ArrayList<>(filings.size());
        Instant last = removedAt == null ? created : latest(created, removedAt);
        for (Filing f : filings) {
            Instant settled = f.takenDownAt() == null ? f.reportedAt() : f.takenDownAt();
            Instant updatedAt = earliest(now, later(settled, chance.exponential(12 * HOUR)));
            Integer reportedBy = chance.chance(0.03) ? null : roster.reportFiler(chance);
            String channel = ReportDetails.channel(chance);
            reports.add(new LegacyReport(reportIds.getAsLong(), postId, reportedBy, channel, f.reportedAt(),
                    ReportDetails.ticket(chance), f.outcome(), f.takenDownAt(), updatedAt));
            last = latest(last, updatedAt);
        }
        return new Result(status, removedAt, reports, last);
    }

    private long reportDelay() {
        return 30 * MINUTE + chance.exponential(1.5 * DAY);
    }

    /** Platforms usually act within days; some take weeks, so takedowns land in a later month. */
    private long takedownDelay() {
        long delay = HOUR + chance.exponential(4 * DAY);
        return chance.chance(0.15) ? delay + chance.betweenLong(20 * DAY, 60 * DAY) : delay;
    }

    private long removalDelay() {
        long delay = 2 * HOUR + chance.exponential(6 * DAY);
        return chance.chance(0.15) ? delay + chance.betweenLong(20 * DAY, 60 * DAY) : delay;
    }
}
