package org.moderation.bi.migrator.load;

/** A delta needs a watermark: the legacy clock of an earlier completed load. */
public class NoCompletedLoad extends RuntimeException {

    public NoCompletedLoad() {
        super("no load has completed yet, so a delta has no watermark to start from: run a full load first");
    }
}
