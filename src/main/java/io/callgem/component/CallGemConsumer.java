package io.callgem.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.callgem.component.internal.FeedConnection;
import io.callgem.component.internal.Subscription;
import io.callgem.component.internal.Subscriptions;
import io.callgem.component.internal.TransactionIds;
import io.callgem.protocol.EndEnumeration;
import io.callgem.protocol.EnumerateOutcomes;
import io.callgem.protocol.EnumerationFinished;
import io.callgem.protocol.ErrorReply;
import io.callgem.protocol.InvalidOutcomeException;
import io.callgem.protocol.MalformedFrame;
import io.callgem.protocol.Outcome;
import io.callgem.protocol.OutcomeReader;
import io.callgem.protocol.SdmpMessage;
import io.callgem.protocol.TooLongFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to a CallGem outcome feed and turns each OZ into an exchange, or, with {@code batching}, the OZ waiting in
 * a row into one exchange with a {@code List<Outcome>} body (a batch is what has arrived, never a wait for more).
 * <p>
 * Threads: the Netty event loop decodes and keeps the subscription table; a single worker thread per consumer hands
 * messages to the route in arrival order. When more than maxInFlight messages wait for the route, the consumer stops
 * reading the socket (Netty autoRead off) until half of them are done, so a flood is held back by TCP instead of
 * memory.
 */
