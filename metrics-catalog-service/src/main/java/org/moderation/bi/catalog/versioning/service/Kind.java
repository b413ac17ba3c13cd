package org.moderation.bi.catalog.versioning.service;

import java.util.function.Function;

/**
 * A kind of definition the catalog keeps: what it is called in messages ("metric", "dashboard"), its type, and where
 * a definition says its key and name.
 */
public record Kind<D>(String noun, Class<D> type, Function<D, String> key, Function<D, String> name) {
}
