package io.callgem.component.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.callgem.component.CallGemConfiguration;
import io.callgem.protocol.SdmpMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's connection: opened on first use, re-opened when found closed, one request at a time. A reply is an
 * EF or ER whose TX matches the request (an ER without TX also matches: CallGem sends that for a request without TX).
 */
public final class RequestConnection {

    private static final Logger LOG = LoggerFactory.getLogger(RequestConnection.class);

    private final String host;
    private final int port;
    private final CallGemConfiguration cfg;
    private final Bootstrap bootstrap;
    private volatile Channel channel;
    private volatile Pending pending;

    private record Pending(String transactionId, CompletableFuture<SdmpMessage> reply) {
    }

    public RequestConnection(String host, int port, CallGemConfiguration cfg, EventLoop loop) {
        this.host = host;
        this.port = port;
        this.cfg = cfg;
        this.bootstrap = SdmpPipeline.bootstrap(loop, cfg, false, Replies::new);
    }

    /** Writes the request; when {@code expectReply}, returns a future of the matching EF/ER, else null. */
    public synchronized CompletableFuture<SdmpMessage> send(SdmpMessage request, boolean expectReply)
            throws Exception {
        Channel ch = connected();
        CompletableFuture<SdmpMessage> reply = null;
        if (expectReply) {
            reply = new CompletableFuture<>();
            pending = new Pending(request.get("TX"), reply);
        }
        ChannelFuture written = ch.writeAndFlush(request);
        if (!written.awaitUninterruptibly(cfg.getConnectTimeout()) || !written.isSuccess()) {
            pending = null;
            Throwable cause = written.cause();
            throw new java.io.IOException("Cannot write to CallGem at " + host + ":" + port
                                          + (cause == null ? ": timeout" : ": " + cause), cause);
        }
        return reply;
    }

    /** Forgets the request a reply was awaited for (after a timeout). */
    public void abandon(CompletableFuture<SdmpMessage> reply) {
        Pending p = pending;
        if (p != null && p.reply() == reply) {
            pending = null;
        }
    }

    private Channel connected() throws Exception {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            return ch;
        }
        ChannelFuture f = bootstrap.connect(host, port);
        if (!f.awaitUninterruptibly(cfg.getConnectTimeout() + 1000, TimeUnit.MILLISECONDS)) {
            f.cancel(false);
            throw new java.net.ConnectException("Timeout connecting to CallGem at " + host + ":" + port);
        }
        if (!f.isSuccess()) {
            throw new java.net.ConnectException(
                    "Cannot connect to CallGem at " + host + ":" + port + ": " + f.cause().getMessage());
        }
        channel = f.channel();
        return channel;
    }

    public void close() {
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close().awaitUninterruptibly(cfg.getConnectTimeout());
        }
    }

    private final class Replies extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            Pending p = pending;
            if (msg instanceof SdmpMessage m && p != null && ("EF".equals(m.code()) || "ER".equals(m.code()))) {
                String tx = m.get("TX");
                if (tx == null ? "ER".equals(m.code()) : tx.equals(p.transactionId())) {
                    pending = null;
                    p.reply().complete(m);
                    return;
                }
            }
            LOG.debug("Producer ignores unsolicited message from CallGem: {}", msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            Pending p = pending;
            if (p != null) {
                p.reply().completeExceptionally(
                        new java.io.IOException("CallGem at " + host + ":" + port + " closed the connection"));
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("Producer connection error", cause);
            ctx.close();
        }
    }
}
