package org.moderation.bi.engine.support;

import java.sql.Connection;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import org.moderation.bi.testsupport.ScratchDatabase;

/**
 * A fresh target database with the read model, built by the migrator's own SQL migrations (the migrator owns the
 * schema), dropped by {@link #close()}.
 */
public final class ReadModelDatabase implements AutoCloseable {

    private final String url;

    private ReadModelDatabase(String url) {
        this.url = url;
    }

    public static ReadModelDatabase create() {
        String url = ScratchDatabase.create("it_engine");
        Flyway.configure().dataSource(url, ScratchDatabase.USER, null)
                .locations("filesystem:../migrator-service/src/main/resources/db/migration").load().migrate();
        return new ReadModelDatabase(url);
    }

    public PGSimpleDataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(ScratchDatabase.USER);
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return ScratchDatabase.connect(url);
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        ScratchDatabase.drop(url);
    }
}
