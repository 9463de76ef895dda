package io.callgem.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.assertj.core.api.Assertions.assertThat;

/** A frame encoded ahead ({@link SdmpFrameEncoder#frame}) is the bytes the encoder writes for the same text. */
class SdmpFrameEncoderProperties {

    @Property(tries = 500)
    void aFrameEncodedAheadIsWhatTheEncoderWrites(@ForAll String text, @ForAll CallGemCharset charset,
            @ForAll Terminator terminator) {
        SdmpFrameEncoder encoder = new SdmpFrameEncoder(charset, terminator);
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        channel.writeOutbound(text);
        ByteBuf written = channel.readOutbound();
        try {
            assertThat(encoder.frame(text)).isEqualTo(ByteBufUtil.getBytes(written));
        } finally {
            written.release();
            channel.finishAndReleaseAll();
        }
    }
}
