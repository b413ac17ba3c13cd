package org.moderation.bi.dashboard.timeseries;

import java.util.Arrays;

import jakarta.ws.rs.BadRequestException;

/** How a series may be split, and the read-model column each split reads (constants, never input). */
public enum GroupBy {
    PLATFORM("platform", "platform"),
    PLATFORM_DETAIL("platformDetail", "platform_detail"),
    COMMUNITY("community", "community_slug"),
    TAKEDOWN_SOURCE("takedownSource", "takedown_source");

    final String code;
    final String column;

    GroupBy(String code, String column) {
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
