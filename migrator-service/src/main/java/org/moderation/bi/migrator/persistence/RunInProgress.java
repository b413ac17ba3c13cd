package org.moderation.bi.migrator.persistence;

/** Another migration holds the lock; this one did not start. */
public class RunInProgress extends RuntimeException {

    public RunInProgress() {
        this("another migration run is in progress");
    }

    public RunInProgress(String why) {
        super(why);
    }
}