public class CallGemConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(CallGemConsumer.class);

    /** Connection state, as shown by the health check. */
    public enum State {
        DISCONNECTED,
        CONNECTING,
        CONNECTED,
        SUBSCRIBED
    }

    private final CallGemEndpoint endpoint;
    private final CallGemConfiguration cfg;
    private final Subscriptions subscriptions;
    private final TransactionIds transactionIds;
    private final int highWater;
    private final int lowWater;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong outcomesReceived = new AtomicLong();
    private final AtomicLong invalidOutcomes = new AtomicLong();
    private final AtomicLong malformedFrames = new AtomicLong();
    private final AtomicLong tooLongFrames = new AtomicLong();
    private final AtomicLong errorReplies = new AtomicLong();
    private final AtomicLong unknownMessages = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong readPauses = new AtomicLong();
    private volatile int maxInFlightSeen;

    private volatile State state = State.DISCONNECTED;
    private volatile String lastError;
    private volatile boolean paused;
    private volatile boolean closing;
    private final AtomicLong droppedWhileClosing = new AtomicLong();
    private volatile FeedConnection connection;
    private volatile ExecutorService worker;
    /** Received, waiting for the worker; bounded by maxInFlight through autoRead. */
    private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile CompletableFuture<Void> ended;
    private OutcomeReader outcomeReader; // worker thread only

    public CallGemConsumer(CallGemEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.cfg = endpoint.getConfiguration();
        this.subscriptions = new Subscriptions(cfg.campaignList(), cfg.tenantList());
        this.transactionIds = new TransactionIds(cfg.getTransactionIdPrefix());
        this.highWater = Math.max(1, cfg.getMaxInFlight());
        this.lowWater = highWater / 2;
    }

    @Override
    public CallGemEndpoint getEndpoint() {
        return endpoint;
    }

    // ---- lifecycle

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(
                endpoint.getCamelContext(), "consumers", HealthCheckRepository.class);
        if (repository != null && getHealthCheck() == null) {
            CallGemConsumerHealthCheck check = new CallGemConsumerHealthCheck(this, getRouteId());
            check.setCamelContext(endpoint.getCamelContext());
            check.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
            setHealthCheck(check);
        }
        connect();
    }

    @Override
    protected void doStop() throws Exception {
        unsubscribeAndClose();
        super.doStop();
    }

    @Override
    protected void doSuspend() throws Exception {
        unsubscribeAndClose();
    }

    @Override
    protected void doResume() throws Exception {
        connect();
    }

    private synchronized void connect() {
        if (connection != null) {
            return;
        }
        closing = false;
        paused = false;
        outcomeReader = new OutcomeReader(cfg.oleZoneId(), cfg.isStrict());
        // one thread keeps the order; it runs one drain task at a time over the pending queue, which autoRead bounds
        // to maxInFlight plus one socket read
        ThreadPoolProfile profile = new ThreadPoolProfile("CallGemConsumer");
        profile.setPoolSize(1);
        profile.setMaxPoolSize(1);
        profile.setKeepAliveTime(0L);
        profile.setMaxQueueSize(Integer.MAX_VALUE); // <= 0 would mean a hand-off queue in Camel
        profile.setAllowCoreThreadTimeOut(false);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        worker = endpoint.getCamelContext().getExecutorServiceManager()
                .newThreadPool(this, "CallGemConsumer[" + endpoint.address() + "]", profile);
        EventLoop loop = endpoint.getComponent().eventLoopGroup().next();
        connection = new FeedConnection(endpoint.getHost(), endpoint.getPort(), cfg, loop, new Events());
        state = State.CONNECTING;
        LOG.info("Connecting to CallGem at {} for {}", endpoint.address(), describeSubscriptions());
        connection.start();
    }

    /**
     * Sends EE for every live subscription, waits (bounded) for the EFs, lets the exchanges already received finish,
     * then closes the socket.
     */
    private synchronized void unsubscribeAndClose() throws InterruptedException {
        FeedConnection conn = connection;
        if (conn == null) {
            return;
        }
        conn.stopReconnecting();
        long timeout = cfg.getShutdownTimeout();
        Channel ch = conn.channel();
        if (ch != null && ch.isActive()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            ended = done;
            conn.eventLoop().execute(() -> sendEndEnumerations(ch, done));
            try {
                done.get(timeout, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warn("No EF from CallGem at {} within {} ms for: {}; closing anyway", endpoint.address(), timeout,
                        subscriptions.all().stream().filter(s -> s.status() == Subscription.Status.ENDING).toList());
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.debug("Ending subscriptions failed", e.getCause());
            }
        }
        // nothing more is read; what was received is still handed to the route
        closing = true;
        Channel last = conn.channel();
        if (last != null) {
            last.config().setAutoRead(false);
        }
        ExecutorService w = worker;
        if (w != null) {
            w.shutdown();
            if (!w.awaitTermination(timeout, TimeUnit.MILLISECONDS)) {
                LOG.warn("{} exchange(s) still in flight after {} ms; closing the CallGem connection",
                        inFlight.get(), timeout);
            }
            endpoint.getCamelContext().getExecutorServiceManager().shutdownNow(w);
            worker = null;
            int left = 0;
            while (pending.poll() != null) {
                left++;
            }
            if (left > 0) {
                dropped(left);
            }
        }
        conn.stop(timeout);
        connection = null;
        if (droppedWhileClosing.get() > 0) {
            LOG.warn("{} message(s) arrived after the consumer began to close and were not processed"
                     + " (a persist token lets CallGem replay them)", droppedWhileClosing.get());
        }
        state = State.DISCONNECTED;
        LOG.info("Disconnected from CallGem at {}", endpoint.address());
    }

    /** Event loop. */
    private void sendEndEnumerations(Channel ch, CompletableFuture<Void> done) {
        for (Subscription s : subscriptions.all()) {
            if (s.status() == Subscription.Status.SENT) {
                s.ending();
                EndEnumeration ee = new EndEnumeration(s.transactionId(), s.tenant());
                ch.write(ee.toMessage());
            }
        }
        ch.flush();
        ch.closeFuture().addListener(f -> done.complete(null));
        completeIfEnded();
    }

    private void completeIfEnded() {
        CompletableFuture<Void> done = ended;
        if (done != null && subscriptions.noneEnding()) {
            done.complete(null);
        }
    }

    // ---- public read-only view (health, metrics)

    public State state() {
        return state;
    }

    /** Connected and subscribed, with no subscription rejected. */
    public boolean isReady() {
        return state == State.SUBSCRIBED && !subscriptions.anyFailed();
    }

    public List<CallGemSubscription> subscriptions() {
        return subscriptions.all().stream()
                .map(s -> new CallGemSubscription(s.campaign(), s.tenant(), s.transactionId(), s.status().name(),
                        s.lastError()))
                .toList();
    }

    /** The last connection error or ER, or null. */
    public String lastError() {
        return lastError;
    }

    public long getOutcomesReceived() {
        return outcomesReceived.get();
    }

    public long getInvalidOutcomes() {
        return invalidOutcomes.get();
    }

    public long getMalformedFrames() {
        return malformedFrames.get();
    }

    public long getTooLongFrames() {
        return tooLongFrames.get();
    }

    public long getErrorReplies() {
        return errorReplies.get();
    }

    public long getUnknownMessages() {
        return unknownMessages.get();
    }

    /** Connections established after the first one. */
    public long getReconnects() {
        return reconnects.get();
    }

    /** Messages received but not yet completed by the route. */
    public int getInFlight() {
        return inFlight.get();
    }

    /** The highest in-flight count seen (backpressure keeps it near maxInFlight). */
    public int getMaxInFlightSeen() {
        return maxInFlightSeen;
    }

    /** How often reading was paused because the route fell behind. */
    public long getReadPauses() {
        return readPauses.get();
    }

    private String describeSubscriptions() {
        return subscriptions.all().stream().map(Subscription::describe).toList().toString();
    }

    // ---- connection events (event loop)

    private final class Events implements FeedConnection.Listener {

        @Override
        public void connecting() {
            state = State.CONNECTING;
        }

        @Override
        public void connected(Channel channel, int failedAttempts) {
            state = State.CONNECTED;
            if (connections.incrementAndGet() > 1) {
                reconnects.incrementAndGet();
            }
            LOG.info("Connected to CallGem at {}{}", endpoint.address(),
                    failedAttempts > 0 ? " after " + failedAttempts + " attempt(s)" : "");
            if (paused || inFlight.get() >= highWater) {
                channel.config().setAutoRead(false);
            }
            subscribe(channel);
        }

        @Override
        public void received(Channel channel, Object message) {
            if (message instanceof SdmpMessage m) {
                switch (m.code()) {
                    case "OZ" -> {
                        outcomesReceived.incrementAndGet();
                        dispatch(channel, m);
                    }
                    case "EF" -> onFinished(m);
                    case "ER" -> onError(m);
                    default -> {
                        unknownMessages.incrementAndGet();
                        LOG.debug("Ignoring {} message from CallGem: {}", m.code(),
                                CallGemText.abbreviate(m.toWire()));
                    }
                }
            } else if (message instanceof MalformedFrame mf) {
                malformedFrames.incrementAndGet();
                dispatch(channel, mf);
            } else if (message instanceof TooLongFrame tl) {
                tooLongFrames.incrementAndGet();
                dispatch(channel, tl);
            } else {
                LOG.debug("Ignoring unexpected inbound object {}", message);
            }
        }

        @Override
        public void connectFailed(Throwable cause, boolean firstInRow, long nextDelayMillis) {
            state = State.DISCONNECTED;
            lastError = describe(cause);
            if (firstInRow) {
                LOG.warn("Cannot connect to CallGem at {}: {}; retrying with backoff (up to {} ms), quietly",
                        endpoint.address(), lastError, cfg.getMaxReconnectDelay());
            } else {
                LOG.debug("Connect to CallGem at {} failed again: {}; next attempt in {} ms", endpoint.address(),
                        lastError, nextDelayMillis);
            }
        }

        @Override
        public void disconnected(Throwable cause, long nextDelayMillis) {
            state = State.DISCONNECTED;
            completeIfEnded();
            CompletableFuture<Void> done = ended;
            if (nextDelayMillis < 0) {
                if (done != null) {
                    done.complete(null);
                }
                return; // stopping
            }
            lastError = describe(cause);
            LOG.warn("Connection to CallGem at {} lost: {}; reconnecting in {} ms", endpoint.address(), lastError,
                    nextDelayMillis);
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return null;
        }
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    /** Event loop: one EO per subscription, each with a new TX, the same PS. */
    private void subscribe(Channel channel) {
        ChannelFuture last = null;
        for (Subscription s : subscriptions.all()) {
            s.renew(transactionIds.next());
            EnumerateOutcomes eo = new EnumerateOutcomes(s.transactionId(), s.campaign(), s.tenant(),
                    cfg.isFailures(), cfg.isSuccesses(), cfg.getRate(), emptyToNull(cfg.getPersistToken()));
            last = channel.write(eo.toMessage());
        }
        channel.flush();
        if (last != null) {
            last.addListener((ChannelFuture f) -> {
                if (!f.isSuccess() || !f.channel().isActive()) {
                    return;
                }
                for (Subscription s : subscriptions.all()) {
                    s.sent();
                }
                if (state == State.CONNECTED) {
                    state = State.SUBSCRIBED;
                }
                LOG.info("Subscribed to CallGem outcomes at {}: {}", endpoint.address(), subscriptions.all());
            });
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private void onFinished(SdmpMessage m) {
        String tx;
        try {
            tx = EnumerationFinished.from(m).transactionId();
        } catch (RuntimeException e) {
            tx = m.get("TX");
        }
        Subscription s = subscriptions.byTransactionId(tx);
        if (s == null) {
            LOG.debug("EF for unknown TX {}", tx);
            return;
        }
        s.ended();
        LOG.debug("CallGem ended subscription {}", s);
        completeIfEnded();
    }

    private void onError(SdmpMessage m) {
        errorReplies.incrementAndGet();
        ErrorReply er;
        try {
            er = ErrorReply.from(m);
        } catch (RuntimeException e) {
            er = new ErrorReply(m.get("TX"), -1, m.get("FM"));
        }
        String error = "EC" + er.code() + " " + er.text();
        lastError = "ER " + error + " (TX " + er.transactionId() + ")";
        Subscription s = subscriptions.byTransactionId(er.transactionId());
        if (s != null) {
            s.failed(error);
            LOG.warn("CallGem at {} rejected subscription {}: {}", endpoint.address(), s.describe(), error);
            completeIfEnded();
        } else {
            LOG.warn("CallGem at {} replied ER with unknown TX {}: {}", endpoint.address(), er.transactionId(),
                    error);
        }
    }

    // ---- handing messages to the route

    /** Event loop: queue for the worker; pause reading when the route falls behind. */
    private void dispatch(Channel channel, Object message) {
        int n = inFlight.incrementAndGet();
        if (n > maxInFlightSeen) {
            maxInFlightSeen = n;
        }
        if (n >= highWater && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
            paused = true;
            readPauses.incrementAndGet();
            LOG.debug("Route behind by {} messages: pausing reads", n);
        }
        ExecutorService w = worker;
        if (closing || w == null || w.isShutdown()) {
            dropped(1);
            return;
        }
        pending.add(message);
        if (draining.compareAndSet(false, true)) {
            try {
                w.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                int n2 = 0;
                while (pending.poll() != null) {
                    n2++;
                }
                dropped(n2);
            }
        }
    }

    private void dropped(int messages) {
        inFlight.addAndGet(-messages);
        droppedWhileClosing.addAndGet(messages);
    }

    /** Event loop: resume reading once the route caught up. */
    private void resumeIfCaughtUp() {
        if (paused && !closing && inFlight.get() <= lowWater) {
            paused = false;
            FeedConnection conn = connection;
            Channel ch = conn == null ? null : conn.channel();
            if (ch != null) {
                LOG.debug("Route caught up: resuming reads");
                ch.config().setAutoRead(true);
            }
        }
    }

    /**
     * Worker thread: hands what is pending to the route, one exchange at a time so order is kept; with batching, the
     * outcomes waiting in a row go in one exchange. Scheduled again by the event loop when more arrives.
     */
    private void drain() {
        do {
            try {
                Object next;
                while ((next = pending.poll()) != null) {
                    if (cfg.isBatching() && next instanceof SdmpMessage oz) {
                        drainBatch(oz);
                    } else {
                        process(next);
                    }
                }
            } finally {
                draining.set(false);
            }
        } while (!pending.isEmpty() && draining.compareAndSet(false, true));
    }

    /**
     * Worker thread: the outcome in {@code first} and those after it in the queue, up to maxBatchSize, as one
     * exchange; a message that is not a readable outcome ends the batch and follows it in an exchange of its own.
     */
    private void drainBatch(SdmpMessage first) {
        int max = Math.max(1, cfg.getMaxBatchSize());
        List<Outcome> batch = new ArrayList<>();
        Object next = first;
        while (next != null) {
            Outcome outcome = next instanceof SdmpMessage oz ? readForBatch(oz) : null;
            if (outcome == null) {
                processBatch(batch);
                process(next);
                return;
            }
            batch.add(outcome);
            next = batch.size() < max ? pending.poll() : null;
        }
        processBatch(batch);
    }

    /** The outcome, or null when the message must go alone (it fails to read, or is rejected in strict mode). */
    private Outcome readForBatch(SdmpMessage oz) {
        try {
            Outcome outcome = outcomeReader.read(oz);
            if (outcome != null && !outcome.valid()) {
                invalidOutcomes.incrementAndGet();
            }
            return outcome;
        } catch (InvalidOutcomeException | RuntimeException e) {
            return null; // read again by process(), which turns the failure into the right exception
        }
    }

    private void processBatch(List<Outcome> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Exchange exchange = createExchange(false);
        exchange.getIn().setBody(batch);
        exchange.getIn().setHeader(CallGemConstants.BATCH_SIZE, batch.size());
        route(exchange, batch.size());
    }

    /** Worker thread: one message, one exchange. */
    private void process(Object message) {
        Exchange exchange;
        try {
            exchange = createExchange(false);
            populate(exchange, message);
        } catch (RuntimeException e) {
            LOG.warn("Unexpected error handing a CallGem message to the route", e);
            done(1);
            return;
        }
        route(exchange, 1);
    }

    /** Worker thread: the route processes the exchange synchronously; {@code messages} are then done. */
    private void route(Exchange exchange, int messages) {
        try {
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                // the route's error handler did not handle it; log it and keep the connection
                getExceptionHandler().handleException("Error processing CallGem message", exchange,
                        exchange.getException());
            }
            releaseExchange(exchange, false);
        } catch (Throwable t) {
            LOG.warn("Unexpected error handing a CallGem message to the route", t);
        } finally {
            done(messages);
        }
    }

    private void done(int messages) {
        int n = inFlight.addAndGet(-messages);
        if (paused && n <= lowWater) {
            FeedConnection conn = connection;
            if (conn != null) {
                conn.eventLoop().execute(this::resumeIfCaughtUp);
            }
        }
    }

    private void populate(Exchange exchange, Object message) {
        Message in = exchange.getIn();
        if (message instanceof SdmpMessage oz) {
            populateOutcome(exchange, oz);
        } else if (message instanceof MalformedFrame mf) {
            in.setBody(mf.raw());
            in.setHeader(CallGemConstants.VALID, false);
            in.setHeader(CallGemConstants.RAW, mf.raw());
            reject(exchange, new CallGemMalformedFrameException(mf.raw(), mf.error()));
            LOG.debug("Malformed frame from CallGem: {} ({})", CallGemText.abbreviate(mf.raw()), mf.error());
        } else if (message instanceof TooLongFrame tl) {
            in.setBody(tl.head());
            in.setHeader(CallGemConstants.VALID, false);
            in.setHeader(CallGemConstants.RAW, tl.head());
            reject(exchange, new CallGemFrameTooLongException(tl.length(), tl.head(), cfg.getMaxFrameLength()));
            LOG.warn("Discarded a CallGem frame of {} characters (maxFrameLength {})", tl.length(),
                    cfg.getMaxFrameLength());
        }
    }

    /**
     * Hands bad input to the route's error handler (onException, dead letter) as a failed exchange. Marked as
     * exhausted so a redelivery policy does not "retry" it through the route's steps: there is nothing to retry.
     */
    private static void reject(Exchange exchange, CallGemException cause) {
        exchange.setException(cause);
        exchange.getExchangeExtension().setRedeliveryExhausted(true);
    }

    private void populateOutcome(Exchange exchange, SdmpMessage oz) {
        Message in = exchange.getIn();
        Outcome outcome;
        try {
            outcome = outcomeReader.read(oz);
        } catch (InvalidOutcomeException e) {
            outcome = e.outcome();
            reject(exchange, new CallGemInvalidOutcomeException(e));
        } catch (RuntimeException e) {
            // the reader should never throw otherwise; if it does, treat the frame as malformed rather than lose it
            String raw = oz.toWire();
            malformedFrames.incrementAndGet();
            in.setBody(raw);
            in.setHeader(CallGemConstants.VALID, false);
            in.setHeader(CallGemConstants.RAW, raw);
            reject(exchange, new CallGemMalformedFrameException(raw, e.toString()));
            return;
        }
        if (outcome == null) {
            invalidOutcomes.incrementAndGet();
            String raw = oz.toWire();
            in.setBody(raw);
            in.setHeader(CallGemConstants.VALID, false);
            in.setHeader(CallGemConstants.RAW, raw);
            return;
        }
        in.setBody(outcome);
        in.setHeader(CallGemConstants.TENANT, outcome.tenant());
        in.setHeader(CallGemConstants.CAMPAIGN, outcome.campaign());
        in.setHeader(CallGemConstants.SESSION_ID, outcome.sessionId());
        in.setHeader(CallGemConstants.REASON, outcome.reason());
        in.setHeader(CallGemConstants.TRANSACTION_ID, outcome.transactionId());
        in.setHeader(CallGemConstants.VALID, outcome.valid());
        if (!outcome.valid()) {
            invalidOutcomes.incrementAndGet();
            in.setHeader(CallGemConstants.RAW, oz.toWire());
        }
    }
}
