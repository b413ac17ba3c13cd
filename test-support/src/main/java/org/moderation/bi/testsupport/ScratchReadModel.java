package org.moderation.bi.testsupport;

import org.flywaydb.core.Flyway;

/**
 * A scratch target database with the read model, built by the migrator's own SQL migrations (the migrator owns the
 * schema; its Java data repair has nothing to do on an empty database), and a login role in {@code bi_reader}: what a
 * service that reads the read model connects as in production, so every query runs with read-only grants.
 *
 * @param url    the database, for fixtures written as {@link ScratchDatabase#USER}
 * @param reader the login role that may read the read model, nothing more
 */
public record ScratchReadModel(String url, String reader) {

    /** Relative to a service module's directory, where its tests run. */
    private static final String MIGRATIONS = "filesystem:../migrator-service/src/main/resources/db/migration";

    public static ScratchReadModel create(String prefix) {
        String url = ScratchDatabase.create(prefix);
        String reader = url.substring(url.lastIndexOf('/') + 1) + "_reader";
        Flyway.configure().dataSource(url, ScratchDatabase.USER, null).locations(MIGRATIONS).load().migrate();
        ScratchDatabase.onServer("CREATE ROLE " + reader + " LOGIN IN ROLE bi_reader");
        return new ScratchReadModel(url, reader);
    }

    public void drop() {
        ScratchDatabase.drop(url);
        ScratchDatabase.onServer("DROP ROLE IF EXISTS " + reader);
    }
}
