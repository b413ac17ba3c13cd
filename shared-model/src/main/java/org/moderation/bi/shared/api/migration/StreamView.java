package org.moderation.bi.shared.api.migration;

import java.time.OffsetDateTime;

/**
 * The stream of legacy changes as the migrator's admin API shows it.
 *
 * @param status          starting, live, catching_up (applying, but behind, or not yet verified by a reconciliation
 *                        after a new slot), waiting (for a run, or the first full load), paused (by the deletion
 *                        guard, until a person resumes it), unavailable (the legacy database cannot stream; why is in
 *                        {@code reason}), failed (retried), stopped
 * @param heartbeatAt     when the streaming process last said what it does (every few seconds while it runs)
 * @param freshness       what a page says of its numbers: "live", or how often the backstop polls
 * @param position        the LSN of the last legacy commit applied
 * @param secondsBehind   the age of the oldest legacy change received and not yet applied (0: none waits); null
 *                        when this process does not stream
 * @param slotCreatedAt   when the slot was created (by a full load, the first start, or an operator)
 * @param unverifiedSince a new slot's creation time, until a run that started later reconciled the target
 * @param slotOnLegacy    null when the legacy database does not answer
 * @param sessionRunId    the run that counts what the current stream session wrote
 */
public record StreamView(boolean enabled, String status, String reason, OffsetDateTime since,
        OffsetDateTime heartbeatAt, boolean live, String freshness, String slot, String position,
        OffsetDateTime lastCommitAt, OffsetDateTime appliedAt, Long secondsBehind, SlotView slotOnLegacy,
        OffsetDateTime slotCreatedAt, OffsetDateTime unverifiedSince, long deletionsSinceRun,
        long reportsGoneSinceRun, boolean massDeleteAllowed, Long sessionRunId) {

    /**
     * The slot as the legacy server holds it: how far behind the server's WAL its acknowledged position is, how much
     * WAL it keeps from being recycled, and PostgreSQL's own word on that WAL ({@code wal_status}).
     */
    public record SlotView(boolean exists, boolean active, long behindBytes, long retainedBytes, String walStatus,
            Long safeWalBytes) {
    }
}
