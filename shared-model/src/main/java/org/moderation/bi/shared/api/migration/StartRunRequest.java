package org.moderation.bi.shared.api.migration;

/** @param kind {@code full} or {@code delta} */
public record StartRunRequest(String kind) {
}
