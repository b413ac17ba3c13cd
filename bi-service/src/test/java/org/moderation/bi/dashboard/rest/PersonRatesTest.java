package org.moderation.bi.dashboard.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.PersonRatesContract;
import org.moderation.bi.testsupport.SmallPersonRate;

@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(SmallPersonRate.class)
class PersonRatesTest extends PersonRatesContract {

    @Override
    protected String protectedGet() {
        return "/api/v1/overview?from=2024-05-01&to=2024-06-01";
    }

    @Override
    protected String jsonPost() {
        return "/api/v1/metrics/submissions/query";
    }
}
