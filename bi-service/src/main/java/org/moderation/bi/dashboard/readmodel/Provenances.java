package org.moderation.bi.dashboard.readmodel;

import org.moderation.bi.engine.Answer;
import org.moderation.bi.shared.api.dashboard.NumberProvenance;

/** An engine answer's provenance of a number, as the API shows it. */
public final class Provenances {

    private Provenances() {
    }

    public static NumberProvenance of(Answer.Provenance provenance) {
        return new NumberProvenance(provenance.metric(), provenance.version(), provenance.status(),
                provenance.definitionHash(), provenance.rule(), provenance.readFrom());
    }
}
