package org.moderation.bi.migrator.support;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.moderation.bi.migrator.load.ChunkCommitted;

/** Makes a load die right after its n-th committed chunk, as a crash between two chunks would. Disarmed by default. */
@ApplicationScoped
public class CrashAfterChunks {

    public static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(int chunks) {
            super("simulated crash after " + chunks + " committed chunks");
        }
    }

    private final AtomicInteger remaining = new AtomicInteger(-1);

    public void arm(int chunks) {
        remaining.set(chunks);
    }

    public void disarm() {
        remaining.set(-1);
    }

    void onChunk(@Observes ChunkCommitted chunk) {
        if (remaining.get() > 0 && remaining.decrementAndGet() == 0) {
            remaining.set(-1);
            throw new SimulatedCrash((int) chunk.counts().read());
        }
    }
}
