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

    /** What a superadmin may GET, and a POST taking a JSON body: PersonRatesTest asks the same. */
    static final String PROTECTED_GET = "/api/v1/metrics";
    static final String JSON_POST = "/api/v1/metrics";

    @Override
    protected String protectedGet() {
        return PROTECTED_GET;
    }

    @Override
    protected String jsonPost() {
        return JSON_POST;
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
