package org.moderation.bi.shared.api.migration;

/** One validation check of a run, with the legacy and the target side as the JSON the check recorded. */
public record ValidationResultView(String check, String category, String outcome, Object legacy, Object target,
        String message) {
}
