package org.moderation.bi.catalog.versioning.service;

import java.util.List;

import org.moderation.bi.shared.metrics.Problem;

/** What the catalog's lifecycle needs to know of one kind of definition (a metric's, a dashboard's). */
public interface DefinitionRules<D> {

    /** What the kind is called in messages: "metric", "dashboard". */
    String noun();

    Class<D> type();

    String key(D definition);

    String name(D definition);

    /**
     * Every problem of a definition about to be stored as a draft ({@code publishing} false: created, changed) or
     * published; empty when there is none. Null when the request's body could not be read as one at all.
     */
    List<Problem> problems(D definition, boolean publishing);
}
