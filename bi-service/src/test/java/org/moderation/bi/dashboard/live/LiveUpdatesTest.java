package org.moderation.bi.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;

import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.security.Roles;
import org.moderation.bi.testsupport.OidcServer;

/** What a page is sent when it reads slower than the service writes, or later than the service starts writing. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class LiveUpdatesTest {

    @Inject
    LiveUpdates live;

    @Test
    void readyWaitsForThePagesFirstRead() {
        AssertSubscriber<OutboundSseEvent> page = live.listen("late-reader",
                new CommunityScope(Roles.SUPERADMIN, true, List.of()), Instant.now().plusSeconds(60), SseImpl.INSTANCE)
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        try {
            // The server writes the response's head before it asks for the first event; "ready" is sent before.
            assertThat(page.getItems()).isEmpty();
            page.request(1);
            assertThat(page.getItems()).extracting(OutboundSseEvent::getName).containsExactly("ready");
        } finally {
            page.cancel();
        }
    }
}
