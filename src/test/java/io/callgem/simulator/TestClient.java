package io.callgem.simulator;

import io.callgem.protocol.CallGemCharset;
import io.callgem.protocol.MalformedFrame;
import io.callgem.protocol.SdmpFrameDecoder;
import io.callgem.protocol.SdmpMessage;
import io.callgem.protocol.SdmpMessageDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import static org.awaitility.Awaitility.await;

/**
 * A blocking CallGem client for the tests: a plain socket, the protocol's decoders run in an
 * {@link EmbeddedChannel} on the bytes read. Every read has a deadline.
 */
final class TestClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    /** Frame the tests send through {@link CallGemSimulator#send(String)} to mark "that was all". */
    static final String END_MARKER = "ZZ\\TXend";

    /**
     * Waits (up to 20 s) until {@code count} stops changing between two looks 300 ms apart, e.g. a
     * simulator held back by a client that reads nothing; returns where it stopped.
     */
    static long awaitSteady(LongSupplier count) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            long now = count.getAsLong();
            boolean steady = now == last[0];
            last[0] = now;
            return steady;
        });
        return last[0];
    }

    private final Socket socket;
    private final CallGemCharset charset;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel decoder;
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private final byte[] buffer = new byte[64 * 1024];
    private boolean closedByPeer;

    TestClient(int port) throws IOException {
        this(port, CallGemCharset.ASCII);
    }

    TestClient(int port, CallGemCharset charset) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout(50);
        this.charset = charset;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.decoder = new EmbeddedChannel(new SdmpFrameDecoder(charset), new SdmpMessageDecoder());
    }

    /** Sends a frame, NUL-terminated. */
    TestClient send(String frame) throws IOException {
        out.write((frame + "\0").getBytes(charset.charset()));
        out.flush();
        return this;
    }

    /** Sends an EO for all outcomes of a campaign (FO and SO). */
    TestClient subscribe(String tx, String campaign) throws IOException {
        return send("EO\\TX" + tx + "\\CN" + campaign + "\\FO\\SO");
    }

    /** The next decoded frame: an SdmpMessage or a MalformedFrame. */
    Object nextFrame(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inbox.isEmpty()) {
            if (closedByPeer) {
                throw new AssertionError("connection closed by the simulator");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("nothing received within " + timeout);
            }
            readOnce();
        }
        return inbox.removeFirst();
    }

    SdmpMessage next() throws IOException {
        Object frame = nextFrame(WAIT);
        if (frame instanceof SdmpMessage m) {
            return m;
        }
        throw new AssertionError("expected a message, got " + frame);
    }

    List<SdmpMessage> next(int n) throws IOException {
        List<SdmpMessage> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            messages.add(next());
        }
        return messages;
    }

    /** Messages up to (without) the end marker the test sent. */
    List<SdmpMessage> untilEndMarker() throws IOException {
        List<SdmpMessage> messages = new ArrayList<>();
        for (SdmpMessage m = next(); !m.code().equals("ZZ"); m = next()) {
            messages.add(m);
        }
        return messages;
    }

    /** Whether anything arrives within {@code window}. */
    boolean receivesWithin(Duration window) throws IOException {
        long deadline = System.nanoTime() + window.toNanos();
        while (inbox.isEmpty() && !closedByPeer && System.nanoTime() - deadline < 0) {
            readOnce();
        }
        return !inbox.isEmpty();
    }

    /** Reads until the simulator closes the socket; returns the frames that came before. */
    List<Object> readUntilClosed() throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!closedByPeer) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("socket not closed within " + WAIT);
            }
            readOnce();
        }
        List<Object> frames = new ArrayList<>(inbox);
        inbox.clear();
        return frames;
    }

    private void readOnce() throws IOException {
        int n;
        try {
            n = in.read(buffer);
        } catch (SocketTimeoutException e) {
            return;
        } catch (IOException e) {
            closedByPeer = true;   // reset by peer
            return;
        }
        if (n < 0) {
            closedByPeer = true;
            return;
        }
        decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
        for (Object frame = decoder.readInbound(); frame != null; frame = decoder.readInbound()) {
            if (!(frame instanceof SdmpMessage) && !(frame instanceof MalformedFrame)) {
                throw new AssertionError("unexpected frame " + frame);
            }
            inbox.addLast(frame);
        }
    }

    @Override
    public void close() throws IOException {
        decoder.finishAndReleaseAll();
        socket.close();
    }
}
