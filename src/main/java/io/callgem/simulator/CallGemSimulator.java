package io.callgem.simulator;

import io.callgem.protocol.CallGemCharset;
import io.callgem.protocol.EnumerateOutcomes;
import io.callgem.protocol.Outcome;
import io.callgem.protocol.OutcomeWriter;
import io.callgem.protocol.SdmpFrameDecoder;
import io.callgem.protocol.SdmpFrameEncoder;
import io.callgem.protocol.SdmpMessage;
import io.callgem.protocol.SdmpMessageDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An in-JVM CallGem outcome feed: a TCP server speaking SDMP that answers EO/EE like CallGem
 * and sends OZ outcomes, generated ({@link OutcomeGenerator}) or given by a test.
 *
 * <pre>{@code
 * try (CallGemSimulator simulator = new CallGemSimulator(SimulatorSettings.forTests())) {
 *     int port = simulator.start();
 *     // ... connect a client to 127.0.0.1:port and subscribe ...
 *     simulator.awaitSubscriptions(1, Duration.ofSeconds(5));
 *     simulator.generate(10);
 * }
 * }</pre>
 *
 * <p>Rules it enforces are in {@code docs/simulator.md}. All methods are thread-safe; none may be
 * called from a Netty event loop thread of the simulator (they may wait for it).
 */
public final class CallGemSimulator implements AutoCloseable {

    private static final Log LOG = Log.of(CallGemSimulator.class);
    private static final long POLL_MILLIS = 20;
    /** The name of each client channel's frame encoder. */
    static final String ENCODER = "encoder";

    private final SimulatorSettings settings;
    private final Subscriptions subscriptions;
    private final OutcomeWriter writer;
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong totalConnections = new AtomicLong();
    private final AtomicLong outcomesSent = new AtomicLong();
    private final List<SdmpMessage> received = new ArrayList<>();
    private final Object signal = new Object();
    private volatile long signals;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private volatile Faults faults;
    private volatile EnumerateOutcomes impliedSubscription;
    private volatile long refuseUntilNanos;
    private volatile boolean refusing;
    private volatile boolean running;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private OutcomeGenerator generator;
    private Emitter emitter;
    private Thread emitterThread;

    public CallGemSimulator(SimulatorSettings settings) {
        this.settings = settings;
        this.faults = settings.faults();
        this.writer = new OutcomeWriter(settings.oleZone());
        this.subscriptions = new Subscriptions(settings.historyBound(), writer, this::signal);
    }

    /** Creates and starts a simulator. */
    public static CallGemSimulator start(SimulatorSettings settings) {
        CallGemSimulator simulator = new CallGemSimulator(settings);
        simulator.start();
        return simulator;
    }

