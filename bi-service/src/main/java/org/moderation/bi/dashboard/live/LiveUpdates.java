package org.moderation.bi.dashboard.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;

import org.moderation.bi.dashboard.config.BiConfig;
import org.moderation.bi.dashboard.readmodel.ReadModelChanged;
import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.api.dashboard.LiveEvent;
import org.moderation.bi.shared.api.dashboard.OverviewView;

/**
 * Open pages listening for changes of the read model (Server-Sent Events): each is told the version it starts from,
 * then every change that touches its scope (a community manager's page hears only of their communities), and every
 * {@code bi.live.heartbeat} the version and how the read model follows the legacy database. Bounded as every resource
 * a caller holds: listeners per person and in all, each for at most {@code bi.live.max-duration} and never past its
 * token's expiry. A page that does not read what it is sent is kept only the latest event rather than a pile of
 * them: each carries the version, which is all a page needs to know it must look again. The same holds before the
 * page's first read: "ready" waits for it (sent before the server asks for it, it would be lost). Sending holds no
 * thread.
 */
@ApplicationScoped
public class LiveUpdates {

    private record Listener(String caller, CommunityScope scope, Instant until,
            MultiEmitter<? super OutboundSseEvent> out, Sse sse) {
    }

    private final BiConfig.Live limits;
    private final ReadModelFreshness freshness;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Gauge listening;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> byCaller = new HashMap<>();
    private int reserved;

    public LiveUpdates(BiConfig config, ReadModelFreshness freshness, ObjectMapper json, MeterRegistry registry) {
        this.limits = config.live();
        this.freshness = freshness;
        this.json = json;
        this.registry = registry;
        this.listening = Gauge.builder("bi.live.listeners", listeners, Set::size)
                .description("pages listening for changes of the read model").register(registry);
    }

    /** The registry outlives the application (a restart in the same JVM, as the tests do). */
    @PreDestroy
    void unbindMeters() {
        registry.remove(listening);
    }

    /**
     * The events for one page listening to changes in {@code scope}, until {@code tokenExpiry} at the latest.
     *
     * @throws ApiException 429 when the caller listens on as many pages as one may, 503 when the instance is full
     */
    public Multi<OutboundSseEvent> listen(String caller, CommunityScope scope, Instant tokenExpiry, Sse sse) {
        Instant until = Instant.now().plus(limits.maxDuration());
        Instant end = tokenExpiry != null && tokenExpiry.isBefore(until) ? tokenExpiry : until;
        reserve(caller);
        return Multi.createFrom().<OutboundSseEvent>emitter(out -> {
            var listener = new Listener(caller, scope, end, out, sse);
            out.onTermination(() -> drop(listener));
            listeners.add(listener);
            send(listener, "ready", event(null, end));
        }, BackPressureStrategy.LATEST);
    }

    void changed(@ObservesAsync ReadModelChanged change) {
        OverviewView.Freshness now = freshness.freshness();
        for (Listener listener : listeners) {
            List<String> touched = change.communities();
            if (touched != null && !listener.scope().all()) {
                touched = touched.stream().filter(listener.scope().communities()::contains).toList();
                if (touched.isEmpty()) {
                    continue;
                }
            }
            send(listener, "changed", new LiveEvent(change.version(), touched, now.live(), now.feed(),
                    listener.until()));
        }
    }

    /** Tells every page the version and how the read model follows the legacy database; ends those whose time is up. */
    @Scheduled(identity = "live-heartbeat", every = "{bi.live.heartbeat}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        Instant now = Instant.now();
        for (Listener listener : new ArrayList<>(listeners)) {
            if (now.isBefore(listener.until())) {
                send(listener, "feed", event(null, listener.until()));
            } else {
                listener.out().complete();
            }
        }
    }

    private LiveEvent event(List<String> communities, Instant until) {
        OverviewView.Freshness now = freshness.freshness();
        return new LiveEvent(now.version(), communities, now.live(), now.feed(), until);
    }

    private void send(Listener listener, String name, LiveEvent event) {
        try {
            listener.out().emit(listener.sse().newEventBuilder().name(name).data(json.writeValueAsString(event))
                    .build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live event is a plain record", e);
        }
    }

    private synchronized void reserve(String caller) {
        int callers = byCaller.getOrDefault(caller, 0);
        if (callers >= limits.perCaller()) {
            throw new ApiException(429, "too_many_listeners", "you already have " + callers + " pages listening for "
                    + "changes, as many as one person may; close one, or reload it later");
        }
        if (reserved >= limits.maxListeners()) {
            throw new ApiException(503, "too_many_listeners", "the service has as many pages listening for changes as "
                    + "it may (" + limits.maxListeners() + "); the page shows the numbers as of its last load and "
                    + "listens again later");
        }
        byCaller.put(caller, callers + 1);
        reserved++;
    }

    private synchronized void drop(Listener listener) {
        if (listeners.remove(listener)) {
            byCaller.computeIfPresent(listener.caller(), (key, count) -> count == 1 ? null : count - 1);
            reserved--;
        }
    }
}
