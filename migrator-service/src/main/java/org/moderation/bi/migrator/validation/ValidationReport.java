package org.moderation.bi.migrator.validation;

import java.util.List;

/** All checks of one run; it passes when no check failed (findings are information). */
public record ValidationReport(long runId, List<CheckResult> checks) {

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.outcome() == CheckResult.Outcome.FAILED);
    }

    public List<CheckResult> failures() {
        return checks.stream().filter(c -> c.outcome() == CheckResult.Outcome.FAILED).toList();
    }

    /** A person-readable summary: one line per check, legacy and target side by side where they differ. */
    public String render() {
        var text = new StringBuilder("validation of run ").append(runId).append(": ")
                .append(passed() ? "PASSED" : "FAILED (" + failures().size() + " checks)").append('\n');
        for (CheckResult check : checks) {
            text.append(String.format("  %-8s %-13s %-34s %s%n", check.outcome().code().toUpperCase(),
                    check.category().code(), check.name(), check.message()));
            if (check.outcome() != CheckResult.Outcome.PASSED) {
                text.append(String.format("%58s legacy: %s%n%58s target: %s%n", "", check.legacy(), "", check.target()));
            }
        }
        return text.toString();
    }
}
