package org.moderation.bi.migrator.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.PersonRatesContract;
import org.moderation.bi.testsupport.SmallPersonRate;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
@WithTestResource(OidcServer.class)
@WithTestResource(SmallPersonRate.class)
class PersonRatesTest extends PersonRatesContract {

    PersonRatesTest() {
        super(RefusalsTest.PROTECTED_GET, RefusalsTest.JSON_POST);
    }
}
