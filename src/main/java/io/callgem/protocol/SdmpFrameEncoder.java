package io.callgem.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.Charset;

/**
 * Writes an {@link SdmpMessage} (its {@link SdmpMessage#toWire()}) or any CharSequence as-is,
 * followed by the terminator, in the channel's charset. In ASCII mode characters above U+00FF
 * cannot be sent and are written as '?'.
 */
@ChannelHandler.Sharable
public final class SdmpFrameEncoder extends MessageToByteEncoder<Object> {

    private final Charset charset;
    private final int unit;
    private final String terminator;

    public SdmpFrameEncoder(CallGemCharset charset) {
        this(charset, Terminator.NUL);
    }

    public SdmpFrameEncoder(CallGemCharset charset, Terminator terminator) {
        super(Object.class);
        this.charset = charset.charset();
        this.unit = charset.bytesPerUnit();
        this.terminator = terminator.text();
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof SdmpMessage || msg instanceof CharSequence;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Object msg, boolean preferDirect) {
        int chars = msg instanceof CharSequence cs ? cs.length() : 256;
        int size = (chars + terminator.length()) * unit;
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    /**
     * The bytes {@link #encode} writes for {@code text}: its characters in the channel's charset and
     * the terminator, for a frame encoded ahead of time (the simulator's prepared floods) and
     * written as a ByteBuf, which this encoder passes on untouched.
     */
    public byte[] frame(CharSequence text) {
        return (text + terminator).getBytes(charset);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        CharSequence text = msg instanceof SdmpMessage m ? m.toWire() : (CharSequence) msg;
        out.writeCharSequence(text, charset);
        out.writeCharSequence(terminator, charset);
    }
}