    /**
     * Binds every listener and starts generating (if the settings ask for it).
     *
     * @return the port of the first listener (the free port chosen when it was 0)
     * @throws IllegalStateException when a port cannot be bound
     */
    public synchronized int start() {
        if (running) {
            throw new IllegalStateException("already started");
        }
        bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("callgem-simulator-accept", true));
        workerGroup = new NioEventLoopGroup(2, new DefaultThreadFactory("callgem-simulator-io", true));
        running = true;
        try {
            for (SimulatorSettings.Listener listener : settings.listeners()) {
                Channel server = bootstrap(listener.charset())
                        .bind(settings.host(), listener.port()).sync().channel();
                serverChannels.add(server);
                int port = ((InetSocketAddress) server.localAddress()).getPort();
                ports.add(port);
                LOG.infof("CallGem simulator listening on %s:%d (%s)", settings.host(), port, listener.charset());
            }
        } catch (Exception e) {
            stop();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot listen on " + settings.host() + " " + settings.listeners(), e);
        }
        Instant startTime = settings.startTime() != null ? settings.startTime() : Instant.now();
        Duration spacing = settings.ratePerSecond() > 0
                ? Duration.ofNanos((long) (1e9 / settings.ratePerSecond())) : Duration.ofMillis(1);
        generator = new OutcomeGenerator(settings.seed(), settings.campaigns(), settings.tenants(), startTime,
                spacing);
        if (settings.count() != 0) {
            emitter = new Emitter(this, generator, settings.ratePerSecond(), settings.count());
            emitterThread = new Thread(emitter, "callgem-simulator-emitter");
            emitterThread.setDaemon(true);
            emitterThread.start();
        }
        return ports.get(0);
    }

    private ServerBootstrap bootstrap(CallGemCharset charset) {
        SdmpMessageDecoder messageDecoder = new SdmpMessageDecoder();
        SplitWriter splitWriter = new SplitWriter(this::faults);
        return new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (refusing()) {
                            LOG.infof("Fault: refusing connection from %s", ch.remoteAddress());
                            ch.close();
                            return;
                        }
                        ch.pipeline()
                                .addLast("split-writes", splitWriter)
                                .addLast("frames", new SdmpFrameDecoder(charset,
                                        SdmpFrameDecoder.DEFAULT_MAX_FRAME_LENGTH))
                                .addLast("messages", messageDecoder)
                                .addLast(ENCODER, new SdmpFrameEncoder(charset, settings.terminator()))
                                .addLast("client", new ClientConnection(CallGemSimulator.this, subscriptions));
                    }
                });
    }

    /** Stops generating, closes every socket and releases the threads. Idempotent. */
    public synchronized void stop() {
        boolean wasRunning = running;
        running = false;
        if (emitter != null) {
            emitter.stop();
            emitterThread.interrupt();
        }
        signal();
        for (Channel server : serverChannels) {
            server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        serverChannels.clear();
        connections.forEach(ClientConnection::sever);
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            bossGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
            workerGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
            bossGroup = null;
            workerGroup = null;
        }
        if (emitterThread != null) {
            try {
                emitterThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (wasRunning) {
            LOG.infof("CallGem simulator on %s stopped after %d outcomes sent", ports, outcomesSent());
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** The port of the first listener (after {@link #start()}). */
    public synchronized int port() {
        if (ports.isEmpty()) {
            throw new IllegalStateException("not started");
        }
        return ports.get(0);
    }

    /** The bound ports, in the order of {@link SimulatorSettings#listeners()}. */
    public synchronized List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** The bound port of the first listener speaking {@code charset}. */
    public synchronized int port(CallGemCharset charset) {
        for (int i = 0; i < ports.size(); i++) {
            if (settings.listeners().get(i).charset() == charset) {
                return ports.get(i);
            }
        }
        throw new IllegalArgumentException("no " + charset + " listener");
    }

    // ---- sending

    /** Writes a raw frame (terminator added) to every connected client, exactly as given. */
    public void send(String rawFrame) {
        connections.forEach(c -> c.send(rawFrame));
    }

    /** Writes a message to every connected client, exactly as given (no TX is changed). */
    public void send(SdmpMessage message) {
        connections.forEach(c -> c.send(message));
    }

    /**
     * Routes an outcome like a generated one: to every matching subscription under its TX (the
     * outcome's own transaction id is replaced), or into the backlog of away persist tokens.
     *
     * @return how many subscriptions it went to
     */
    public int sendOutcome(Outcome outcome) {
        return route(List.of(outcome));
    }

    /**
     * Generates {@code n} outcomes now and routes them, waiting while a subscribed connection
     * is not writable. Works whatever {@link SimulatorSettings#count()} says.
     *
     * @return the outcomes generated (without TX)
     */
    public List<Outcome> generate(int n) {
        OutcomeGenerator g = generatorOrFail();
        List<Outcome> all = new ArrayList<>(n);
        try {
            while (all.size() < n) {
                if (!awaitReady(false)) {
                    break;
                }
                List<Outcome> batch = g.next(Math.min(Emitter.BATCH, n - all.size()));
                route(batch);
                all.addAll(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return all;
    }

    int route(List<Outcome> outcomes) {
        return subscriptions.route(outcomes);
    }

    /**
     * Generates {@code n} outcomes now and encodes each for the subscriptions attached now, to be
     * written by {@link Prepared#send()}: a flood whose sending costs this JVM only the handing
     * over and the socket writes, so that a benchmark on the same cores times the receiver, not
     * the generator. What is prepared goes to the subscriptions attached at that moment (one away
     * then with a persist token keeps none of it in its backlog). Holds the frames' bytes until sent.
     */
    public Prepared prepare(int n) {
        OutcomeGenerator g = generatorOrFail();
        List<Map<ClientConnection, List<Delivery>>> batches = new ArrayList<>();
        for (int left = n; left > 0; left -= Emitter.BATCH) {
            batches.add(subscriptions.encode(g.next(Math.min(Emitter.BATCH, left))));
        }
        return new Prepared(batches);
    }

    /** Outcomes generated and encoded ahead by {@link #prepare(int)}. */
    public final class Prepared {

        private final List<Map<ClientConnection, List<Delivery>>> batches;

        private Prepared(List<Map<ClientConnection, List<Delivery>>> batches) {
            this.batches = batches;
        }

        /**
         * Hands the frames to their connections batch by batch, each when the connections can take
         * more, as {@link #generate(int)} does; each batch once.
         *
         * @return the frames handed over
         */
        public long send() {
            long handed = 0;
            try {
                for (int i = 0; i < batches.size(); i++) {
                    if (!awaitReady(false)) {
                        break;
                    }
                    Map<ClientConnection, List<Delivery>> batch = batches.set(i, Map.of());
                    subscriptions.submit(batch);
                    handed += batch.values().stream().mapToInt(List::size).sum();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return handed;
        }
    }

    /**
     * From now on, every new connection is subscribed as if it had sent {@code eo} first (or,
     * with {@code null}, no longer). For clients that cannot speak first, e.g. the benchmark's
     * plain Camel Netty baseline route.
     */
    public void subscribeOnConnect(EnumerateOutcomes eo) {
        this.impliedSubscription = eo;
    }

    EnumerateOutcomes impliedSubscription() {
        return impliedSubscription;
    }

    // ---- what happened

    /** Every message the clients sent, in arrival order. */
    public List<SdmpMessage> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The messages with {@code code} (e.g. "EE") the clients sent, in arrival order. */
    public List<SdmpMessage> received(String code) {
        synchronized (received) {
            return received.stream().filter(m -> m.code().equals(code)).toList();
        }
    }

    /** Forgets the received messages. */
    public void clearReceived() {
        synchronized (received) {
            received.clear();
        }
    }

    /**
     * Waits for the first message with {@code code} from a client (also one that came earlier).
     *
     * @throws IllegalStateException on timeout
     */
    public SdmpMessage awaitReceived(String code, Duration timeout) {
        return awaitReceived(code, 1, timeout).get(0);
    }

    /**
     * Waits until clients have sent at least {@code count} messages with {@code code}.
     *
     * @return all messages with that code so far
     * @throws IllegalStateException on timeout
     */
    public List<SdmpMessage> awaitReceived(String code, int count, Duration timeout) {
        await(() -> received(code).size() >= count, timeout,
                () -> count + " " + code + " message(s); received " + received());
        return received(code);
    }

    /** The EOs of the subscriptions currently attached to a connection, oldest first. */
    public List<EnumerateOutcomes> activeSubscriptions() {
        return subscriptions.active();
    }

    /**
     * Waits until at least {@code count} subscriptions are attached.
     *
     * @throws IllegalStateException on timeout
     */
    public void awaitSubscriptions(int count, Duration timeout) {
        await(() -> subscriptions.active().size() >= count, timeout,
                () -> count + " subscription(s); have " + subscriptions.active());
    }

    /** Client sockets open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Client sockets accepted since start (refused ones not counted). */
    public long totalConnections() {
        return totalConnections.get();
    }

    /**
     * Waits until {@code count} client sockets are open.
     *
     * @throws IllegalStateException on timeout
     */
    public void awaitConnections(int count, Duration timeout) {
        await(() -> connections.size() == count, timeout,
                () -> count + " connection(s); have " + connections.size());
    }

    /** OZ messages written to sockets since start, replays included. */
    public long outcomesSent() {
        return outcomesSent.get();
    }

    /**
     * Waits until at least {@code count} OZ messages were written.
     *
     * @throws IllegalStateException on timeout
     */
    public void awaitOutcomesSent(long count, Duration timeout) {
        await(() -> outcomesSent.get() >= count, timeout,
                () -> count + " outcomes sent; sent " + outcomesSent.get());
    }

    /** Outcomes generated since start (automatically or by {@link #generate(int)}). */
    public long outcomesGenerated() {
        OutcomeGenerator g = generator;
        return g == null ? 0 : g.generated();
    }

    /** Outcomes kept now for subscribers with a persist token who are away. */
    public long outcomesWaiting() {
        return subscriptions.waiting();
    }

    /** Outcomes dropped from full persist-token histories. */
    public long outcomesDropped() {
        return subscriptions.dropped();
    }

    // ---- faults

    public Faults faults() {
        return faults;
    }

    /** Changes the injected faults from now on. */
    public void faults(Faults faults) {
        this.faults = faults;
    }

    /** Severs every client socket now. */
    public void disconnectClients() {
        LOG.infof("Severing %d client connection(s)", connections.size());
        connections.forEach(ClientConnection::sever);
    }

    /**
     * For {@code duration}, every accepted socket is closed at once (the port stays open, as a
     * CallGem that is restarting behind a load balancer would behave).
     */
    public void refuseConnections(Duration duration) {
        refuseUntilNanos = System.nanoTime() + duration.toNanos();
        refusing = true;
        LOG.infof("Fault: refusing connections for %s", duration);
    }

    private boolean refusing() {
        if (refusing && System.nanoTime() - refuseUntilNanos >= 0) {
            refusing = false;
        }
        return refusing;
    }

    // ---- for the package

    void connected(ClientConnection connection) {
        connections.add(connection);
        totalConnections.incrementAndGet();
        LOG.debugf("Connected: %s", connection);
        signal();
    }

    void disconnected(ClientConnection connection) {
        if (connections.remove(connection)) {
            LOG.debugf("Disconnected: %s", connection);
        }
        signal();
    }

    void record(SdmpMessage message) {
        synchronized (received) {
            received.add(message);
        }
        signal();
    }

    void outcomeWritten() {
        outcomesSent.incrementAndGet();
    }

    void signal() {
        synchronized (signal) {
            signals++;
            signal.notifyAll();
        }
    }

    /**
     * Waits until every subscribed connection can take more (and, with {@code needSubscriber},
     * until someone subscribes).
     *
     * @return false when the simulator stopped
     */
    boolean awaitReady(boolean needSubscriber) throws InterruptedException {
        while (running) {
            long seen = signals;
            if ((!needSubscriber || subscriptions.any()) && subscriptions.connectionsReady()) {
                return true;
            }
            pause(seen, POLL_MILLIS);
        }
        return false;
    }

    /**
     * Waits up to {@code millis} for a signal after {@code seen}. Conditions are checked outside
     * the monitor: the event loops signal while holding the subscriptions' lock.
     */
    private void pause(long seen, long millis) throws InterruptedException {
        synchronized (signal) {
            if (signals == seen) {
                signal.wait(millis);
            }
        }
    }

    private OutcomeGenerator generatorOrFail() {
        OutcomeGenerator g = generator;
        if (g == null) {
            throw new IllegalStateException("not started");
        }
        return g;
    }

    private void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = signals;
            if (condition.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what.get());
            }
            try {
                pause(seen, Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what.get(), e);
            }
        }
    }
}
