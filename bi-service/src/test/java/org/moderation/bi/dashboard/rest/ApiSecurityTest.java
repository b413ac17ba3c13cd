package org.moderation.bi.dashboard.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.ApiSecurityContract;
import org.moderation.bi.testsupport.OidcServer;

@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class ApiSecurityTest extends ApiSecurityContract {
}
