package org.moderation.bi.dashboard.timeseries;

import java.util.Arrays;

import jakarta.ws.rs.BadRequestException;

import org.moderation.bi.shared.metrics.Column;

/** How a series may be split: the API's names for dimensions of the metric language. */
public enum GroupBy {
    PLATFORM("platform", Column.PLATFORM),
    PLATFORM_DETAIL("platformDetail", Column.PLATFORM_DETAIL),
    COMMUNITY("community", Column.COMMUNITY),
    TAKEDOWN_SOURCE("takedownSource", Column.TAKEDOWN_SOURCE);

    final String code;
    final Column column;

    GroupBy(String code, Column column) {
        this.code = code;
        this.column = column;
    }

    public String code() {
        return code;
    }

    public static GroupBy of(String value) {
        return Arrays.stream(values()).filter(g -> g.code.equals(value)).findFirst()
                .orElseThrow(() -> new BadRequestException(
                        "groupBy must be one of platform, platformDetail, community, takedownSource"));
    }
}
