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
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.metrics.KnownValues;

/**
 * The values a definition's filters are checked against: the closed vocabularies, and the communities that exist in
 * the read model ({@code communities.slug}), read through the read-only datasource {@code readmodel} when a definition
 * names one. The catalog owns its own schema; this is its one read of another's, and the reason for it.
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

    private List<String> communities() {
        try (Connection connection = readModel.getConnection()) {
            connection.setAutoCommit(false);
            try (var settings = connection.prepareStatement("SELECT set_config('statement_timeout', ?, true)");
                 var slugs = connection.prepareStatement("SELECT slug FROM communities ORDER BY slug")) {
                settings.setString(1, config.readModel().statementTimeout().toMillis() + "ms");
                settings.execute();
                var found = new ArrayList<String>();
                try (var rows = slugs.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
                return found;
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.warnf("cannot read the communities from the read model: %s", e.getMessage());
            throw new ApiException(503, "vocabulary_unavailable", "the communities this definition names cannot be "
                    + "checked now: the read model did not answer; try again later (a definition that names no "
                    + "community does not need it)");
        }
    }
}
