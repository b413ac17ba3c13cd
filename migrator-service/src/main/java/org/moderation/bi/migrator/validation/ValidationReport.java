package org.moderation.bi.migrator.validation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
            if (check.outcome() == CheckResult.Outcome.PASSED) {
                continue;
            }
            if (check.legacy() instanceof Map<?, ?> legacy && check.target() instanceof Map<?, ?> target) {
                differingKeys(legacy, target).forEach(key -> text.append(String.format(
                        "%58s %s: legacy %s, target %s%n", "", key, legacy.get(key), target.get(key))));
            } else {
                text.append(String.format("%58s legacy: %s%n%58s target: %s%n", "", check.legacy(), "", check.target()));
            }
        }
        return text.toString();
    }

    /** Only the keys whose values differ: a month-by-month map is unreadable when one month is off. */
    private static Set<Object> differingKeys(Map<?, ?> legacy, Map<?, ?> target) {
        var keys = new TreeSet<Object>(Comparator.comparing(String::valueOf));
        keys.addAll(legacy.keySet());
        keys.addAll(target.keySet());
        keys.removeIf(key -> Objects.equals(legacy.get(key), target.get(key)));
        return keys;
    }
}
