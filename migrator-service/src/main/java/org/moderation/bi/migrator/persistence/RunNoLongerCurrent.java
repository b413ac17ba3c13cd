package org.moderation.bi.migrator.persistence;

/** The run's row says it is no longer running: another process took over, so this one must stop writing. */
public class RunNoLongerCurrent extends RuntimeException {

    public RunNoLongerCurrent(long runId) {
        super("run " + runId + " is no longer 'running' (another process marked it failed after this one lost the "
                + "migration lock); its last chunk was rolled back");
    }
}
