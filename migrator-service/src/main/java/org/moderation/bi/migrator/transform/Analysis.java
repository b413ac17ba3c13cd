package org.moderation.bi.migrator.transform;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Classifier output in one shape for both legacy shapes. {@code score} is the antisemitism score: v1's single
 * {@code score}, v2's {@code scores.antisemitism}.
 */
public record Analysis(int shapeVersion, String model, BigDecimal score, Map<String, BigDecimal> scores,
        List<String> labels) {
}
