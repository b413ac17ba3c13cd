package org.moderation.bi.shared.api.migration;

/**
 * @param kind            {@code full}, {@code delta}, {@code reconcile} or {@code audit}
 * @param allowMassDelete consent to soft-delete more than the deletion guard allows (a real clean-up); null: no
 */
public record StartRunRequest(String kind, Boolean allowMassDelete) {
}
