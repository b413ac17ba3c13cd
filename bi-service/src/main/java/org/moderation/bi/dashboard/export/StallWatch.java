package org.moderation.bi.dashboard.export;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * Closes a download's connection once not a byte of it has moved for a while, so that a client that stops reading
 * gives its export slot back long before the server's idle timeout. Vert.x's sendFile reports no progress; Netty's
 * outbound buffer does, and an idle handler that observes output sees it: a slow reader that keeps reading is never
 * cut. Watched on the download's own connection only (HTTP/1.1; the services serve no HTTP/2), for as long as the
 * download runs.
 */
final class StallWatch extends IdleStateHandler {

    private static final Logger LOG = Logger.getLogger(StallWatch.class);
    private static final String NAME = "export-stall-watch";

    private final Duration after;
    private volatile ChannelHandlerContext context;

    StallWatch(Duration after) {
        super(true, 0, after.toMillis(), 0, TimeUnit.MILLISECONDS);
        this.after = after;
    }

    /**
     * Watches the download answering {@code request} until {@link #stop}; nothing when it has ended already or
     * cannot be watched.
     */
    void watch(RoutingContext request) {
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        if (request.request().version() == HttpVersion.HTTP_1_1
                && request.request().connection() instanceof ConnectionBase connection
                && connection.channel().pipeline().get(NAME) == null) {
            connection.channel().pipeline().addFirst(NAME, this);
        }
    }

    /** The download ended: the connection may carry other requests, which nothing watches. */
    void stop() {
        ChannelHandlerContext context = this.context;
        if (context != null) {
            try {
                context.pipeline().remove(this);
            } catch (NoSuchElementException closed) {
                // The connection closed and took its pipeline with it.
            }
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        context = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() == IdleState.WRITER_IDLE) {
            Channel channel = ctx.channel();
            LOG.infof("an export's download to %s moved nothing for %d s: its connection is closed, its slot freed",
                    channel.remoteAddress(), after.toSeconds());
            ctx.close();
        }
    }
}
