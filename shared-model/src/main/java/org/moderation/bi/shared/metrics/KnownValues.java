package org.moderation.bi.shared.metrics;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

import org.moderation.bi.shared.platform.PlatformDetail;
import org.moderation.bi.shared.submission.ReportChannel;
import org.moderation.bi.shared.submission.SubmissionStatus;

/**
 * The values a column of the read model can hold, where they are known: what the validator checks a filter's values
 * against, so that a definition or a query cannot silently match nothing ({@code "Telegram"} where the read model
 * holds {@code telegram}). Each closed list is defined once, where the migrator takes it from.
 */
@FunctionalInterface
public interface KnownValues {

    /**
     * The values {@code column} can hold; empty when any value may occur or they are not known here. Asked only for a
     * column a filter gives values for, at most once per validation; may throw when the values cannot be read now.
     */
    Optional<Collection<String>> of(Column column);

    /** Knows no values: every value is taken as written. */
    KnownValues NONE = column -> Optional.empty();

    /** The closed vocabularies of the read model. Communities are data, not among them: see {@link #closedAnd}. */
    KnownValues CLOSED = column -> Optional.ofNullable(switch (column) {
        case PLATFORM -> PlatformDetail.groups();
        case PLATFORM_DETAIL -> PlatformDetail.codes();
        case TAKEDOWN_SOURCE -> BuiltInMetrics.TAKEDOWN_SOURCES;
        case STATUS -> SubmissionStatus.codes();
        case REPORT_CHANNEL, TAKEDOWN_CHANNEL -> ReportChannel.codes();
        default -> null;
    });

    /** The closed vocabularies, and as the {@code community} column's values the slugs {@code communities} gives. */
    static KnownValues closedAnd(Supplier<? extends Collection<String>> communities) {
        return column -> column == Column.COMMUNITY ? Optional.of(communities.get()) : CLOSED.of(column);
    }
}
