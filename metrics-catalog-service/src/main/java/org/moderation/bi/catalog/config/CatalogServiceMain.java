package org.moderation.bi.catalog.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import org.moderation.bi.errors.RequestTargets;

/** The metrics catalog as Quarkus runs it, with what must be set before Quarkus' HTTP layer loads. */
@QuarkusMain
public class CatalogServiceMain {

    public static void main(String... args) {
        RequestTargets.refuseInTheErrorShape();
        Quarkus.run(args);
    }
}
