package io.callgem.service.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import io.callgem.service.JmsBatch;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSConstants;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.logging.Logger;

/**
 * Reads one webhook's durable queue and POSTs each outcome in it ({@link WebhookAttempt}), on
 * {@link WebhookSettings#consumers consumers} threads of its own, each with its own session: in
 * order, the broker gives each tenant's messages (their JMS message group) to one of them at a
 * time, while the others serve other tenants.
 * <p>
 * A message is acknowledged on its own ({@code INDIVIDUAL_ACKNOWLEDGE}: no commit to wait for)
 * once it is done with: delivered, put back in the queue for its next attempt (a copy with the
 * attempts made and a delivery delay; the connection factory, {@link #connectionFactory},
 * confirms durable sends, so the copy is journaled before the original is acknowledged), or
 * written to the dead letter. A stop or crash mid-attempt leaves it in the queue, to be tried
 * again on the next start; the CRM may then see the same {@code webhook-id} twice (at least
 * once, as Standard Webhooks expects). When even the dead letter cannot be written, the session
 * is closed unacknowledged and the broker delivers the message again.
 * <p>
 * Why not a Camel JMS route (Spring's listener container): per webhook, it built an exchange,
 * mapped every JMS property to a header, ran the route's steps and committed each
 * acknowledgement, several times the cost of the POST itself at 1,000 webhooks a second
 * (docs/performance.md).
 */
public final class WebhookReader {

    /** Delivered a webhook: called with the outcome's tenant and id. */
    @FunctionalInterface
    public interface DeliveredListener {
        void delivered(String tenant, String outcomeId);
    }

    /** Writes the dead letter of a webhook given up; throws when it cannot. */
    @FunctionalInterface
    public interface DeadLetter {
        void write(byte[] document, String outcomeId, String tenant, WebhookDeliveryException reason) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(WebhookReader.class);
    private static final long RECEIVE_TIMEOUT_MS = 200;
    private static final long RETRY_PAUSE_MS = 1000;

    private final Webhook webhook;
    private final int consumers;
    private final ConnectionFactory broker;
    private final WebhookAttempt attempt;
    private final DeliveredListener delivered;
    private final DeadLetter deadLetter;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * The connection factory the readers need. No messages buffered in a consumer
     * ({@code consumerWindowSize=0}): the broker binds a tenant's message group to the consumer
     * it first hands one of that tenant's messages to, and with Artemis' default window of 1 MiB
     * the consumer that connected first took up to ~1,000 waiting outcomes of every tenant at once
     * and then served all those tenants one after the other. Confirmed durable sends: the retries'
     * copies are journaled before the original is acknowledged.
     */
    public static ActiveMQConnectionFactory connectionFactory(String url, String user, String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        factory.setConsumerWindowSize(0);
        factory.setBlockOnDurableSend(true);
        return factory;
    }

    public WebhookReader(Webhook webhook, int consumers, ConnectionFactory broker, WebhookAttempt attempt,
            DeliveredListener delivered, DeadLetter deadLetter) {
        this.webhook = webhook;
        this.consumers = consumers;
        this.broker = broker;
        this.attempt = attempt;
        this.delivered = delivered;
        this.deadLetter = deadLetter;
    }

    public synchronized void start() {
        running = true;
        for (int i = 1; i <= consumers; i++) {
            Thread thread = new Thread(this::run, "callgem-webhook-" + Webhook.safe(webhook.key()) + "-" + i);
            // one still in a request when the shutdown timeout ends does not hold the JVM: its
            // message is not acknowledged, so it is attempted again on the next start
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops taking messages: each consumer finishes the attempt it is in, the rest stays queued. */
    public void stop() {
        running = false;
    }

    /** Waits until the consumers have stopped, at most until {@code deadlineNanos} ({@link System#nanoTime()}). */
    public synchronized void awaitStopped(long deadlineNanos) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        }
        threads.clear();
    }

    private void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try (Connection connection = broker.createConnection()) {
                Session session = connection.createSession(false, ActiveMQJMSConstants.INDIVIDUAL_ACKNOWLEDGE);
                MessageConsumer queue = session.createConsumer(session.createQueue(webhook.queue()));
                MessageProducer retries = session.createProducer(session.createQueue(webhook.queue()));
                retries.setDeliveryMode(DeliveryMode.PERSISTENT);
                connection.start();
                while (running) {
                    Message message = queue.receive(RECEIVE_TIMEOUT_MS);
                    if (message != null) {
                        handle(message, session, retries);
                    }
                }
            } catch (Exception e) {
                // the broker went away, or the dead letter failed: what is not acknowledged comes again
                LOG.warnf("Webhook '%s' (queue %s): %s; reading again in %d ms", webhook.key(), webhook.queue(), e,
                        RETRY_PAUSE_MS);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MS)); // an interrupt ends it, and the loop
            }
        }
    }

    private void handle(Message message, Session session, MessageProducer retries) throws Exception {
        String id = message.getStringProperty(WebhookAttempt.OUTCOME_ID);
        String tenant = message.getStringProperty(WebhookAttempt.TENANT);
        if (tenant == null) {
            tenant = Webhook.DEFAULT;
        }
        int attemptsMade = message.propertyExists(WebhookAttempt.ATTEMPTS)
                ? message.getIntProperty(WebhookAttempt.ATTEMPTS) : 0;
        byte[] document = JmsBatch.utf8Body(message);
        WebhookAttempt.Result result = attempt.attempt(webhook, id, tenant, attemptsMade, document);
        if (result instanceof WebhookAttempt.Retry retry) {
            retries.setDeliveryDelay(retry.delay().toMillis());
            retries.send(copy(session, message, document, retry.attemptsMade()));
        } else if (result instanceof WebhookAttempt.GiveUp giveUp) {
            deadLetter.write(document, id, tenant, giveUp.reason());
        } else {
            delivered.delivered(tenant, id);
        }
        message.acknowledge();
    }

    /** The next attempt's message: the same document, properties and group, the attempts made so far. */
    private static Message copy(Session session, Message original, byte[] document, int attemptsMade)
            throws JMSException {
        BytesMessage copy = session.createBytesMessage();
        copy.writeBytes(document);
        for (String name : List.of(WebhookAttempt.OUTCOME_ID, WebhookAttempt.TENANT, WebhookEnqueue.GROUP)) {
            String value = original.getStringProperty(name);
            if (value != null) {
                copy.setStringProperty(name, value);
            }
        }
        copy.setIntProperty(WebhookAttempt.ATTEMPTS, attemptsMade);
        return copy;
    }
}
