package org.moderation.bi.catalog.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.testsupport.OidcServer;

/**
 * The catalog's datasource on the read model can only read: the driver begins its transactions READ ONLY, outside one
 * the role may only read, and no session setting is left on a connection (a transaction-mode pooler would hand it to
 * other clients).
 */
@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class ReadModelReadOnlyTest {

    /** Refused like any write, and deletes nothing should a guard ever fail. */
    private static final String DELETE_NOTHING = "DELETE FROM communities WHERE false";
    private static final String READ_ONLY_TRANSACTION = "25006";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Inject
    @DataSource("readmodel")
    AgroalDataSource readModel;

    @Test
    void theCatalogCannotWriteToTheReadModel() throws SQLException {
        try (Connection pooled = readModel.getConnection()) {
            pooled.setAutoCommit(false);
            try (var statement = pooled.createStatement()) {
                assertThatThrownBy(() -> statement.execute(DELETE_NOTHING)).isInstanceOf(SQLException.class)
                        .hasFieldOrPropertyWithValue("SQLState", READ_ONLY_TRANSACTION);
            } finally {
                pooled.rollback();
                pooled.setAutoCommit(true);
            }
            try (var statement = pooled.createStatement()) {
                assertThatThrownBy(() -> statement.execute(DELETE_NOTHING)).isInstanceOf(SQLException.class)
                        .hasFieldOrPropertyWithValue("SQLState", INSUFFICIENT_PRIVILEGE);
            }
        }
    }

    @Test
    void noSessionSettingIsLeftOnAConnection() throws SQLException {
        try (Connection pooled = readModel.getConnection()) {
            pooled.setAutoCommit(false);
            try (var statement = pooled.createStatement()) {
                statement.execute("SELECT slug FROM communities");
            } finally {
                pooled.rollback();
                pooled.setAutoCommit(true);
            }
            try (var statement = pooled.createStatement();
                 var rows = statement.executeQuery("SELECT current_setting('default_transaction_read_only')")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("off");
            }
        }
    }
}
