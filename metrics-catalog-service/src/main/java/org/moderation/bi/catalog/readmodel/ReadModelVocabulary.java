package org.moderation.bi.catalog.readmodel;

import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.catalog.config.CatalogConfig;
import org.moderation.bi.engine.Refused;
import org.moderation.bi.engine.Snapshots;
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

    /** Read-only snapshots bounded by the catalog's statement timeout for the read model. */
    private final Snapshots snapshots;

    ReadModelVocabulary(@DataSource("readmodel") AgroalDataSource readModel, CatalogConfig config) {
        this.snapshots = new Snapshots(readModel, config.readModel().statementTimeout());
    }

    public KnownValues knownValues() {
        return KnownValues.closedAnd(this::communities);
    }

    /** Open-set values no submission has had yet, with the seen values most like each. */
    public SeenValues seenValues() {
        return (column, values) -> {
            try {
                return snapshots.read(null, null, snapshot -> snapshot.unseen(column, values));
            } catch (SQLException | Refused e) {
                LOG.warnf("cannot read the values seen so far from the read model: %s", e.getMessage());
                throw new SeenValues.UnavailableException("the read model did not answer", e);
            }
        };
    }

    private List<String> communities() {
        try {
            return snapshots.read(null, null, snapshot -> snapshot.communityNames().keySet().stream().sorted().toList());
        } catch (SQLException | Refused e) {
            LOG.warnf("cannot read the communities from the read model: %s", e.getMessage());
            throw new ApiException(503, "vocabulary_unavailable", "the communities this definition names cannot be "
                    + "checked now: the read model did not answer; try again later (a definition that names no "
                    + "community does not need it)");
        }
    }
}
