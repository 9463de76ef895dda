package io.callgem.component;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.callgem.protocol.CallGemCharset;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fake CallGem on 127.0.0.1 for component tests: records the exact bytes each connection sent (split into frames at
 * the NUL terminator), answers EE with EF by default, and injects faults: dropping connections, refusing them for a
 * while, silence, floods. Independent of the protocol package on purpose, so tests check what really crossed the
 * socket.
 */
public final class CallGemTestPeer implements BeforeEachCallback, AfterEachCallback {

    /** One accepted connection. */
    public final class Connection {
        final Channel channel;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> frames = new CopyOnWriteArrayList<>();
        private int frameStart;

        Connection(Channel channel) {
            this.channel = channel;
        }

        /** Everything this connection received, as bytes. */
        public synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        public List<String> frames() {
            return frames;
        }

        public boolean isOpen() {
            return channel.isActive();
        }

        public boolean isWritable() {
            return channel.isWritable();
        }

        synchronized List<String> append(ByteBuf buf) {
            byte[] b = new byte[buf.readableBytes()];
            buf.readBytes(b);
            bytes.write(b, 0, b.length);
            byte[] all = bytes.toByteArray();
            List<String> complete = new ArrayList<>();
            int unit = charset.bytesPerUnit();
            for (int i = frameStart; i + unit <= all.length; i += unit) {
                boolean nul = unit == 1 ? all[i] == 0 : all[i] == 0 && all[i + 1] == 0;
                if (nul) {
                    complete.add(new String(all, frameStart, i - frameStart, charset.charset()));
                    frameStart = i + unit;
                }
            }
            return complete;
        }

        public void send(String frame) {
            channel.writeAndFlush(encode(frame)).syncUninterruptibly();
        }

        public void close() {
            channel.close().syncUninterruptibly();
        }
    }

    private CallGemCharset charset = CallGemCharset.ASCII;
    private EventLoopGroup group;
    private volatile Channel server;
    private int port;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private volatile Function<String, List<String>> responder = CallGemTestPeer::defaultResponder;

    public CallGemTestPeer charset(CallGemCharset charset) {
        this.charset = charset;
        return this;
    }

    /** EE\TXx is answered with EF\TXx; nothing else is answered. */
    public static List<String> defaultResponder(String frame) {
        if (frame.startsWith("EE\\TX")) {
            String tx = frame.substring(5).split("\\\\")[0];
            return List.of("EF\\TX" + tx);
        }
        return List.of();
    }

    /** Replace how frames are answered (called on the peer's event loop). */
    public void respondWith(Function<String, List<String>> responder) {
        this.responder = responder;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        group = new NioEventLoopGroup(1);
        bind(0);
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        connections.forEach(c -> c.channel.close());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void bind(int p) {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Connection c = new Connection(ch);
                        connections.add(c);
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf buf = (ByteBuf) msg;
                                try {
                                    for (String frame : c.append(buf)) {
                                        c.frames.add(frame);
                                        received.add(frame);
                                        for (String reply : responder.apply(frame)) {
                                            ctx.writeAndFlush(encode(reply));
                                        }
                                    }
                                } finally {
                                    ReferenceCountUtil.release(buf);
                                }
                            }
                        });
                    }
                })
                .bind("127.0.0.1", p).syncUninterruptibly().channel();
    }

    public int port() {
        return port;
    }

    /** callgem:127.0.0.1:port?options */
    public String uri(String options) {
        return "callgem:127.0.0.1:" + port + (options == null || options.isEmpty() ? "" : "?" + options);
    }

    public ByteBuf encode(String frame) {
        return Unpooled.copiedBuffer(frame + "\0", charset.charset());
    }

    /** The next frame received on any connection. */
    public String nextFrame() throws InterruptedException {
        String f = received.poll(10, TimeUnit.SECONDS);
        assertThat(f).as("a frame from the consumer within 10 s").isNotNull();
        return f;
    }

    /** The next n frames. */
    public List<String> nextFrames(int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(nextFrame());
        }
        return out;
    }

    public List<Connection> connections() {
        return connections;
    }

    /** Waits for the n-th accepted connection (1-based). */
    public Connection awaitConnection(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() >= n);
        return connections.get(n - 1);
    }

    public Connection latest() {
        assertThat(connections).isNotEmpty();
        return connections.get(connections.size() - 1);
    }

    /** Sends a frame (NUL-terminated) on the latest connection. */
    public void send(String frame) {
        latest().send(frame);
    }

    /** Closes every open connection, as a dialer restart would. */
    public void dropConnections() {
        connections.forEach(c -> c.channel.close().syncUninterruptibly());
    }

    /** Stops listening: connection attempts are refused until {@link #listen()}. */
    public void refuse() {
        server.close().syncUninterruptibly();
    }

    /** Listens again on the same port. */
    public void listen() {
        bind(port);
    }

    /**
     * Writes frames made by {@code frameAt} to the latest connection as fast as the socket takes them, stopping only
     * when it is not writable and resuming when it is, until {@code total} are written. Returns the live count.
     */
    public AtomicLong flood(int total, IntFunction<String> frameAt, AtomicBoolean sawUnwritable) {
        Connection c = latest();
        AtomicLong written = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        Runnable pump = new Runnable() {
            @Override
            public void run() {
                while (next.get() < total) {
                    if (!c.channel.isWritable()) {
                        c.channel.flush();
                        sawUnwritable.set(true);
                        return; // resumed by channelWritabilityChanged
                    }
                    int i = next.getAndIncrement();
                    c.channel.write(encode(frameAt.apply(i))).addListener(f -> {
                        if (f.isSuccess()) {
                            written.incrementAndGet();
                        }
                    });
                    if (i % 64 == 0) {
                        c.channel.flush();
                    }
                }
                c.channel.flush();
            }
        };
        c.channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
                if (ctx.channel().isWritable()) {
                    ctx.channel().eventLoop().execute(pump);
                }
                super.channelWritabilityChanged(ctx);
            }
        });
        c.channel.eventLoop().execute(pump);
        return written;
    }
}
