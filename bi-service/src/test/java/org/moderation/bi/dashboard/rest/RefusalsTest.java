package org.moderation.bi.dashboard.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.RefusalsContract;
import org.moderation.bi.testsupport.Tokens;

@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class RefusalsTest extends RefusalsContract {

    /** What a superadmin may GET, and a POST taking a JSON body: PersonRatesTest asks the same. */
    static final String PROTECTED_GET = "/api/v1/overview?from=2024-05-01&to=2024-06-01";
    static final String JSON_POST = "/api/v1/metrics/submissions/query";

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
        return "from";
    }
}
