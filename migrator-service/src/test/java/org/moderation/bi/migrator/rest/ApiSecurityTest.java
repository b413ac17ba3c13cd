package org.moderation.bi.migrator.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.testsupport.ApiSecurityContract;
import org.moderation.bi.testsupport.OidcServer;

@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
@WithTestResource(OidcServer.class)
class ApiSecurityTest extends ApiSecurityContract {
}
