package org.moderation.bi.dashboard.timeseries;

import java.util.Arrays;

import jakarta.ws.rs.BadRequestException;

/** How a series may be split, and the read-model columns each split reads (constants, never input). */
public enum GroupBy {
    PLATFORM("platform", "platform", "r.platform"),
    PLATFORM_DETAIL("platformDetail", "platform_detail", "r.platform_detail"),
    COMMUNITY("community", "community_slug", "c.slug"),
    /** Not a dimension of the daily rollup: always read from the facts. */
    TAKEDOWN_SOURCE("takedownSource", "takedown_source", null);

    final String code;
    final String column;
    final String rollupColumn;

    GroupBy(String code, String column, String rollupColumn) {
        this.code = code;
        this.column = column;
        this.rollupColumn = rollupColumn;
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
