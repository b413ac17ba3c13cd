package org.moderation.bi.catalog.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.PersonRatesContract;
import org.moderation.bi.testsupport.SmallPersonRate;

@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
@WithTestResource(SmallPersonRate.class)
class PersonRatesTest extends PersonRatesContract {

    PersonRatesTest() {
        super(RefusalsTest.PROTECTED_GET, RefusalsTest.JSON_POST);
    }
}
