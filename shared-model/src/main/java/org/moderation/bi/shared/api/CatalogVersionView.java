package org.moderation.bi.shared.api;

/**
 * What every view of one version the catalog keeps tells, whatever it is a version of (a metric, a dashboard): where
 * it lives and the revision a change of its draft must name (If-Match).
 */
public interface CatalogVersionView {

    String key();

    int version();

    long revision();
}
