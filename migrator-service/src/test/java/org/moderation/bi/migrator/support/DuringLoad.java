package org.moderation.bi.migrator.support;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.moderation.bi.migrator.load.ChunkCommitted;

/** Does something once, right after the next committed chunk of a load, as activity during a long run would. */
@ApplicationScoped
public class DuringLoad {

    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final AtomicReference<Action> next = new AtomicReference<>();

    public void afterNextChunk(Action action) {
        next.set(action);
    }

    void onChunk(@Observes ChunkCommitted chunk) throws Exception {
        Action action = next.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }
}
