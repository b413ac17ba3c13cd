package org.moderation.bi.errors;

import org.junit.jupiter.api.Test;

import org.moderation.bi.testsupport.EngineBoundary;

/** The refusals every service shares map the engine's one refusal type, and reach nothing else of it. */
class PackageDependenciesTest {

    @Test
    void theMetricEngineIsKnownByItsPublicApiOnly() {
        EngineBoundary.checkOnlyTheEnginesApiIsUsedBy("org.moderation.bi.errors");
    }
}
