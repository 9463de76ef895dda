package io.callgem.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * Parses frames from {@link SdmpFrameDecoder} into {@link SdmpMessage}s. A frame that does not
 * parse becomes a {@link MalformedFrame}: one bad frame must not close the feed.
 * Other inbound objects (e.g. {@link TooLongFrame}) pass through.
 */
@ChannelHandler.Sharable
public final class SdmpMessageDecoder extends MessageToMessageDecoder<String> {

    public SdmpMessageDecoder() {
        super(String.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, String frame, List<Object> out) {
        out.add(decode(frame));
    }

    /** The same decision outside a pipeline: an {@link SdmpMessage} or a {@link MalformedFrame}. */
    public static Object decode(String frame) {
        try {
            return SdmpParser.parse(frame);
        } catch (SdmpParseException e) {
            return new MalformedFrame(frame, e.getMessage());
        } catch (RuntimeException e) {
            // defensive: a parser bug must still not kill the pipeline
            return new MalformedFrame(frame, "unexpected parser failure: " + e);
        }
    }
}
