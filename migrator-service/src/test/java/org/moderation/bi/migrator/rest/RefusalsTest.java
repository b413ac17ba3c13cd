package org.moderation.bi.migrator.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.RefusalsContract;
import org.moderation.bi.testsupport.Tokens;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
@WithTestResource(OidcServer.class)
class RefusalsTest extends RefusalsContract {

    @Override
    protected String protectedGet() {
        return "/api/v1/runs";
    }

    @Override
    protected String jsonPost() {
        return "/api/v1/runs";
    }

    @Override
    protected String allowedToken() {
        return Tokens.superadmin();
    }

    @Override
    protected String stringProperty() {
        return "kind";
    }
}
