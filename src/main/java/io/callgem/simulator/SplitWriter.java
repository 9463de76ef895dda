package io.callgem.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.util.function.Supplier;

/**
 * The split-writes fault: while {@link Faults#splitWrites()} is on, each encoded frame leaves in
 * three writes, each flushed on its own: one byte (half a UTF-16LE code unit), then half of the
 * rest, then the remainder. Sits next to the head of the pipeline, after the frame encoder.
 */
@ChannelHandler.Sharable
final class SplitWriter extends ChannelOutboundHandlerAdapter {

    private final Supplier<Faults> faults;

    SplitWriter(Supplier<Faults> faults) {
        this.faults = faults;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf) || buf.readableBytes() < 3 || !faults.get().splitWrites()) {
            ctx.write(msg, promise);
            return;
        }
        try {
            int second = (buf.readableBytes() - 1) / 2;
            ctx.write(buf.readRetainedSlice(1));
            ctx.flush();
            ctx.write(buf.readRetainedSlice(second));
            ctx.flush();
            ctx.write(buf.readRetainedSlice(buf.readableBytes()), promise);
        } finally {
            buf.release();
        }
    }
}
