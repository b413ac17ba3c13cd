package org.moderation.bi.catalog.versioning.service;

/**
 * Who makes a change: the token's subject (stable, what versions record) and its {@code preferred_username} (what
 * people recognise in the audit; null when the token has none).
 */
public record Actor(String subject, String username) {

    /** The catalog itself, publishing what it is built with (the built-in metrics and dashboards). */
    public static final Actor BUILT_IN = new Actor("system:built-in", null);
}
