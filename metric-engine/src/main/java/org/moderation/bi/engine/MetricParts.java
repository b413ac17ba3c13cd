package org.moderation.bi.engine;

import java.util.List;

import org.moderation.bi.shared.metrics.Horizon;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.Vocabulary;
import org.moderation.bi.shared.metrics.Vocabulary.MetricType;

/**
 * What the engine counts of a metric: a simple metric's measure, or a ratio's numerator and denominator, a numerator
 * within the ratio's horizon counting only the takedowns within it ({@link Horizon#counted}). What a list of a part
 * lists, so that its total is the number.
 */
public final class MetricParts {

    private MetricParts() {
    }

    /** The measures of a simple or ratio metric, in order; none for a derived one (its parts are other metrics). */
    public static List<Measure> of(MetricDefinition definition) {
        return switch (Vocabulary.parse(MetricType.class, definition.type()).orElseThrow()) {
            case SIMPLE -> List.of(definition.measure());
            case RATIO -> List.of(Horizon.of(definition).map(h -> Horizon.counted(definition.numerator(), h))
                    .orElse(definition.numerator()), definition.denominator());
            case DERIVED -> List.of();
        };
    }
}
