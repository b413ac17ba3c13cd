package org.moderation.bi.catalog.versioning.service;

import java.util.List;

import org.moderation.bi.shared.metrics.Problem;

/** What a valid definition of one kind is (a metric's, a dashboard's). */
@FunctionalInterface
public interface DefinitionRules<D> {

    /**
     * Every problem of a definition about to be stored as a draft ({@code publishing} false: created, changed) or
     * published; empty when there is none. Null when the request's body could not be read as one at all.
     */
    List<Problem> problems(D definition, boolean publishing);

    /** What a valid definition is accepted with but deserves a second look; none unless a kind says otherwise. */
    default List<Problem> warnings(D definition) {
        return List.of();
    }
}
