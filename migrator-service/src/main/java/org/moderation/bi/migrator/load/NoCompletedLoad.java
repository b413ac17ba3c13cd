package org.moderation.bi.migrator.load;

/** A delta needs a watermark, and a reconciliation a loaded target: an earlier completed load. */
public class NoCompletedLoad extends RuntimeException {

    public NoCompletedLoad() {
        super("no load has completed yet, so there is nothing to compare with or start from: run a full load first");
    }
}
