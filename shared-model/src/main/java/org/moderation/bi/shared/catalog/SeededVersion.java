package org.moderation.bi.shared.catalog;

/**
 * A definition the catalog is built with, at the version it publishes it as: a built-in that changes becomes a new
 * version of its key, never a changed published one.
 */
public record SeededVersion<D>(D definition, int version) {
}
