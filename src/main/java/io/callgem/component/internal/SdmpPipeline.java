package io.callgem.component.internal;

import java.util.concurrent.TimeUnit;

import io.callgem.component.CallGemConfiguration;
import io.callgem.protocol.SdmpFrameDecoder;
import io.callgem.protocol.SdmpFrameEncoder;
import io.callgem.protocol.SdmpMessageDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Builds the client bootstrap: frame decoder, message decoder, encoder, optional idle timer, then the owner's handler
 * last. Decoders are stateful, so every channel gets fresh instances.
 */
public final class SdmpPipeline {

    private SdmpPipeline() {
    }

    public static Bootstrap bootstrap(EventLoop loop, CallGemConfiguration cfg, boolean idleTimer,
                                      java.util.function.Supplier<ChannelHandler> handler) {
        return new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, cfg.getConnectTimeout()))
                .option(ChannelOption.SO_KEEPALIVE, cfg.isTcpKeepAlive())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        init(ch, cfg, idleTimer, handler.get());
                    }
                });
    }

    static void init(Channel ch, CallGemConfiguration cfg, boolean idleTimer, ChannelHandler handler) {
        if (idleTimer && cfg.getIdleTimeout() > 0) {
            ch.pipeline().addLast("idle", new IdleStateHandler(cfg.getIdleTimeout(), 0, 0, TimeUnit.MILLISECONDS));
        }
        ch.pipeline()
                .addLast("frames", new SdmpFrameDecoder(cfg.callGemCharset(), cfg.getMaxFrameLength()))
                .addLast("messages", new SdmpMessageDecoder())
                .addLast("encoder", new SdmpFrameEncoder(cfg.callGemCharset(), cfg.wireTerminator()))
                .addLast("handler", handler);
    }
}
