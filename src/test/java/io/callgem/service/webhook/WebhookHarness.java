package io.callgem.service.webhook;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The webhook sink as the service runs it, without Quarkus: the real {@code routes/webhooks.yaml},
 * the real beans wired as {@link WebhookBeans} wires them, a persistent embedded Artemis broker,
 * the readers started as {@link WebhookBeans} starts them, and stand-ins for the lead's
 * {@code direct:dead-letter} route and delivery counter that record what reached them. Can be stopped and started again on the same broker journal.
 */
final class WebhookHarness implements AutoCloseable {

    /** What reached the dead letter: the reason (the caught exception's message), sink, body, headers. */
    record DeadLetter(String reason, String sink, String body, Map<String, Object> headers) {
    }

    /** What the delivered counter was called with. */
    record Delivered(String sink, String tenant, String outcomeId) {
    }

    private static final String BROKER_URL = "vm://47";
    /** The broker's audit log repeats every message at INFO; kept referenced so the level sticks. */
    private static final java.util.logging.Logger AUDIT = java.util.logging.Logger.getLogger("org.apache.activemq.audit");

    static {
        AUDIT.setLevel(java.util.logging.Level.WARNING);
    }

    private final Path journal;
    final WebhookSettings settings;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    /** While above zero, the dead letter stand-in fails (and counts it down), as a full disk would. */
    final java.util.concurrent.atomic.AtomicInteger deadLetterFailures = new java.util.concurrent.atomic.AtomicInteger();
    private EmbeddedActiveMQ broker;
    private CamelContext camel;
    private ProducerTemplate producer;
    private io.callgem.service.DeliveredIds queued;
    private WebhookSender sender;
    private WebhookReaders readers;
    private WebhookAttempt attempt;

    WebhookHarness(Path journal, Map<String, String> properties) {
        this.journal = journal;
        this.settings = WebhookSettings.read(properties.keySet(), name -> Optional.ofNullable(properties.get(name)));
    }

    WebhookHarness start() throws Exception {
        return start(true);
    }

    /** The broker and the routes, but no reader yet: what is delivered waits in the queue, as after a restart. */
    WebhookHarness startWithoutReaders() throws Exception {
        return start(false);
    }

    private WebhookHarness start(boolean withReaders) throws Exception {
        try {
            doStart();
            if (withReaders) {
                startReaders();
            }
            return this;
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    /** Starts the webhook readers, unless they run already, on their connection factory as WebhookBeans makes it. */
    void startReaders() {
        if (readers == null) {
            readers = new WebhookReaders(settings, WebhookReader.connectionFactory(BROKER_URL, null, null), attempt,
                    (tenant, outcomeId) -> delivered.add(new Delivered("webhook", tenant, outcomeId)), camel);
        }
    }

    private void doStart() throws Exception {
        broker = io.callgem.service.PersistentTestBroker.start("webhook-test", journal, BROKER_URL);

        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(15);
        JmsComponent jms = new JmsComponent();
        ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory(BROKER_URL);
        jms.setConnectionFactory(broker);
        camel.addComponent("jms", jms);
        // as the service's JmsConnections does for its producers
        var caching = new org.springframework.jms.connection.CachingConnectionFactory(broker);
        camel.getRegistry().bind("cachingConnectionFactory", caching);
        Clock clock = Clock.systemUTC();
        Random random = new Random();
        // the ledger lives beside the journal, as the service keeps it beside the broker's
        queued = new io.callgem.service.DeliveredIds(journal.resolve("webhooks-queued.dat"), 10_000, 1 << 20);
        camel.getRegistry().bind("webhookEnqueue",
                new WebhookEnqueue(settings, new io.callgem.service.JmsBatch(caching, queued, false)));
        sender = new WebhookSender(settings.connectTimeout(), settings.requestTimeout(), 8, clock);
        attempt = new WebhookAttempt(settings, sender,
                new Backoff(settings.initialBackoff(), settings.maxBackoff(), random::nextDouble),
                new WebhookMetrics(registry), clock);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/webhooks.yaml"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // no retries of its own: a failure here is the dead letter failing
                from("direct:dead-letter").routeId("dead-letter").errorHandler(noErrorHandler()).process(exchange -> {
                    if (deadLetterFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new java.io.IOException("No space left on device");
                    }
                    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                    deadLetters.add(new DeadLetter(cause == null ? null : cause.getMessage(),
                            exchange.getProperty("sink", String.class), exchange.getMessage().getBody(String.class),
                            new java.util.HashMap<>(exchange.getMessage().getHeaders())));
                });
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    /** As the main route's multicast does it: a batch (here of one document). */
    void deliver(String outcomeId, String tenant) {
        producer.sendBodyAndHeader("direct:deliver-webhooks", document(outcomeId, tenant), "outcomeBatch", 1);
    }

    static String document(String outcomeId, String tenant) {
        return "{\"outcomeId\":\"" + outcomeId + "\",\"tenant\":\"" + tenant + "\",\"agent\":\"Zoë\",\"reason\":10}";
    }

    double count(String meter, String tenant) {
        var counter = registry.find(meter).tag("tenant", tenant).counter();
        return counter == null ? 0 : counter.count();
    }

    CamelContext camel() {
        return camel;
    }

    /** A graceful stop, as on SIGTERM: the readers first (attempts under way finish), the routes, the broker. */
    void stop() throws Exception {
        if (readers != null) {
            readers.stop(15_000);
            readers = null;
        }
        if (camel != null) {
            camel.stop();
            camel = null;
        }
        if (broker != null) {
            broker.stop();
            broker = null;
        }
        if (queued != null) {
            queued.stop();
            queued = null;
        }
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
