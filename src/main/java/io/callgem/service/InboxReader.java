package io.callgem.service;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppingEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The durable hand-off's consuming side: takes the batches waiting in the inbox queue
 * ({@code outcomes.handoff.queue}) several at a time, all that are already there up to
 * {@code outcomes.delivery.max-batch-size} outcomes, and hands them to {@code direct:deliver}
 * as one batch; they are acknowledged together once every sink took it, and redelivered
 * together if not.
 * <p>
 * Why not Camel's JMS consumer: it delivers one message per exchange, and each delivery waits
 * for the sinks' broker commits (about a millisecond each even on a fast disk). At a trickle the
 * receive side hands off one outcome per message, so one delivery per message falls behind at
 * about a thousand outcomes a second and never catches up. Taking what has piled up meanwhile
 * makes the commits per outcome fall as the load rises. (camel-sjms's batching consumer is not
 * in this Camel version.) With {@code outcomes.handoff.uri=direct:deliver} the inbox stays empty.
 */
@ApplicationScoped
public class InboxReader {

    private static final Logger LOG = Logger.getLogger(InboxReader.class);
    private static final long RECEIVE_TIMEOUT_MS = 200;
    private static final long RETRY_PAUSE_MS = 1000;

    @ConfigProperty(name = "outcomes.handoff.queue", defaultValue = "callgem.inbox")
    String queue;

    /** The most outcomes one delivery takes from the inbox (it stops after the message that reaches it). */
    @ConfigProperty(name = "outcomes.delivery.max-batch-size", defaultValue = "500")
    int maxBatchSize;

    @ConfigProperty(name = "camel.main.shutdown-timeout", defaultValue = "45")
    int shutdownTimeoutSeconds;

    @Inject
    ConnectionFactory broker;

    private volatile boolean running;
    private Thread reader;
    private ProducerTemplate deliver;

    void start(@Observes CamelContextStartedEvent event) {
        CamelContext camel = event.getContext();
        deliver = camel.createProducerTemplate();
        deliver.setDefaultEndpointUri("direct:deliver");
        running = true;
        reader = new Thread(this::run, "callgem-inbox");
        reader.start();
    }

    /** Before the routes stop: the batch being delivered is finished, the rest stays in the inbox. */
    void stop(@Observes CamelContextStoppingEvent event) throws InterruptedException {
        running = false;
        if (reader != null) {
            reader.join(TimeUnit.SECONDS.toMillis(shutdownTimeoutSeconds));
            reader = null;
        }
    }

    private void run() {
        while (running) {
            try (JMSContext jms = broker.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
                    JMSConsumer inbox = jms.createConsumer(jms.createQueue(queue))) {
                while (running) {
                    Message first = inbox.receive(RECEIVE_TIMEOUT_MS);
                    if (first != null) {
                        deliver(jms, first, inbox);
                    }
                }
            } catch (JMSException | RuntimeException e) {
                // the broker went away, or anything else: this thread must not die with it
                LOG.warnf("Inbox %s: %s; reading again in %d ms", queue, e, RETRY_PAUSE_MS);
                pause();
            }
        }
    }

    /** {@code first} and whatever else waits, as one batch to the sinks; acknowledged or recovered together. */
    private void deliver(JMSContext jms, Message first, JMSConsumer inbox) throws JMSException {
        Taken taken = take(first, inbox, maxBatchSize);
        Exchange delivered = deliver.send(exchange -> {
            exchange.getMessage().setBody(taken.batch());
            exchange.getMessage().setHeader(OutcomeToDocument.BATCH, taken.outcomes());
        });
        if (delivered.getException() == null) {
            taken.last().acknowledge();   // all received so far
        } else {
            // only when even the dead letter failed: the broker redelivers them, later
            LOG.warnf(delivered.getException(), "Inbox %s: %d outcomes not delivered; they stay in the inbox",
                    queue, taken.outcomes());
            jms.recover();
            pause();
        }
    }

    /**
     * What one delivery takes from the inbox: the batches' documents, one per line, how many
     * outcomes they hold, and the last message (acknowledging it acknowledges them all).
     */
    record Taken(byte[] batch, int outcomes, Message last) {
    }

    /**
     * {@code first} and the messages already waiting after it, until they hold
     * {@code maxBatchSize} outcomes. Each message's body is read before the next is received:
     * a large message (over the connection's {@code minLargeMessageSize}) streams its body, and
     * the consumer drops what is left of that stream when it receives the next message.
     */
    static Taken take(Message first, JMSConsumer inbox, int maxBatchSize) throws JMSException {
        byte[] batch = JmsBatch.utf8Body(first);
        ByteArrayOutputStream lines = null;
        int outcomes = outcomes(first);
        Message last = first;
        Message next;
        while (outcomes < maxBatchSize && (next = inbox.receiveNoWait()) != null) {
            if (lines == null) {
                lines = new ByteArrayOutputStream(batch.length * 2);
                lines.writeBytes(batch);
            }
            lines.write('\n');
            lines.writeBytes(JmsBatch.utf8Body(next));
            outcomes += outcomes(next);
            last = next;
        }
        return new Taken(lines == null ? batch : lines.toByteArray(), outcomes, last);
    }

    private static int outcomes(Message message) throws JMSException {
        return message.propertyExists(OutcomeToDocument.BATCH) ? message.getIntProperty(OutcomeToDocument.BATCH) : 1;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
