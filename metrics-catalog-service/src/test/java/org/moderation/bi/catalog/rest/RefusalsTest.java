package org.moderation.bi.catalog.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.RefusalsContract;
import org.moderation.bi.testsupport.Tokens;

@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class RefusalsTest extends RefusalsContract {

    @Override
    protected String protectedGet() {
        return "/api/v1/metrics";
    }

    @Override
    protected String jsonPost() {
        return "/api/v1/metrics";
    }

    @Override
    protected String allowedToken() {
        return Tokens.superadmin();
    }

    @Override
    protected String stringProperty() {
        return "name";
    }
}
