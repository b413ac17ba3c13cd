package org.moderation.bi.migrator.validation;

import java.util.Locale;

/**
 * One validation check: what the legacy side says, what the target says, and whether they agree. Findings are
 * data-quality facts to report, not failures.
 */
public record CheckResult(String name, Category category, Outcome outcome, Object legacy, Object target,
        String message) {

    public enum Category {
        STRUCTURAL, SEMANTIC, DATA_QUALITY;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Outcome {
        PASSED, FAILED, FINDING;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static CheckResult compare(String name, Category category, Object legacy, Object target, String meaning) {
        boolean equal = legacy.equals(target);
        return new CheckResult(name, category, equal ? Outcome.PASSED : Outcome.FAILED, legacy, target,
                equal ? meaning : meaning + ": legacy and target differ");
    }

    static CheckResult zero(String name, Category category, long found, String meaning) {
        return new CheckResult(name, category, found == 0 ? Outcome.PASSED : Outcome.FAILED, 0L, found,
                found == 0 ? meaning : meaning + ": " + found + " found");
    }

    static CheckResult finding(String name, Object legacy, Object target, String meaning) {
        return new CheckResult(name, Category.DATA_QUALITY, Outcome.FINDING, legacy, target, meaning);
    }
}
