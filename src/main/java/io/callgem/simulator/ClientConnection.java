package io.callgem.simulator;

import io.callgem.protocol.EndEnumeration;
import io.callgem.protocol.EnumerateOutcomes;
import io.callgem.protocol.EnumerationFinished;
import io.callgem.protocol.ErrorReply;
import io.callgem.protocol.MalformedFrame;
import io.callgem.protocol.SdmpFrameEncoder;
import io.callgem.protocol.SdmpMessage;
import io.callgem.protocol.TooLongFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client socket: answers its EO and EE, and writes the outcomes routed to it, injecting the
 * configured {@link Faults}. The last handler of the channel's pipeline; one per channel. All
 * writes happen on the channel's event loop.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    private static final Log LOG = Log.of(ClientConnection.class);
    /** Batches handed over but not yet written, beyond which the emitter waits. */
    private static final int MAX_IN_FLIGHT = 2;
    private static final int LOGGED_FRAME_CHARS = 200;

    private final CallGemSimulator simulator;
    private final Subscriptions subscriptions;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ArrayDeque<Delivery> held = new ArrayDeque<>();
    private volatile Channel channel;
    private volatile boolean stalled;
    private boolean stallDone;
    private boolean severed;
    private long outcomesWritten;

    ClientConnection(CallGemSimulator simulator, Subscriptions subscriptions) {
        this.simulator = simulator;
        this.subscriptions = subscriptions;
    }

    Channel channel() {
        return channel;
    }

    /** The channel's frame encoder, or null once the channel is gone. */
    SdmpFrameEncoder encoder() {
        Channel ch = channel;
        return ch == null ? null : (SdmpFrameEncoder) ch.pipeline().get(CallGemSimulator.ENCODER);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        simulator.connected(this);
        EnumerateOutcomes implied = simulator.impliedSubscription();
        if (implied != null) {
            subscriptions.subscribe(this, implied, 0);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        subscriptions.disconnected(this);
        while (!held.isEmpty()) {
            subscriptions.undeliverable(held.removeFirst());
        }
        simulator.disconnected(this);
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SdmpMessage message) {
                simulator.record(message);
                switch (message.code()) {
                    case "EO" -> enumerate(ctx, message);
                    case "EE" -> end(ctx, message);
                    default -> reply(ctx, new ErrorReply(message.get("TX"), RequestRules.UNSUPPORTED_MESSAGE,
                            "unsupported message " + message.code()));
                }
            } else if (msg instanceof MalformedFrame malformed) {
                LOG.warnf("Malformed frame from %s: %s (%s)", channel.remoteAddress(),
                        head(malformed.raw()), malformed.error());
            } else if (msg instanceof TooLongFrame tooLong) {
                LOG.warnf("Frame of %d characters from %s discarded: too long", tooLong.length(),
                        channel.remoteAddress());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void enumerate(ChannelHandlerContext ctx, SdmpMessage message) {
        ErrorReply error = RequestRules.checkEnumerate(message);
        if (error == null) {
            EnumerateOutcomes eo;
            try {
                eo = EnumerateOutcomes.from(message);
            } catch (RuntimeException e) {
                reply(ctx, new ErrorReply(message.get("TX"), RequestRules.INVALID_PARAMETER, e.getMessage()));
                return;
            }
            error = subscriptions.subscribe(this, eo, simulator.faults().replayOverlap());
        }
        if (error != null) {
            reply(ctx, error);
        }
    }

    private void end(ChannelHandlerContext ctx, SdmpMessage message) {
        ErrorReply error = RequestRules.checkEnd(message);
        if (error != null) {
            reply(ctx, error);
            return;
        }
        EndEnumeration ee = EndEnumeration.from(message);
        if (subscriptions.end(this, ee.transactionId())) {
            ctx.writeAndFlush(new EnumerationFinished(ee.transactionId()).toMessage());
        } else {
            reply(ctx, new ErrorReply(ee.transactionId(), RequestRules.UNKNOWN_TRANSACTION,
                    "no enumeration with this TX"));
        }
    }

    private void reply(ChannelHandlerContext ctx, ErrorReply error) {
        LOG.debugf("ER to %s: %s", channel.remoteAddress(), error);
        ctx.writeAndFlush(error.toMessage());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        simulator.signal();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debugf(cause, "Closing %s", channel.remoteAddress());
        ctx.close();
    }

    /** Whether the emitter may hand it more outcomes now. */
    boolean ready() {
        Channel ch = channel;
        return ch == null || !ch.isActive()
                || (inFlight.get() < MAX_IN_FLIGHT && ch.isWritable() && !stalled);
    }

    /** Hands a batch to the event loop (from any thread). */
    void submit(List<Delivery> batch) {
        inFlight.incrementAndGet();
        try {
            channel.eventLoop().execute(() -> {
                try {
                    deliver(batch);
                } finally {
                    inFlight.decrementAndGet();
                    simulator.signal();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            batch.forEach(subscriptions::undeliverable);
        }
    }

    /** Writes outcomes (on the event loop), then flushes. */
    void deliver(List<Delivery> batch) {
        for (Delivery d : batch) {
            if (severed || !channel.isActive()) {
                subscriptions.disconnected(this);
                subscriptions.undeliverable(d);
            } else if (d.subscription().connection() != this) {
                subscriptions.undeliverable(d);
            } else if (stalled) {
                held.addLast(d);
            } else {
                write(d);
            }
        }
        channel.flush();
    }

    private void write(Delivery delivery) {
        ChannelFuture last = channel.write(delivery.message());
        outcomesWritten++;
        simulator.outcomeWritten();
        Faults faults = simulator.faults();
        if (faults.malformedEvery() > 0 && outcomesWritten % faults.malformedEvery() == 0) {
            last = channel.write(Faults.MALFORMED_FRAME);
        }
        if (faults.severAfterOutcomes() > 0 && outcomesWritten >= faults.severAfterOutcomes()) {
            sever(last, faults);
        } else if (faults.stallAfterOutcomes() > 0 && outcomesWritten >= faults.stallAfterOutcomes() && !stallDone) {
            stall(faults);
        }
    }

    private void sever(ChannelFuture last, Faults faults) {
        severed = true;
        LOG.infof("Fault: severing %s after %d outcomes", channel.remoteAddress(), outcomesWritten);
        subscriptions.disconnected(this);
        if (!faults.refuseAfterSever().isZero()) {
            simulator.refuseConnections(faults.refuseAfterSever());
        }
        channel.flush();
        last.addListener(ChannelFutureListener.CLOSE);
    }

    private void stall(Faults faults) {
        stallDone = true;
        stalled = true;
        LOG.infof("Fault: stalling %s for %s after %d outcomes", channel.remoteAddress(), faults.stallFor(),
                outcomesWritten);
        channel.eventLoop().schedule(() -> {
            stalled = false;
            List<Delivery> release = new ArrayList<>(held);
            held.clear();
            deliver(release);
            simulator.signal();
        }, faults.stallFor().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Closes the socket (from any thread). */
    void sever() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** Writes a message as it is (from any thread). */
    void send(Object message) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(message);
        }
    }

    private static String head(String raw) {
        return raw.length() <= LOGGED_FRAME_CHARS ? raw : raw.substring(0, LOGGED_FRAME_CHARS) + "...";
    }

    @Override
    public String toString() {
        Channel ch = channel;
        return "client " + (ch == null ? "?" : ch.remoteAddress());
    }
}
