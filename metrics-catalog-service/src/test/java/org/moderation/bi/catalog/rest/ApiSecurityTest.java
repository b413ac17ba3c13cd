package org.moderation.bi.catalog.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.testsupport.ApiSecurityContract;
import org.moderation.bi.testsupport.OidcServer;

@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class ApiSecurityTest extends ApiSecurityContract {
}
