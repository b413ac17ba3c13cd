package org.moderation.bi.migrator.load;

/** A delta needs a watermark, and a reconciliation a loaded target: an earlier completed load. */
public class NoCompletedLoad extends RuntimeException {

    public NoCompletedLoad() {
        super("no load has completed yet, so there is nothing to compare with or start from: run a full load first");
    }

    /** The latest full run was a bulk load that ended before it built the read model. */
    public static NoCompletedLoad unfinishedBulkLoad(long runId) {
        return new NoCompletedLoad("full run " + runId + " loaded rows in bulk and ended before it built the read "
                + "model: run a full load, which continues it, before anything else");
    }

    private NoCompletedLoad(String message) {
        super(message);
    }
}
