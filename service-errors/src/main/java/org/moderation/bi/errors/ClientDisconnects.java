package org.moderation.bi.errors;

import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Keeps a client that leaves in the middle of a file download out of the error log: Vert.x logs every failed
 * {@code sendFile} as an ERROR with a stack trace and consults no handler first. A broken pipe there is the client's
 * doing, not the service's; any other record passes.
 */
@LoggingFilter(name = "client-disconnects")
public final class ClientDisconnects implements Filter {

    private static final String CONNECTION_LOGGER = "io.vertx.core.net.impl.ConnectionBase";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(CONNECTION_LOGGER.equals(record.getLoggerName()) && record.getThrown() instanceof IOException);
    }
}
