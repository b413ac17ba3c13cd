package org.moderation.bi.legacy.generator;

import java.util.Locale;

/** The incidental fields of a report (channel, ticket), shared by the generator and the mutator. */
final class ReportDetails {

    private ReportDetails() {
    }

    static String channel(Chance chance) {
        return switch (chance.weighted(50, 25, 15, 10)) {
            case 0 -> "platform_form";
            case 1 -> "trusted_flagger";
            case 2 -> "email";
            default -> "api";
        };
    }

    /** Platforms hand out tickets in their own formats, and many reports never got one. */
    static String ticket(Chance chance) {
        return switch (chance.weighted(30, 35, 20, 15)) {
            case 0 -> null;
            case 1 -> "TKT-" + chance.digits(8);
            case 2 -> "#" + chance.digits(10);
            default -> "CASE-" + chance.code(6).toUpperCase(Locale.ROOT);
        };
    }
}
