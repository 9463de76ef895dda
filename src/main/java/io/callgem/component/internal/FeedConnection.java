package io.callgem.component.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.callgem.component.CallGemConfiguration;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One client connection that never gives up: connects, and after a refused or lost connection schedules the next
 * attempt with exponential backoff on the event loop (never blocking it). Everything except {@link #start()} and
 * {@link #stop(long)} runs on its single event loop, so the state needs no locks.
 */
public final class FeedConnection {

    /** Callbacks, all on the event loop. */
    public interface Listener {
        /** The socket is up; send the subscriptions. */
        void connected(Channel channel, int failedAttempts);

        /** A decoded inbound message (SdmpMessage, MalformedFrame or TooLongFrame). */
        void received(Channel channel, Object message);

        /** The connect attempt failed; {@code firstInRow} is true only for the first failure after a success. */
        void connectFailed(Throwable cause, boolean firstInRow, long nextDelayMillis);

        /** An established connection was lost; a reconnect is scheduled unless stopped. */
        void disconnected(Throwable cause, long nextDelayMillis);

        /** About to connect. */
        void connecting();
    }

    private final String host;
    private final int port;
    private final EventLoop loop;
    private final Listener listener;
    private final Backoff backoff;
    private final long idleTimeout;
    private final long stableAfter;
    private final Bootstrap bootstrap;

    private volatile boolean running;
    private volatile Channel channel;
    private ScheduledFuture<?> pendingAttempt;
    private Throwable lastCause;
    private long connectedAt;
    private boolean receivedOnConnection;

    public FeedConnection(String host, int port, CallGemConfiguration cfg, EventLoop loop, Listener listener) {
        this.host = host;
        this.port = port;
        this.loop = loop;
        this.listener = listener;
        this.backoff = new Backoff(cfg.getReconnectDelay(), cfg.getMaxReconnectDelay());
        this.idleTimeout = cfg.getIdleTimeout();
        // a connection that a peer accepts and drops at once must not reset the backoff, or we would reconnect at
        // the initial delay forever: count it as good only once it carried a message or lived for a while
        this.stableAfter = Math.max(cfg.getReconnectDelay(), Math.min(cfg.getMaxReconnectDelay(), 30_000));
        this.bootstrap = SdmpPipeline.bootstrap(loop, cfg, true, Handler::new);
    }

    public EventLoop eventLoop() {
        return loop;
    }

    /** The connected channel, or null. */
    public Channel channel() {
        return channel;
    }

    public boolean isRunning() {
        return running;
    }

    public void start() {
        running = true;
        loop.execute(this::attempt);
    }

    /** Stops reconnecting and closes the socket, waiting at most the given time for the close. */
    public void stop(long timeoutMillis) {
        running = false;
        loop.execute(() -> {
            if (pendingAttempt != null) {
                pendingAttempt.cancel(false);
                pendingAttempt = null;
            }
        });
        Channel ch = channel;
        if (ch != null) {
            ChannelFuture close = ch.close();
            if (!loop.inEventLoop()) {
                close.awaitUninterruptibly(timeoutMillis);
            }
        }
    }

    /** Stops reconnecting without closing the socket (used before a graceful unsubscribe). */
    public void stopReconnecting() {
        running = false;
        loop.execute(() -> {
            if (pendingAttempt != null) {
                pendingAttempt.cancel(false);
                pendingAttempt = null;
            }
        });
    }

    private void attempt() {
        pendingAttempt = null;
        if (!running || channel != null) {
            return;
        }
        listener.connecting();
        bootstrap.connect(host, port).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                if (!running) {
                    f.channel().close();
                }
                return; // Handler.channelActive takes over
            }
            boolean first = backoff.attempts() == 0 || lastCause == null;
            lastCause = f.cause();
            long delay = scheduleNext();
            listener.connectFailed(f.cause(), first, delay);
        });
    }

    /** Schedules the next attempt; returns its delay, or -1 when stopped. */
    private long scheduleNext() {
        if (!running) {
            return -1;
        }
        long delay = backoff.nextDelay();
        pendingAttempt = loop.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
        return delay;
    }

    private void markStable() {
        if (!receivedOnConnection) {
            receivedOnConnection = true;
            backoff.reset();
            lastCause = null;
        }
    }

    private final class Handler extends ChannelInboundHandlerAdapter {

        private Throwable cause;

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (!running) {
                ctx.close();
                return;
            }
            channel = ctx.channel();
            connectedAt = System.nanoTime();
            receivedOnConnection = false;
            int failed = backoff.attempts();
            listener.connected(ctx.channel(), failed);
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            markStable();
            listener.received(ctx.channel(), msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
            cause = t;
            ctx.close();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                cause = new java.util.concurrent.TimeoutException(
                        "nothing received for " + idleTimeout + " ms (idleTimeout)");
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (channel == ctx.channel()) {
                channel = null;
                if (System.nanoTime() - connectedAt >= TimeUnit.MILLISECONDS.toNanos(stableAfter)) {
                    markStable();
                }
                lastCause = cause == null ? new java.io.IOException("connection closed by peer") : cause;
                long delay = scheduleNext();
                listener.disconnected(lastCause, delay);
            }
            super.channelInactive(ctx);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
