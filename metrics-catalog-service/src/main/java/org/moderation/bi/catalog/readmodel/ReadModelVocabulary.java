package org.moderation.bi.catalog.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.catalog.config.CatalogConfig;
import org.moderation.bi.engine.SeenValuesLookup;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.metrics.SeenValues;

/**
 * The values a definition's filters are checked against: the closed vocabularies, the communities that exist in the
 * read model ({@code communities.slug}), and the values of open sets seen so far ({@code mv_seen_values}), read
 * through the read-only datasource {@code readmodel} when a definition names one. The catalog owns its own schema;
 * this is its one read of another's, and the reason for it.
 */
@ApplicationScoped
public class ReadModelVocabulary {

    private static final Logger LOG = Logger.getLogger(ReadModelVocabulary.class);

    private final AgroalDataSource readModel;
    private final CatalogConfig config;

    ReadModelVocabulary(@DataSource("readmodel") AgroalDataSource readModel, CatalogConfig config) {
        this.readModel = readModel;
        this.config = config;
    }

    public KnownValues knownValues() {
        return KnownValues.closedAnd(this::communities);
    }

    /** Open-set values no submission has had yet, with the seen values most like each. */
    public SeenValues seenValues() {
        return (column, values) -> {
            try {
                return read(connection -> SeenValuesLookup.unseen(connection, column, values));
            } catch (SQLException e) {
                LOG.warnf("cannot read the values seen so far from the read model: %s", e.getMessage());
                throw new SeenValues.UnavailableException("the read model did not answer", e);
            }
        };
    }

    private List<String> communities() {
        try {
            return read(connection -> {
                var found = new ArrayList<String>();
                try (var slugs = connection.prepareStatement("SELECT slug FROM communities ORDER BY slug");
                     var rows = slugs.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
                return found;
            });
        } catch (SQLException e) {
            LOG.warnf("cannot read the communities from the read model: %s", e.getMessage());
            throw new ApiException(503, "vocabulary_unavailable", "the communities this definition names cannot be "
                    + "checked now: the read model did not answer; try again later (a definition that names no "
                    + "community does not need it)");
        }
    }

    /** {@code work} in a read-only transaction bounded by the catalog's statement timeout for the read model. */
    private <T> T read(Work<T> work) throws SQLException {
        try (Connection connection = readModel.getConnection()) {
            connection.setAutoCommit(false);
            try (var settings = connection.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
                settings.setString(1, config.readModel().statementTimeout().toMillis() + "ms");
                settings.execute();
                return work.on(connection);
            } finally {
                connection.rollback();
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }
}
